import { ShipshapeError } from '../errors.js';
import {
  EXTENSION_STUBS,
  GENERIC_STUB,
  type ExtensionStub,
} from './prelude/stubs.js';
import type { SqlFile } from './sql/files.js';
import type { Statement } from './sql/split.js';

const CREATE_EXTENSION =
  /^create\s+extension\s+(?:if\s+not\s+exists\s+)?("(?:[^"]|"")+"|[\w-]+)(?:\s+(?:with\s+)?schema\s+("(?:[^"]|"")+"|\w+))?/i;

/** A CREATE EXTENSION found in the SQL. */
export interface ExtensionUse {
  name: string;
  schema?: string;
  file: string;
  line: number;
}

export function parseCreateExtension(
  statement: Statement,
): { name: string; schema?: string } | undefined {
  const match = CREATE_EXTENSION.exec(statement.text);
  if (!match) return undefined;
  return {
    name: unquote(match[1]),
    schema: match[2] ? unquote(match[2]) : undefined,
  };
}

export function findExtensionUses(files: readonly SqlFile[]): ExtensionUse[] {
  const uses: ExtensionUse[] = [];
  for (const file of files) {
    for (const statement of file.statements) {
      const parsed = parseCreateExtension(statement);
      if (parsed)
        uses.push({ ...parsed, file: file.display, line: statement.line });
    }
  }
  return uses;
}

export interface ExtensionPolicy {
  stub: ReadonlySet<string>;
  skip: ReadonlySet<string>;
}

export type ExtensionPlan =
  | { action: 'create' }
  | { action: 'skip' }
  | { action: 'stub'; stub: ExtensionStub };

/** What to do with one CREATE EXTENSION on an engine that may lack it. */
export function planExtension(
  use: ExtensionUse,
  available: (name: string) => boolean,
  policy: ExtensionPolicy,
  engine: string,
): ExtensionPlan {
  if (policy.skip.has(use.name)) return { action: 'skip' };
  if (policy.stub.has(use.name)) {
    return { action: 'stub', stub: EXTENSION_STUBS[use.name] ?? GENERIC_STUB };
  }
  if (available(use.name)) return { action: 'create' };
  throw new ShipshapeError(
    'UNSUPPORTED',
    `${use.file}:${use.line}: extension "${use.name}" is not available in ${engine}; ` +
      `pass --stub-extension ${use.name} to stand in a minimal stub, ` +
      `--skip-extension ${use.name} to leave the statement out, ` +
      'or apply on a server that has it with --scratch-url URL.',
  );
}

function unquote(name: string): string {
  return name.startsWith('"')
    ? name.slice(1, -1).replace(/""/g, '"')
    : name.toLowerCase();
}
