import { createLogger, type LoggerOptions } from '../lib/create-logger.js';

/** A logger writing JSON lines into memory, for assertions. */
export function captureLogger(options: Partial<LoggerOptions> = {}) {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'test',
    env: 'test',
    version: '1.2.3',
    level: 'trace',
    pretty: false,
    destination: { write: (line: string) => void lines.push(line) },
    ...options,
  });
  const records = () =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const last = () => records()[records().length - 1];
  return { logger, lines, records, last, text: () => lines.join('') };
}

/** Fake secrets, built at run time so no committed file holds one. */
export function fakeSecret(label: string): string {
  const random = Array.from(
    globalThis.crypto.getRandomValues(new Uint8Array(12)),
  )
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  return `${label}${random}`;
}

export function fakePostgresUrl(password: string): string {
  return [
    'postgres',
    '://',
    'app_user',
    ':',
    password,
    '@',
    'db.example.test:5432/app',
  ].join('');
}
