import { pino, type DestinationStream, type Logger } from 'pino';
import {
  defaultEnvName,
  defaultLevel,
  defaultPretty,
  defaultVersion,
  isProduction,
} from './defaults.js';
import { prettyDestination } from './pretty.js';
import { createRedactor, type RedactOptions } from './redact/redact.js';

export type { Logger };

export interface LoggerOptions {
  /** Names the program on every line (`service`). */
  service: string;
  /** Minimum level; defaults to `LOG_LEVEL` or `info`. */
  level?: string;
  /** Any writable stream; defaults to synchronous stdout. */
  destination?: DestinationStream | NodeJS.WritableStream;
  /** `env` field; defaults to APP_ENV, VERCEL_ENV or NODE_ENV. */
  env?: string;
  /** `version` field; defaults to APP_VERSION, the commit or the package version. */
  version?: string;
  /**
   * Human-readable lines, formatted in-process. Defaults to on in
   * development (`LOG_FORMAT=pretty|json` overrides); never in production.
   */
  pretty?: boolean;
  /** Tune the redaction preset; it cannot be turned off. */
  redact?: RedactOptions;
  /** Extra fields on every line. */
  base?: Record<string, unknown>;
}

/**
 * The one factory for servers, CLIs and route handlers: JSON lines with
 * `time`, `level`, `msg`, `service`, `env`, `version` and a structured `err`,
 * every field passed through the redaction preset before it is written.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redactor = createRedactor(options.redact);
  const scrubMessage = (msg: unknown) =>
    typeof msg === 'string' ? redactor.text(msg) : redactor.value(msg);
  const base = redactor.value({
    service: options.service,
    env: options.env ?? defaultEnvName(),
    version: options.version ?? defaultVersion(),
    ...options.base,
  }) as Record<string, unknown>;

  const logger = pino(
    {
      level: options.level ?? defaultLevel(),
      base,
      timestamp: pino.stdTimeFunctions.isoTime,
      errorKey: 'err',
      messageKey: 'msg',
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) =>
          redactor.value(bindings) as Record<string, unknown>,
        log: (object) => redactor.value(object) as Record<string, unknown>,
      },
      serializers: {
        // Runs on the final, interpolated message and on errors pino
        // unwraps itself (`logger.error(err)`).
        msg: scrubMessage,
        err: (err: unknown) =>
          err instanceof Error ? redactor.error(err) : err,
      },
    },
    destinationFor(options),
  );
  // pino skips the bindings formatter for children; children inherit this.
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    const safe = redactor.value(bindings) as typeof bindings;
    return child.call(this, safe, childOptions);
  } as typeof logger.child;
  return logger;
}

function destinationFor(options: LoggerOptions): DestinationStream {
  const wantsPretty = options.pretty ?? defaultPretty();
  if (wantsPretty && !isProduction()) {
    return prettyDestination(options.destination);
  }
  return (options.destination ??
    pino.destination({ dest: 1, sync: true })) as DestinationStream;
}
