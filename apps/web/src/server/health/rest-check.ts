import type { ServerEnv } from '../env';
import { supabaseClient } from './clients';
import { describeError } from './errors';
import { withTimeout } from './timeout';
import type { CheckResult } from './types';

// Never a real table: PostgREST's "no such relation" answer is proof enough
// that the gateway accepted the key and the schema cache is loaded.
const DEFAULT_PROBE = '_shipshape_health_probe';
const MISSING_RELATION = new Set(['PGRST205', '42P01']);

/**
 * Asks PostgREST for at most one row of the probe table with the anon key,
 * through supabase-js (retries off: the timeout is the whole budget).
 */
export async function checkRest(
  env: ServerEnv,
): Promise<Omit<CheckResult, 'durationMs'>> {
  const client = supabaseClient(
    env.NEXT_PUBLIC_SUPABASE_URL,
    env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
  );
  const table = env.SUPABASE_HEALTH_TABLE ?? DEFAULT_PROBE;
  const timeoutMs = env.HEALTH_TIMEOUT_MS;
  try {
    const response = await withTimeout(timeoutMs, async (signal) =>
      client.from(table).select('*').limit(1).retry(false).abortSignal(signal),
    );
    return classify(
      response.status,
      response.error?.code,
      Boolean(env.SUPABASE_HEALTH_TABLE),
    );
  } catch (error) {
    const { code, detail } = describeError(error, timeoutMs);
    return { name: 'rest', status: 'fail', code, detail: `REST API ${detail}` };
  }
}

function classify(
  status: number,
  errorCode: string | undefined,
  tableConfigured: boolean,
): Omit<CheckResult, 'durationMs'> {
  if (status >= 200 && status < 300) {
    return {
      name: 'rest',
      status: 'ok',
      detail: `REST API answered HTTP ${status}`,
    };
  }
  if (!tableConfigured && errorCode && MISSING_RELATION.has(errorCode)) {
    return {
      name: 'rest',
      status: 'ok',
      detail: 'REST API answered and accepted the anon key',
    };
  }
  if (status === 401 || status === 403) {
    return {
      name: 'rest',
      status: 'fail',
      code: `HTTP_${status}`,
      detail: `REST API refused the request (HTTP ${status}); check the anon key and grants`,
    };
  }
  if (status === 0) {
    return {
      name: 'rest',
      status: 'fail',
      code: 'NETWORK',
      detail: 'REST API unreachable',
    };
  }
  return {
    name: 'rest',
    status: 'fail',
    code: `HTTP_${status}`,
    detail: `REST API answered HTTP ${status}`,
  };
}
