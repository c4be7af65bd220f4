import { SourceError } from './model.js';

export interface HttpOptions {
  /** Attempts after the first, for transient failures only. */
  retries: number;
  timeoutMs: number;
  /** First backoff; doubles each retry, with jitter. */
  backoffMs: number;
  /** Tells the caller about each retry (logged at debug). */
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

export const DEFAULT_HTTP: HttpOptions = {
  retries: 3,
  timeoutMs: 30_000,
  backoffMs: 500,
};

const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);
const MAX_DELAY_MS = 30_000;

/**
 * fetch with a timeout per attempt and retries with exponential backoff on
 * transient failures (network errors, timeouts, 408/429/5xx). Any other
 * status fails at once: a 405 or 410 will not heal by asking again.
 */
export async function fetchWithRetry(
  url: string,
  init: RequestInit,
  options: HttpOptions,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(url, init, options.timeoutMs);
    if (outcome.response?.ok) return outcome.response;
    const status = outcome.response?.status;
    const transient =
      status === undefined ? !outcome.permanent : TRANSIENT.has(status);
    const reason = outcome.reason;
    if (!transient || attempt >= options.retries) {
      await outcome.response?.body?.cancel().catch(() => undefined);
      const tries = attempt + 1;
      const suffix = transient
        ? ` after ${tries} attempt${tries === 1 ? '' : 's'}`
        : '';
      throw new SourceError(displayUrl(url), `${reason}${suffix}`, {
        status,
        cause: outcome.cause,
      });
    }
    const delay = retryDelay(outcome.response, options.backoffMs, attempt);
    await outcome.response?.body?.cancel().catch(() => undefined);
    options.onRetry?.(attempt + 1, reason, delay);
    await sleep(delay);
  }
}

async function attemptOnce(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{
  response?: Response;
  reason: string;
  cause?: unknown;
  /** A failure asking again cannot fix: a bad URL, scheme or port. */
  permanent?: boolean;
}> {
  try {
    const response = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      response,
      reason: statusReason(response.status, response.statusText),
    };
  } catch (cause) {
    const name = (cause as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { reason: `no answer within ${timeoutMs} ms`, cause };
    }
    const inner = (cause as Error).cause as
      | { code?: string; message?: string }
      | undefined;
    const code = inner?.code;
    // Network failures carry a code (ECONNREFUSED, ENOTFOUND, UND_ERR_*);
    // a URL fetch refuses to try (invalid, unknown scheme, blocked port)
    // does not, and never heals.
    if (code === undefined || code === 'ERR_INVALID_URL') {
      return {
        reason: `cannot fetch this URL (${inner?.message ?? (cause as Error).message})`,
        cause,
        permanent: true,
      };
    }
    return { reason: `cannot connect (${code})`, cause };
  }
}

function statusReason(status: number, text: string): string {
  const hints: Record<number, string> = {
    404: 'the endpoint does not exist',
    405: 'the server does not offer this endpoint (405 Method Not Allowed)',
    410: 'the endpoint was retired (410 Gone)',
  };
  return hints[status] ?? `HTTP ${status}${text ? ` ${text}` : ''}`;
}

function retryDelay(
  response: Response | undefined,
  base: number,
  attempt: number,
): number {
  const header = response?.headers.get('retry-after');
  const seconds = header ? Number(header) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= 0)
    return Math.min(seconds * 1000, MAX_DELAY_MS);
  const exponential = base * 2 ** attempt;
  return Math.min(
    exponential / 2 + Math.random() * (exponential / 2),
    MAX_DELAY_MS,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a JSON body; a body that is not JSON is a source failure. */
export async function readJsonBody(
  response: Response,
  url: string,
): Promise<unknown> {
  const text = await response.text().catch((cause: unknown) => {
    throw new SourceError(url, 'the answer was cut off', { cause });
  });
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SourceError(url, 'the answer is not valid JSON', { cause });
  }
}

export async function readBytes(
  response: Response,
  url: string,
): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw new SourceError(url, 'the download was cut off', { cause });
  }
}

/** A URL fit for reports and logs: no credentials, no query values. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()])
      parsed.searchParams.set(key, '…');
    return parsed.toString();
  } catch {
    return url;
  }
}
