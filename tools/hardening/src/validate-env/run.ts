import { createHash } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { validateEnv, withoutEmptyValues, type EnvIssue } from '@shipshape/env';
import type { Logger } from '@shipshape/logger';
import { z } from 'zod';
import { VERSION } from '../version.js';
import { type Finding, type Report, type Warning } from '../report/index.js';
import { loadEnvConfig } from './config.js';
import { readEnvFile, type EnvFile } from './dotenv.js';
import { loadSchema } from './load-schema.js';
import { ruleFor } from './rules.js';

export interface ValidateEnvOptions {
  root: string;
  logger: Logger;
  envFiles?: string[];
  schema?: string;
  exportName?: string;
  config?: string;
  /** Used when no env file is given; defaults to process.env. */
  processEnv?: Readonly<Record<string, string | undefined>>;
}

export const PROCESS_ENV = '(process.env)';

/**
 * collect (env files or process.env, the schema) -> evaluate (validateEnv
 * from @shipshape/env) -> report. Findings name variables, never values.
 */
export async function runValidateEnv(
  options: ValidateEnvOptions,
): Promise<Report> {
  const started = Date.now();
  const { root, logger } = options;
  const { value: config } = loadEnvConfig(root, options.config);
  const fileNames = options.envFiles?.length
    ? options.envFiles
    : config.envFiles;
  const files = fileNames.map((name) => readEnvFile(name, resolve(root, name)));
  const source = files.length
    ? mergeFiles(files)
    : { ...(options.processEnv ?? process.env) };
  logger.debug(
    {
      files: fileNames,
      variables: Object.keys(withoutEmptyValues(source)).length,
    },
    'validate-env: collected variables',
  );

  const warnings: Warning[] = [];
  const schemaPath = options.schema ?? config.schema;
  let issues: EnvIssue[];
  if (schemaPath) {
    const loaded = await loadSchema(
      schemaPath,
      root,
      options.exportName ?? config.export,
    );
    logger.debug(
      { schema: schemaPath, export: loaded.name },
      'validate-env: loaded schema',
    );
    const result = validateEnv(loaded.schema, source);
    issues = result.ok ? [] : result.issues;
  } else {
    warnings.push({
      code: 'NO_SCHEMA',
      message:
        'No schema given (--schema or env.schema in shipshape.config.json): only secret-shape checks ran.',
    });
    const result = validateEnv(z.object({}), source);
    issues = result.ok ? [] : result.issues;
  }

  const findings = issues
    .map((issue) => toFinding(issue, files, root))
    .sort(byPlace);
  logger.debug({ findings: findings.length }, 'validate-env: evaluated');
  return {
    tool: 'shipshape',
    command: 'validate-env',
    version: VERSION,
    ok: findings.length === 0,
    findings,
    stats: {
      files: files.length,
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      skipped: [],
      durationMs: Date.now() - started,
      variables: Object.keys(withoutEmptyValues(source)).length,
    },
    ...(warnings.length ? { warnings } : {}),
  };
}

// Later files override earlier ones, as Next.js layers .env, .env.local, ...
function mergeFiles(files: EnvFile[]): Record<string, string> {
  return Object.assign({}, ...files.map((file) => file.values));
}

function toFinding(issue: EnvIssue, files: EnvFile[], root: string): Finding {
  const rule = ruleFor(issue.code);
  const from = [...files]
    .reverse()
    .find((file) => issue.variable in file.values);
  const file = from
    ? relative(root, resolve(root, from.path)).split('\\').join('/')
    : (files.at(-1)?.path ?? PROCESS_ENV);
  const line = from?.lines[issue.variable];
  return {
    ruleId: rule.id,
    severity: rule.severity,
    message: `${issue.variable} ${issue.problem}`,
    location: { file, ...(line ? { line } : {}) },
    fingerprint: createHash('sha256')
      .update(`${rule.id}\u0000${issue.variable}\u0000${file}`)
      .digest('hex')
      .slice(0, 16),
    properties: { variable: issue.variable, code: issue.code },
  };
}

function byPlace(a: Finding, b: Finding): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    String(a.properties?.['variable']).localeCompare(
      String(b.properties?.['variable']),
    ) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
