import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Logger } from '@shipshape/logger';
import { redactSecrets } from '@shipshape/secrets';
import pg from 'pg';
import { ShipshapeError } from '../errors.js';
import type { Finding, Report, RuleDescriptor } from '../report/index.js';
import { VERSION } from '../version.js';
import {
  analyzeSql,
  type Destructive,
  type DestructiveKind,
} from './analyze.js';
import { describeTarget, type Target } from './target.js';
import { SqlSyntaxError } from './tokenize.js';

export interface SafeRunOptions {
  file: string;
  /** The database URL; never printed or logged. Checked after the file. */
  url: string | undefined;
  /** The environment to read production hints from (process.env in the CLI). */
  env: Record<string, string | undefined>;
  /** --confirm-production: must equal the target's host/database. */
  confirm?: string;
  forceProduction?: boolean;
  productionHosts?: readonly RegExp[];
  /** --not-production: a hosted Supabase project that is not production. */
  notProduction?: boolean;
  nonProductionHosts?: readonly RegExp[];
  /** Analyse and decide, but do not connect. */
  dryRun?: boolean;
  cwd: string;
  logger: Logger;
  connectTimeoutMs?: number;
}

export const DB_GUARD_RULES: readonly RuleDescriptor[] = [
  rule('drop', 'DROP of a database object', 'critical'),
  rule('truncate', 'TRUNCATE removes every row', 'critical'),
  rule(
    'delete-without-where',
    'DELETE with no WHERE clause removes every row',
    'critical',
  ),
  rule(
    'update-without-where',
    'UPDATE with no WHERE clause rewrites every row',
    'high',
  ),
  rule(
    'alter-drop',
    'ALTER ... DROP removes a column, constraint or property',
    'high',
  ),
  rule(
    'dynamic-sql',
    'EXECUTE of SQL built at run time: cannot verify dynamic SQL',
    'high',
  ),
];

/**
 * Reads a SQL file, finds its destructive statements and runs it with pg
 * unless the target is production and the run is not confirmed by name.
 * The file goes to PostgreSQL as one simple query, so it runs as one
 * implicit transaction unless it manages its own.
 */
export async function safeRun(options: SafeRunOptions): Promise<Report> {
  const started = Date.now();
  const source = await readSql(options.file);
  const fromCwd = relative(options.cwd, options.file);
  const shown = fromCwd && !fromCwd.startsWith('..') ? fromCwd : options.file;
  const analysis = analyze(source, shown);
  const url = options.url;
  if (!url) {
    throw new ShipshapeError(
      'BAD_OPTION',
      '--url: no database given; pass --url or set DATABASE_URL.',
    );
  }
  const target = describeTarget(url, options.env, options);
  checkConfirmation(options.confirm, target);

  const confirmed = options.confirm === target.name;
  const blocked =
    target.production && !confirmed && analysis.destructive.length > 0;
  const findings = analysis.destructive.map((hit) =>
    toFinding(hit, shown, target, confirmed),
  );
  options.logger.debug(
    {
      target: target.name,
      production: target.production,
      destructive: findings.length,
    },
    'db guard decided',
  );

  let executed = false;
  if (!blocked && !options.dryRun) {
    await execute(source, { ...options, url }, shown);
    executed = true;
  }

  return {
    tool: 'shipshape',
    command: 'db:safe-run',
    version: VERSION,
    ok: !blocked,
    findings,
    stats: {
      files: 1,
      bytes: Buffer.byteLength(source),
      skipped: [],
      durationMs: Date.now() - started,
      statements: analysis.statements,
    },
    target: {
      name: target.name,
      production: target.production,
      reasons: target.reasons,
    },
    executed,
    dryRun: Boolean(options.dryRun),
  };
}

async function readSql(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${file}: cannot read the SQL file; check the path.`,
      { cause },
    );
  }
}

function analyze(source: string, shown: string) {
  try {
    return analyzeSql(source);
  } catch (error) {
    if (error instanceof SqlSyntaxError) {
      throw new ShipshapeError(
        'UNREADABLE_INPUT',
        `${shown}:${error.line}:${error.column}: ${error.message}; fix the SQL before running it.`,
      );
    }
    throw error;
  }
}

function checkConfirmation(confirm: string | undefined, target: Target): void {
  if (confirm === undefined || confirm === target.name) return;
  throw new ShipshapeError(
    'BAD_OPTION',
    `--confirm-production names ${JSON.stringify(confirm)}, but the target is ${target.name}; ` +
      'name the database this run targets, or drop the flag.',
  );
}

function toFinding(
  hit: Destructive,
  file: string,
  target: Target,
  confirmed: boolean,
): Finding {
  const descriptor = DB_GUARD_RULES.find(
    (r) => r.id === `db-guard/${hit.kind}`,
  );
  const object = hit.target ? ` on ${hit.target}` : '';
  const where = hit.viaExecute
    ? ' (inside a DO block, run by EXECUTE)'
    : hit.inDoBlock
      ? ' (inside a DO block)'
      : '';
  const finding: Finding = {
    ruleId: `db-guard/${hit.kind}`,
    severity: descriptor?.severity ?? 'high',
    message: `${hit.summary}${object}${where}`,
    location: { file, line: hit.line, column: hit.column },
    fingerprint: fingerprint(hit.kind, file, hit.excerpt),
    evidence: redactSecrets(hit.excerpt),
    properties: { statement: hit.statement, target: hit.target },
  };
  if (!target.production) {
    finding.suppressed = {
      kind: 'not-production',
      reason: `${target.name} is not production`,
    };
  } else if (confirmed) {
    finding.suppressed = {
      kind: 'confirmed',
      reason: `--confirm-production ${target.name}`,
    };
  }
  return finding;
}

async function execute(
  source: string,
  options: SafeRunOptions & { url: string },
  shown: string,
): Promise<void> {
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'shipshape-db-guard',
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (cause) {
    const code = (cause as { code?: string }).code ?? 'connection failed';
    throw new ShipshapeError(
      'SOURCE_UNAVAILABLE',
      `--url (or DATABASE_URL): cannot connect to the database (${code}); check that it is up and reachable.`,
      { cause },
    );
  }
  try {
    await client.query(source);
    options.logger.debug({ file: shown }, 'db guard ran the file');
  } catch (cause) {
    throw rejected(cause, source, shown);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// PostgreSQL's message names the problem; it is scrubbed, and the position
// it reports becomes a line and column in the file.
function rejected(
  cause: unknown,
  source: string,
  shown: string,
): ShipshapeError {
  const error = cause as { code?: string; message?: string; position?: string };
  const at = Number(error.position);
  let where = shown;
  if (Number.isInteger(at) && at > 0) {
    const before = source.slice(0, at - 1).split('\n');
    where = `${shown}:${before.length}:${before[before.length - 1].length + 1}`;
  }
  const message = redactSecrets(error.message ?? 'unknown error');
  return new ShipshapeError(
    'SOURCE_UNAVAILABLE',
    `${where}: PostgreSQL rejected the file (SQLSTATE ${error.code ?? '?'}: ${message}); fix it and run again (a file without its own COMMIT ran as one transaction, so nothing was kept).`,
    { cause },
  );
}

function fingerprint(
  kind: DestructiveKind,
  file: string,
  excerptText: string,
): string {
  return createHash('sha256')
    .update(`${kind}\0${file}\0${excerptText}`)
    .digest('hex')
    .slice(0, 16);
}

function rule(
  id: string,
  description: string,
  severity: RuleDescriptor['severity'],
): RuleDescriptor {
  return { id: `db-guard/${id}`, name: id, description, severity };
}
