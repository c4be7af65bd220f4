import { pino, type Logger, type DestinationStream } from 'pino';
import { redactSecrets } from '@shipshape/secrets';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Any writable stream; defaults to synchronous stdout. */
  destination?: DestinationStream | NodeJS.WritableStream;
}

/**
 * A pino logger with the fields every shipshape line carries.
 * TODO(issue 7): key-based redaction preset, request serializer, pretty dev output.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination =
    options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) =>
            typeof arg === 'string' ? redactSecrets(arg) : arg,
          ) as typeof args;
          method.apply(this, scrubbed);
        },
      },
    },
    destination as DestinationStream,
  );
}
