import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ShipshapeError } from '../errors.js';

/** Looked up in this order in the workspace (or scanned) root. */
export const CONFIG_FILES = [
  'shipshape.config.json',
  'shipshape.config.yaml',
  'shipshape.config.yml',
] as const;

export interface LoadedSection<T> {
  value: T;
  /** The file it came from, undefined when defaults were used. */
  file?: string;
}

/**
 * Reads one engine's section of the shipshape config and validates it with
 * that engine's zod schema. Every problem is reported at once, by key path,
 * without echoing the offending value.
 */
export function loadConfigSection<Schema extends z.ZodType>(
  section: string,
  schema: Schema,
  options: { root: string; file?: string },
): LoadedSection<z.output<Schema>> {
  const file = options.file ?? findConfigFile(options.root);
  const raw = file ? readConfigFile(file) : {};
  const sectionValue = (raw as Record<string, unknown>)[section] ?? {};
  const parsed = schema.safeParse(sectionValue, { reportInput: false });
  if (parsed.success) return { value: parsed.data, file };

  const where = file ? relative(process.cwd(), file) || file : 'config';
  const problems = parsed.error.issues
    .map((issue) => `${[section, ...issue.path].join('.')}: ${issue.message}`)
    .join('; ');
  throw new ShipshapeError(
    'BAD_CONFIG',
    `${where}: ${problems}. Fix these keys (see docs/configuration.md).`,
  );
}

export function findConfigFile(root: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const candidate = join(root, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${file}: cannot read the config file; check that it exists and is readable.`,
      { cause },
    );
  }

  try {
    const value = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    if (value === null || value === undefined) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new Error('the top level is not an object');
    }
    return value;
  } catch (cause) {
    throw new ShipshapeError(
      'BAD_CONFIG',
      `${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${(cause as Error).message}); fix the syntax.`,
      { cause },
    );
  }
}
