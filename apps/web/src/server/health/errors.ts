import { CheckTimeout } from './timeout';

/** A failure described by a code and a fixed phrase: nothing from the wire. */
export interface Described {
  code: string;
  detail: string;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

const SQLSTATE: Record<string, string> = {
  '28P01': 'authentication failed',
  '28000': 'authentication rejected',
  '3D000': 'database does not exist',
  '53300': 'too many connections',
  '57P01': 'server is shutting down',
  '57P03': 'server is starting up',
  '57014': 'query cancelled (statement timeout)',
};

/**
 * Maps an error to a code and a phrase. Error messages are never used: a
 * driver may quote the host, the user or the whole connection string.
 */
export function describeError(error: unknown, timeoutMs: number): Described {
  if (error instanceof CheckTimeout) {
    return { code: 'TIMEOUT', detail: `timed out after ${timeoutMs} ms` };
  }
  const code = findCode(error);
  if (code && code in NETWORK) return { code, detail: NETWORK[code] };
  if (code && code in SQLSTATE) return { code, detail: SQLSTATE[code] };
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    return { code, detail: `query failed (SQLSTATE ${code})` };
  }
  if (isTimeoutMessage(error)) {
    return { code: 'TIMEOUT', detail: `timed out after ${timeoutMs} ms` };
  }
  return { code: code ?? 'UNKNOWN', detail: 'request failed' };
}

// fetch wraps the socket error in `cause`; pg puts it on the error itself.
function findCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

// pg reports its own connection and query timeouts only in words.
function isTimeoutMessage(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (
    /timeout|timed out/i.test(message) ||
    (error as Error)?.name === 'AbortError'
  );
}
