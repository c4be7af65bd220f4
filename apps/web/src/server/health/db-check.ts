import type { ServerEnv } from '../env';
import { databasePool } from './clients';
import { describeError } from './errors';
import { withTimeout } from './timeout';
import type { CheckResult } from './types';

/** Runs `select 1` over DATABASE_URL through a small shared pool. */
export async function checkDatabase(
  env: ServerEnv,
): Promise<Omit<CheckResult, 'durationMs'>> {
  if (!env.DATABASE_URL) {
    return {
      name: 'database',
      status: 'skipped',
      detail: 'DATABASE_URL is not set',
    };
  }
  const timeoutMs = env.HEALTH_TIMEOUT_MS;
  try {
    const pool = databasePool(env.DATABASE_URL, timeoutMs);
    await withTimeout(timeoutMs, () => pool.query('select 1 as ok'));
    return {
      name: 'database',
      status: 'ok',
      detail: 'database answered a query',
    };
  } catch (error) {
    const { code, detail } = describeError(error, timeoutMs);
    return {
      name: 'database',
      status: 'fail',
      code,
      detail: `database ${detail}`,
    };
  }
}
