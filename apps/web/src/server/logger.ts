import { createLogger, type Logger } from '@shipshape/logger';

let shared: Logger | undefined;

/**
 * The app's one logger: JSON lines on stdout, secrets scrubbed by
 * @shipshape/logger. LOG_LEVEL is read once, at first use.
 */
export function appLogger(): Logger {
  shared ??= createLogger({
    service: 'web',
    level: readLevel(process.env.LOG_LEVEL),
  });
  return shared;
}

function readLevel(value: string | undefined): string {
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  return value && levels.includes(value) ? value : 'info';
}
