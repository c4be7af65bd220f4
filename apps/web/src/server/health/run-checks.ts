import { performance } from 'node:perf_hooks';
import { loadServerEnv } from '../env';
import { appLogger } from '../logger';
import { checkDatabase } from './db-check';
import { checkRest } from './rest-check';
import type { CheckName, CheckResult, HealthReport } from './types';

/**
 * Validates the env, then checks REST and the database in parallel. Each
 * check logs one line with its duration; the report holds only fixed
 * phrases and codes, so it is safe to return to anyone.
 */
export async function runHealthChecks(
  source: Record<string, string | undefined> = process.env,
): Promise<HealthReport> {
  const logger = appLogger();
  const started = performance.now();
  const loaded = loadServerEnv(source);
  const envResult: CheckResult = loaded.ok
    ? {
        name: 'env',
        status: 'ok',
        detail: 'all variables valid',
        durationMs: elapsed(started),
      }
    : {
        name: 'env',
        status: 'fail',
        code: 'INVALID_ENV',
        detail: `invalid: ${[...new Set(loaded.issues.map((issue) => issue.variable))].join(', ')}`,
        durationMs: elapsed(started),
      };
  log(envResult, loaded.ok ? undefined : loaded.issues);

  let dependencyResults: CheckResult[];
  if (loaded.ok) {
    dependencyResults = await Promise.all([
      timed('rest', () => checkRest(loaded.env)),
      timed('database', () => checkDatabase(loaded.env)),
    ]);
  } else {
    dependencyResults = (['rest', 'database'] as const).map((name) => ({
      name,
      status: 'skipped',
      detail: 'not checked: the configuration is invalid',
      durationMs: 0,
    }));
  }
  for (const result of dependencyResults) log(result);

  const checks = [envResult, ...dependencyResults];
  const healthy = checks.every((check) => check.status !== 'fail') && loaded.ok;
  const report: HealthReport = {
    status: healthy ? 'ok' : 'degraded',
    checks,
    checkedAt: new Date().toISOString(),
  };
  logger.info(
    { status: report.status, durationMs: elapsed(started) },
    'health checks finished',
  );
  return report;

  function log(
    result: CheckResult,
    issues?: ReadonlyArray<{ variable: string; code: string }>,
  ) {
    const fields = {
      check: result.name,
      status: result.status,
      durationMs: result.durationMs,
      ...(result.code ? { code: result.code } : {}),
      ...(issues
        ? { issues: issues.map(({ variable, code }) => ({ variable, code })) }
        : {}),
    };
    if (result.status === 'fail') logger.warn(fields, 'health check failed');
    else logger.info(fields, 'health check');
  }
}

async function timed(
  name: CheckName,
  run: () => Promise<Omit<CheckResult, 'durationMs'>>,
): Promise<CheckResult> {
  const started = performance.now();
  const result = await run();
  return { ...result, name, durationMs: elapsed(started) };
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
