import { redactSecrets } from '@shipshape/secrets';

/** The part of a fetch `Request` (App Router, Edge, undici) the logger reads. */
export interface RequestLike {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}

export interface SerializedRequest {
  method: string;
  /** Path with query keys but never their values. */
  path: string;
  requestId: string;
}

/** Headers that carry an upstream request id, first match wins. */
export const REQUEST_ID_HEADERS = [
  'x-request-id',
  'x-correlation-id',
  'x-vercel-id',
  'x-amzn-trace-id',
  'cf-ray',
] as const;

const SAFE_ID = /^[\w.:/=+-]{1,128}$/;

/**
 * The request's id from a trusted upstream header, or a new random one.
 * Ids that are not short and plain are replaced: a header is user input.
 */
export function requestIdOf(request: Pick<RequestLike, 'headers'>): string {
  for (const name of REQUEST_ID_HEADERS) {
    const value = request.headers.get(name);
    if (value && SAFE_ID.test(value)) return value;
  }
  return globalThis.crypto.randomUUID();
}

/**
 * `/search?q=alice&page=2` becomes `/search?q&page`: query values are where
 * tokens, e-mails and magic-link codes travel.
 */
export function pathWithoutQueryValues(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://local.invalid');
  } catch {
    return '[unparsable url]';
  }
  const keys = [...new Set(parsed.searchParams.keys())];
  const query = keys.length ? `?${keys.map(encodeURIComponent).join('&')}` : '';
  return redactSecrets(parsed.pathname) + query;
}

/** What a log line says about a request: no headers, no query values, no body. */
export function serializeRequest(
  request: RequestLike,
  requestId: string = requestIdOf(request),
): SerializedRequest {
  return {
    method: request.method,
    path: pathWithoutQueryValues(request.url),
    requestId,
  };
}

interface ChildCapable<L> {
  child(bindings: Record<string, unknown>): L;
}

/**
 * A child logger for one request: every line carries `requestId` and
 * `req: { method, path }`. Works with pino and the edge logger alike.
 */
export function requestLogger<L extends ChildCapable<L>>(
  logger: L,
  request: RequestLike,
  requestId: string = requestIdOf(request),
): L {
  const { method, path } = serializeRequest(request, requestId);
  return logger.child({ requestId, req: { method, path } });
}

interface HandlerLogger<L> extends ChildCapable<L> {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RequestScope<L> {
  log: L;
  requestId: string;
}

/**
 * Wraps an App Router route handler: gives it a per-request logger, logs
 * one line per response (status, duration) and every thrown error with its
 * stack, and echoes the id in `x-request-id`.
 */
export function withRequestLogger<
  L extends HandlerLogger<L>,
  Req extends RequestLike,
  Ctx,
>(
  logger: L,
  handler: (
    request: Req,
    context: Ctx,
    scope: RequestScope<L>,
  ) => Promise<Response> | Response,
): (request: Req, context: Ctx) => Promise<Response> {
  return async (request, context) => {
    const requestId = requestIdOf(request);
    const log = requestLogger(logger, request, requestId);
    const started = Date.now();
    try {
      const response = await handler(request, context, { log, requestId });
      log.info(
        { status: response.status, durationMs: Date.now() - started },
        'request completed',
      );
      if (!response.headers.has('x-request-id')) {
        try {
          response.headers.set('x-request-id', requestId);
        } catch {
          // Responses from fetch() have immutable headers; the id is logged.
        }
      }
      return response;
    } catch (err) {
      log.error({ err, durationMs: Date.now() - started }, 'request failed');
      throw err;
    }
  };
}
