import {
  defaultEnvName,
  defaultLevel,
  defaultVersion,
  LEVELS,
  type LevelName,
} from './defaults.js';
import { createRedactor, type RedactOptions } from './redact/redact.js';

export interface EdgeLoggerOptions {
  service: string;
  level?: string;
  env?: string;
  version?: string;
  redact?: RedactOptions;
  base?: Record<string, unknown>;
  /** Where each JSON line goes; defaults to `console.log`. */
  write?: (line: string) => void;
}

type LogFn = {
  (msg: string, ...args: unknown[]): void;
  (obj: unknown, msg?: string, ...args: unknown[]): void;
};

/** The subset of pino's API the edge fallback implements. */
export interface EdgeLogger {
  level: string;
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  child(bindings: Record<string, unknown>): EdgeLogger;
  isLevelEnabled(level: string): boolean;
}

const RANK: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

// TODO(secrets): the catalog's JWT role check decodes with Buffer; where
// Buffer is missing (browsers) a service_role JWT inside a string is not
// recognised, so only key-based redaction covers it there.
/**
 * A tiny JSON logger for runtimes where pino cannot run (Edge, middleware,
 * the browser): the same fields and the same redaction, written with
 * console.log. It never imports pino or Node built-ins.
 */
export function createEdgeLogger(options: EdgeLoggerOptions): EdgeLogger {
  const redactor = createRedactor(options.redact);
  // eslint-disable-next-line shipshape/no-console -- the edge runtime's only sink
  const write = options.write ?? ((line: string) => console.log(line));
  const base = redactor.value({
    service: options.service,
    env: options.env ?? defaultEnvName(),
    version: options.version ?? defaultVersion(),
    ...options.base,
  }) as Record<string, unknown>;
  return build(options.level ?? defaultLevel(), base);

  function build(level: string, bindings: Record<string, unknown>): EdgeLogger {
    const threshold = RANK[level] ?? RANK['info'];
    const logger = { level } as EdgeLogger;
    for (const name of LEVELS) {
      logger[name] = ((first: unknown, ...rest: unknown[]) => {
        if (RANK[name] < threshold) return;
        write(line(name, bindings, first, rest));
      }) as LogFn;
    }
    logger.child = (extra) =>
      build(level, { ...bindings, ...(redactor.value(extra) as object) });
    logger.isLevelEnabled = (name) => (RANK[name] ?? 0) >= threshold;
    return logger;
  }

  function line(
    level: LevelName,
    bindings: Record<string, unknown>,
    first: unknown,
    rest: unknown[],
  ): string {
    let fields: Record<string, unknown> = {};
    let msg: unknown;
    if (first instanceof Error) {
      fields = { err: redactor.error(first) };
      msg = rest.length ? format(rest[0], rest.slice(1)) : first.message;
    } else if (typeof first === 'object' && first !== null) {
      fields = redactor.value(first) as Record<string, unknown>;
      const err = (first as { err?: unknown }).err;
      msg = rest.length
        ? format(rest[0], rest.slice(1))
        : err instanceof Error
          ? err.message
          : undefined;
    } else {
      msg = format(first, rest);
    }
    const record: Record<string, unknown> = {
      level,
      time: new Date().toISOString(),
      ...bindings,
      ...fields,
    };
    if (msg !== undefined) record['msg'] = redactor.text(String(msg));
    return safeStringify(record);
  }
}

// printf-style %s %d %o %j like pino, without util.format (not on Edge).
function format(msg: unknown, args: unknown[]): unknown {
  if (typeof msg !== 'string' || args.length === 0) return msg;
  let index = 0;
  return msg.replace(/%[sdifjoO%]/g, (token) => {
    if (token === '%%') return '%';
    if (index >= args.length) return token;
    const arg = args[index++];
    if (token === '%d' || token === '%i')
      return String(Math.trunc(Number(arg)));
    if (token === '%f') return String(Number(arg));
    if (token === '%s') return String(arg);
    return safeStringify(arg);
  });
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
  } catch {
    return JSON.stringify({
      level: 'error',
      msg: 'log line could not be serialised',
    });
  }
}
