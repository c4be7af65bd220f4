import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShipshapeError } from '../errors.js';
import { appendLedger, hashSecret, parseLedger, readLedger } from './ledger.js';

const hex = (seed: string) => hashSecret(seed);

describe('parseLedger', () => {
  it.each([
    ['entry', `${hex('a')} RESEND_API_KEY 2026-12-01`, 1],
    ['comment and blank', `# note\n\n${hex('a')} X 2026-12-01`, 1],
    ['trailing comment', `${hex('a')} X 2026-12-01 # rotated after leak`, 1],
    ['date-time', `${hex('a')} X 2026-12-01T10:00:00Z`, 1],
    ['upper-case hash', `${hex('a').toUpperCase()} X 2026-12-01`, 1],
    ['crlf', `${hex('a')} X 2026-12-01\r\n${hex('b')} Y 2026-12-02\r\n`, 2],
  ])('reads %s', (_label, text, count) => {
    const entries = parseLedger(text);
    expect(entries).toHaveLength(count);
    expect(entries[0].sha256).toBe(hex('a'));
  });

  it('reports every bad line at once, without echoing content', () => {
    const text = [
      'not-a-hash X 2026-12-01',
      `${hex('a')}`,
      `${hex('b')} X yesterday`,
    ].join('\n');
    const error = captureError(() => parseLedger(text, 'ledger.txt'));
    expect(error.code).toBe('BAD_CONFIG');
    expect(error.message).toMatch(
      /^ledger\.txt: line 1 .*; line 2 .*; line 3 /,
    );
    expect(error.message).not.toContain('not-a-hash');
  });
});

describe('appendLedger', () => {
  it('creates the file with a header, appends, and skips duplicates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    const file = join(dir, '.shipshape', 'revoked.txt');
    const value = randomBytes(24).toString('base64url');
    expect(
      appendLedger(file, {
        sha256: hashSecret(value),
        name: 'API_KEY',
        date: '2026-12-03',
      }),
    ).toBe(true);
    expect(
      appendLedger(file, { sha256: hashSecret(value), name: 'API_KEY' }),
    ).toBe(false);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# shipshape leak ledger/);
    expect(text).not.toContain(value);
    expect(readLedger(file)).toEqual([
      {
        sha256: hashSecret(value),
        name: 'API_KEY',
        date: '2026-12-03',
        line: 4,
      },
    ]);
  });

  it('adds a newline when the file lacks a final one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    const file = join(dir, 'revoked.txt');
    writeFileSync(file, `${hex('a')} A 2026-12-01`);
    appendLedger(file, { sha256: hex('b'), name: 'B', date: '2026-12-02' });
    expect(readLedger(file).map((entry) => entry.name)).toEqual(['A', 'B']);
  });

  it('refuses names with spaces and missing files', () => {
    expect(() =>
      appendLedger('/nonexistent/x', { sha256: hex('a'), name: 'A B' }),
    ).toThrow(/names may hold/);
    expect(() => readLedger('/nonexistent/revoked.txt')).toThrow(
      /no ledger file/,
    );
    expect(readLedger('/nonexistent/revoked.txt', { missingOk: true })).toEqual(
      [],
    );
  });
});

function captureError(run: () => unknown): ShipshapeError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShipshapeError) return error;
    throw error;
  }
  throw new Error('expected an error');
}
