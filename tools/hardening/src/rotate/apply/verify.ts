import type { EnvironmentSettings } from '../inventory/schema.js';

export interface VerifyResult {
  ok: boolean;
  attempts: number;
  /** Last HTTP status, 0 when the URL could not be reached. */
  status: number;
  reason?: string;
}

export interface VerifyOptions {
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

/**
 * Polls the environment's health URL until it answers 2xx with a body that
 * does not report a failure ({ ok: false } or a status such as "error"),
 * or the attempts run out.
 */
export async function verifyHealth(
  health: EnvironmentSettings['health'],
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise((done) => setTimeout(done, ms)));
  let last: VerifyResult = { ok: false, attempts: 0, status: 0 };
  for (let attempt = 1; attempt <= health.attempts; attempt++) {
    if (attempt > 1) await sleep(health.intervalSeconds * 1000);
    if (options.signal?.aborted)
      return { ...last, attempts: attempt - 1, reason: 'interrupted' };
    last = {
      ...(await probe(health.url, health.timeoutSeconds)),
      attempts: attempt,
    };
    if (last.ok) return last;
  }
  return last;
}

async function probe(
  url: string,
  timeoutSeconds: number,
): Promise<Omit<VerifyResult, 'attempts'>> {
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json', 'cache-control': 'no-cache' },
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      return {
        ok: false,
        status: response.status,
        reason: `answered ${response.status}`,
      };
    }
    const failure = bodyFailure(text);
    return failure
      ? { ok: false, status: response.status, reason: failure }
      : { ok: true, status: response.status };
  } catch (error) {
    return {
      ok: false,
      status: 0,
      reason: `unreachable (${(error as Error).name})`,
    };
  }
}

const BAD_STATUS = /^(fail|failed|failing|error|down|unhealthy|degraded)$/i;

function bodyFailure(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  if (record.ok === false) return 'body reports ok: false';
  if (typeof record.status === 'string' && BAD_STATUS.test(record.status)) {
    return `body reports status "${record.status}"`;
  }
  return undefined;
}
