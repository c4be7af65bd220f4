import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSecret, readLedger } from '../ledger/index.js';
import { recordRevoked } from './command.js';
import { fakeValue } from './testing/values.js';

describe('rotate record', () => {
  it('writes the hash of a value read from an env var, once', () => {
    const root = mkdtempSync(join(tmpdir(), 'record-'));
    const value = fakeValue('old_');
    const env = { OLD: value };
    expect(
      recordRevoked(
        root,
        'OLD_KEY',
        { valueEnv: 'OLD', date: '2026-12-01' },
        env,
      ),
    ).toBe(true);
    expect(recordRevoked(root, 'OLD_KEY', { valueEnv: 'OLD' }, env)).toBe(
      false,
    );
    const file = join(root, '.shipshape/revoked.txt');
    expect(readLedger(file)).toMatchObject([
      { sha256: hashSecret(value), name: 'OLD_KEY', date: '2026-12-01' },
    ]);
    expect(readFileSync(file, 'utf8')).not.toContain(value);
  });

  it.each([
    [{ valueEnv: 'MISSING' }, /^--value-env MISSING: that variable is empty/],
    [{ valueEnv: 'OLD', date: 'yesterday' }, /^--date: use YYYY-MM-DD/],
  ])('refuses %j', (flags, message) => {
    const root = mkdtempSync(join(tmpdir(), 'record-'));
    expect(() =>
      recordRevoked(root, 'K', flags, { OLD: 'x'.repeat(12) }),
    ).toThrow(message);
  });
});
