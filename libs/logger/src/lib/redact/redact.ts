import { mayContainSecret, scrubSecrets } from '@shipshape/secrets';
import { sensitiveKeyMatcher, type KeyPolicy } from './keys.js';

export interface RedactOptions extends KeyPolicy {
  /** What replaces a redacted value (default `[REDACTED]`). */
  censor?: string;
  /** Objects nested deeper than this are replaced by `[Truncated]` (default 10). */
  maxDepth?: number;
}

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  cause?: unknown;
  [extra: string]: unknown;
}

/** A compiled redaction preset; build it once per logger. */
export interface Redactor {
  /** A redacted copy of any value; the same reference when nothing changed. */
  value<T>(value: T): T | unknown;
  /** Secret-shaped substrings replaced (messages, stacks, free text). */
  text(text: string): string;
  /** An error as a plain object with type, message, stack, code and causes. */
  error(error: Error): SerializedError;
  isSensitiveKey(key: string): boolean;
}

const CIRCULAR = '[Circular]';
const TRUNCATED = '[Truncated]';

/**
 * Compiles the redaction preset. pino's path redaction is case-sensitive,
 * one level per `*` and blind to strings, so this walks every value instead:
 * sensitive keys at any depth and casing lose their value, every string is
 * scrubbed with the shared secret catalog, errors become plain objects.
 */
export function createRedactor(options: RedactOptions = {}): Redactor {
  const censor = options.censor ?? '[REDACTED]';
  const maxDepth = options.maxDepth ?? 10;
  const isSensitiveKey = sensitiveKeyMatcher(options);
  const stack: object[] = [];

  // Strings that hit a catalog keyword but held no secret (stack frames
  // mentioning "task", messages saying "token refreshed") are remembered,
  // bounded, so the rules do not run on them again.
  const clean = new Set<string>();
  const text = (input: string): string => {
    if (input.length < 8 || clean.has(input)) return input;
    if (!mayContainSecret(input)) return input;
    const output = scrubSecrets(input);
    if (output === input && input.length <= 8192) {
      if (clean.size >= 4096) clean.clear();
      clean.add(input);
    }
    return output;
  };

  function walk(input: unknown, depth: number): unknown {
    if (typeof input === 'string') return text(input);
    if (input === null || typeof input !== 'object') return input;
    if (input instanceof Error) return serializeError(input, depth);
    if (stack.includes(input)) return CIRCULAR;
    if (depth >= maxDepth) return TRUNCATED;
    if (Array.isArray(input)) return enter(input, depth, walkArray);
    if (input instanceof Date) return input;
    if (ArrayBuffer.isView(input)) {
      return `[${input.constructor.name} ${input.byteLength} bytes]`;
    }
    if (input instanceof URL) return text(input.href);
    if (input instanceof Map || isHeaders(input)) {
      return enter(Object.fromEntries(input.entries()), depth, walkObject);
    }
    const toJSON = (input as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === 'function') return walk(toJSON.call(input), depth);
    return enter(input as Record<string, unknown>, depth, walkObject);
  }

  function enter<T extends object>(
    input: T,
    depth: number,
    visit: (input: T, depth: number) => unknown,
  ): unknown {
    stack.push(input);
    try {
      return visit(input, depth);
    } finally {
      stack.pop();
    }
  }

  function walkArray(input: unknown[], depth: number): unknown {
    let copy: unknown[] | undefined;
    for (let i = 0; i < input.length; i++) {
      const next = walk(input[i], depth + 1);
      if (next !== input[i]) {
        copy ??= input.slice();
        copy[i] = next;
      }
    }
    return copy ?? input;
  }

  function walkObject(input: Record<string, unknown>, depth: number): unknown {
    let copy: Record<string, unknown> | undefined;
    for (const key in input) {
      if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
      const current = input[key];
      const next =
        current !== undefined && current !== null && isSensitiveKey(key)
          ? censor
          : walk(current, depth + 1);
      if (next !== current) {
        copy ??= { ...input };
        copy[key] = next;
      }
    }
    return copy ?? input;
  }

  function serializeError(error: Error, depth: number): unknown {
    if (stack.includes(error)) return CIRCULAR;
    if (depth >= maxDepth) return TRUNCATED;
    stack.push(error);
    try {
      return errorFields(error, depth);
    } finally {
      stack.pop();
    }
  }

  function errorFields(error: Error, depth: number): SerializedError {
    const out: SerializedError = {
      type: error.constructor?.name || error.name || 'Error',
      message: text(String(error.message ?? '')),
    };
    if (typeof error.stack === 'string') out.stack = text(error.stack);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') out.code = code;
    if (error.cause !== undefined) out.cause = walk(error.cause, depth + 1);
    if (error instanceof AggregateError) {
      out.errors = walk(error.errors, depth + 1);
    }
    for (const key in error) {
      if (key in out || key === 'code' || key === 'cause') continue;
      const value = (error as unknown as Record<string, unknown>)[key];
      if (typeof value === 'function' || value === undefined) continue;
      out[key] = isSensitiveKey(key) ? censor : walk(value, depth + 1);
    }
    return out;
  }

  return {
    value: (input) => walk(input, 0),
    text,
    error: (error) => serializeError(error, 0) as SerializedError,
    isSensitiveKey,
  };
}

interface HeadersLike {
  entries(): IterableIterator<[string, string]>;
  get(name: string): string | null;
}

function isHeaders(value: object): value is HeadersLike {
  return typeof Headers !== 'undefined' && value instanceof Headers;
}
