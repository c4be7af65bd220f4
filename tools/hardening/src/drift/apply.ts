import type { Logger } from '@shipshape/logger';
import { ShipshapeError } from '../errors.js';
import {
  parseCreateExtension,
  planExtension,
  type ExtensionPolicy,
} from './extensions.js';
import { SUPABASE_SEARCH_PATH } from './prelude/prelude.js';
import type { SqlFile } from './sql/files.js';
import { lineAt, type Statement } from './sql/split.js';
import {
  isDatabaseError,
  type DatabaseErrorLike,
  type Scratch,
} from './scratch/types.js';

/** Extensions replaced by stubs while applying: their objects leave the model. */
export interface StubbedExtension {
  name: string;
  schema: string;
  ownSchema?: string;
  functions: string[];
}

export interface ApplyOptions {
  /** False when the caller already holds a transaction around all files. */
  transactionPerFile: boolean;
}

export interface ApplyResult {
  statements: number;
  stubbed: StubbedExtension[];
}

const TRANSACTION_CONTROL =
  /^(begin|start\s+transaction|commit|end|rollback|abort)\b/i;
const NO_TRANSACTION =
  /\b(concurrently|vacuum)\b|^alter\s+system\b|^(create|drop)\s+database\b/i;

/**
 * Applies files in order, one transaction per file unless the file manages
 * its own. The first failure stops the run and names file, line and the
 * server's message.
 */
export async function applyFiles(
  scratch: Scratch,
  files: readonly SqlFile[],
  policy: ExtensionPolicy,
  logger: Logger,
  options: ApplyOptions = { transactionPerFile: true },
): Promise<ApplyResult> {
  const result: ApplyResult = { statements: 0, stubbed: [] };
  const engine =
    scratch.engine === 'pglite'
      ? 'the embedded PostgreSQL (PGlite)'
      : 'the scratch server';
  for (const file of files) {
    logger.debug(
      { file: file.display, statements: file.statements.length },
      'drift: applying',
    );
    const planned = file.statements.flatMap((statement) => {
      const sql = rewrite(statement, file, scratch, policy, engine, result);
      return sql === undefined ? [] : [{ statement, sql }];
    });
    if (managesTransactions(file)) {
      await applyOneByOne(scratch, file, planned);
    } else {
      await applyBatch(scratch, file, planned, options);
    }
    result.statements += planned.length;
  }
  return result;
}

interface Planned {
  statement: Statement;
  sql: string;
}

// Each file starts from the platform's search_path, whatever the last one set.
const RESET = `set search_path = ${SUPABASE_SEARCH_PATH};`;

/**
 * The whole file in one round trip (one implicit transaction, or a
 * savepoint inside the caller's). Only when it fails are the statements
 * replayed one by one, to name the failing one.
 */
async function applyBatch(
  scratch: Scratch,
  file: SqlFile,
  planned: readonly Planned[],
  options: ApplyOptions,
): Promise<void> {
  const body = planned
    .map(({ sql }) => (sql.endsWith(';') ? sql : `${sql}\n;`))
    .join('\n');
  // The savepoint is its own round trip: a syntax error anywhere in the
  // batch would otherwise stop it from ever being set.
  const undo = options.transactionPerFile
    ? 'rollback'
    : 'rollback to savepoint shipshape_file';
  if (!options.transactionPerFile) {
    await scratch.exec('savepoint shipshape_file');
  }
  try {
    await scratch.exec(`${RESET}\n${body}`);
    if (!options.transactionPerFile) {
      await scratch.exec('release savepoint shipshape_file');
    }
    return;
  } catch (error) {
    if (!isDatabaseError(error)) throw error;
    await scratch.exec(undo).catch(() => undefined);
    if (options.transactionPerFile) await scratch.exec('begin');
    try {
      await scratch.exec(RESET);
      for (const { statement, sql } of planned) {
        await run(scratch, sql, statement, file);
      }
    } finally {
      await scratch.exec(undo).catch(() => undefined);
    }
    throw failure(file, file.statements[0], error, '');
  }
}

// Files that commit or roll back themselves run as written, statement by statement.
async function applyOneByOne(
  scratch: Scratch,
  file: SqlFile,
  planned: readonly Planned[],
): Promise<void> {
  await scratch.exec(RESET);
  for (const { statement, sql } of planned) {
    await run(scratch, sql, statement, file);
  }
}

/** True when a file commits, rolls back, or runs what a transaction block refuses. */
export function managesTransactions(file: SqlFile): boolean {
  return file.statements.some(
    (s) => TRANSACTION_CONTROL.test(s.text) || NO_TRANSACTION.test(s.text),
  );
}

// The statement as it will run: unchanged, stubbed, or left out (undefined).
function rewrite(
  statement: Statement,
  file: SqlFile,
  scratch: Scratch,
  policy: ExtensionPolicy,
  engine: string,
  result: ApplyResult,
): string | undefined {
  const extension = parseCreateExtension(statement);
  if (!extension) return statement.text;
  const use = { ...extension, file: file.display, line: statement.line };
  const plan = planExtension(
    use,
    (name) => scratch.canCreateExtension(name),
    policy,
    engine,
  );
  if (plan.action === 'create') return statement.text;
  if (plan.action === 'skip') return undefined;
  const schema = extension.schema ?? 'public';
  result.stubbed.push({
    name: extension.name,
    schema,
    ownSchema: plan.stub.ownSchema,
    functions: plan.stub.functions ?? [],
  });
  return `create schema if not exists "${schema.replace(/"/g, '""')}";\n${plan.stub.sql(`"${schema.replace(/"/g, '""')}"`)}`;
}

async function run(
  scratch: Scratch,
  sql: string,
  statement: Statement,
  file: SqlFile,
): Promise<void> {
  try {
    await scratch.exec(sql);
  } catch (error) {
    if (!isDatabaseError(error)) throw error;
    throw failure(file, statement, error, sql);
  }
}

function failure(
  file: SqlFile,
  statement: Statement,
  error: DatabaseErrorLike,
  sql: string,
): ShipshapeError {
  const position = Number(error.position ?? 0);
  const line =
    position > 0 && sql === statement.text
      ? statement.line + lineAt(statement.text, position - 1) - 1
      : statement.line;
  const detail = error.detail ? ` (${error.detail})` : '';
  const hint = error.hint ? ` Hint: ${error.hint}` : '';
  return new ShipshapeError(
    'UNREADABLE_INPUT',
    `${file.display}:${line}: the statement failed: ${error.message}${detail}.${hint} ` +
      'Fix the SQL (or the migrations before it) and run again.',
    { cause: error },
  );
}
