import { redactSecrets } from '@shipshape/secrets';
import type { Logger } from '@shipshape/logger';

/** An HTTP answer the provider gave that the adapter could not accept. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    readonly provider: string,
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface HttpClientOptions {
  provider: string;
  baseUrl: string;
  token: string;
  headers?: Record<string, string>;
  logger?: Logger;
  /** Retries after 429 and (for idempotent methods) 5xx answers. */
  maxRetries?: number;
  /** Longest wait honoured from Retry-After; longer ones fail the call. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Accepted statuses; defaults to any 2xx. */
  expect?: readonly number[];
}

export interface HttpAnswer<T> {
  status: number;
  body: T;
}

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'PATCH']);

/**
 * A small JSON client shared by the provider adapters: bearer auth, rate
 * limits honoured (Retry-After, or reset headers), transient 5xx retried for
 * idempotent calls, and errors that quote the provider's message but never a
 * request body (it may carry a secret).
 */
export class HttpClient {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpClientOptions) {
    this.sleep =
      options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
  }

  async request<T = unknown>(
    method: string,
    path: string,
    request: RequestOptions = {},
  ): Promise<HttpAnswer<T>> {
    const url = this.url(path, request.query);
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(method, url, request.body);
      const body = await readBody(response);
      if (isAccepted(response.status, request.expect))
        return { status: response.status, body: body as T };

      const wait = retryDelay(response, attempt, IDEMPOTENT.has(method));
      const message = errorMessage(
        this.options.provider,
        method,
        path,
        response.status,
        body,
      );
      if (wait === undefined || attempt >= maxRetries) {
        throw new ProviderError(
          this.options.provider,
          response.status,
          message,
          wait,
        );
      }
      if (wait > (this.options.maxWaitMs ?? 60_000)) {
        throw new ProviderError(
          this.options.provider,
          response.status,
          `${message}; the provider asks to wait ${Math.ceil(wait / 1000)}s, run again later`,
          wait,
        );
      }
      this.options.logger?.debug(
        {
          provider: this.options.provider,
          status: response.status,
          waitMs: wait,
          attempt,
        },
        'provider asked to retry',
      );
      await this.sleep(wait);
    }
  }

  private url(path: string, query: RequestOptions['query'] = {}): URL {
    const base = this.options.baseUrl.endsWith('/')
      ? this.options.baseUrl
      : `${this.options.baseUrl}/`;
    const url = new URL(path.replace(/^\//, ''), base);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url;
  }

  private async send(
    method: string,
    url: URL,
    body: unknown,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
      'user-agent': 'shipshape-rotate',
      ...this.options.headers,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ProviderError(
        this.options.provider,
        0,
        `${this.options.provider}: cannot reach ${url.origin} (${(cause as Error).message})`,
      );
    }
  }
}

function isAccepted(status: number, expect?: readonly number[]): boolean {
  return expect ? expect.includes(status) : status >= 200 && status < 300;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** How long to wait before retrying, or undefined when a retry is pointless. */
export function retryDelay(
  response: Pick<Response, 'status' | 'headers'>,
  attempt: number,
  idempotent: boolean,
): number | undefined {
  const limited =
    response.status === 429 ||
    (response.status === 403 &&
      (response.headers.has('retry-after') ||
        response.headers.get('x-ratelimit-remaining') === '0'));
  if (limited) return headerDelay(response.headers) ?? 1000 * 2 ** attempt;
  if (response.status >= 500 && idempotent) return 500 * 2 ** attempt;
  return undefined;
}

function headerDelay(headers: Headers): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  // GitHub and Vercel send an epoch second; Resend's ratelimit-reset is seconds from now.
  const epoch = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(epoch) && epoch > 1e9)
    return Math.max(0, epoch * 1000 - Date.now());
  const relative = Number(headers.get('ratelimit-reset'));
  if (Number.isFinite(relative) && relative > 0) return relative * 1000;
  return undefined;
}

function errorMessage(
  provider: string,
  method: string,
  path: string,
  status: number,
  body: unknown,
): string {
  const detail = providerMessage(body);
  const shown = detail ? `: ${redactSecrets(detail).slice(0, 200)}` : '';
  return `${provider}: ${method} ${path.split('?')[0]} answered ${status}${shown}`;
}

// Resend and GitHub: { message }; Vercel: { error: { message } }; Supabase: { message } or { error }.
function providerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message;
  if (record.error && typeof record.error === 'object') {
    const nested = (record.error as Record<string, unknown>).message;
    if (typeof nested === 'string') return nested;
  }
  if (typeof record.error === 'string') return record.error;
  return undefined;
}
