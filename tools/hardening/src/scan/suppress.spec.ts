import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeFactory } from '@shipshape/secrets/testing';
import { hashSecret } from '../ledger/index.js';
import { runScan } from './engine.js';
import { writeTree } from './testing/corpus.js';

const f = fakeFactory('suppress');

describe('suppression, config and the revoked ledger', () => {
  let root: string;
  const scan = async (extra: Partial<Parameters<typeof runScan>[0]> = {}) =>
    (
      await runScan({
        cwd: root,
        paths: [],
        workers: 0,
        progress: false,
        ...extra,
      })
    ).report;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'shipshape-suppress-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('honours shipshape:allow and gitleaks:allow on the line', async () => {
    writeTree(root, {
      'a.ts': `const a = '${f.stripeSecret()}'; // gitleaks:allow\nconst b = '${f.resend()}'; // shipshape:allow\n`,
    });
    const report = await scan();
    expect(report.ok).toBe(true);
    expect(report.findings.map((x) => x.suppressed?.kind)).toEqual([
      'inline',
      'inline',
    ]);
  });

  it('keeps a baseline valid when lines move and line endings change; only new findings fail', async () => {
    const old = f.stripeSecret();
    writeTree(root, { 'a.env': `A=${old}\n` });
    await scan({ writeBaseline: 'baseline.json' });
    expect(readFileSync(join(root, 'baseline.json'), 'utf8')).not.toContain(
      old.slice(4),
    );
    writeTree(root, { 'a.env': `# moved\r\n\r\nA=${old}\r\n` });
    const moved = await scan({ baseline: 'baseline.json' });
    expect(moved.ok).toBe(true);
    expect(moved.findings[0].suppressed?.kind).toBe('baseline');
    writeTree(root, { 'a.env': `A=${old}\nB=${f.resend()}\n` });
    const grown = await scan({ baseline: 'baseline.json' });
    expect(grown.ok).toBe(false);
    expect(
      grown.findings.filter((x) => !x.suppressed).map((x) => x.ruleId),
    ).toEqual(['resend-api-key']);
  });

  it('suppresses fingerprints listed in the ignore file', async () => {
    writeTree(root, { 'a.env': `A=${f.stripeSecret()}\nB=${f.resend()}\n` });
    const first = await scan();
    writeFileSync(
      join(root, '.shipshapeignore'),
      `# reviewed\n${first.findings[0].fingerprint}\n`,
    );
    const second = await scan();
    expect(second.findings.map((x) => x.suppressed?.kind)).toEqual([
      'ignore-file',
      undefined,
    ]);
  });

  it('validates the scan config and names the bad key', async () => {
    writeTree(root, {
      'shipshape.config.json': JSON.stringify({
        scan: { workers: -1, bogus: true },
      }),
    });
    await expect(scan()).rejects.toThrow(
      /scan\.workers.*scan: Unrecognized key|scan: Unrecognized key.*scan\.workers/s,
    );
  });

  it('allowlists paths and adds custom rules from the config', async () => {
    writeTree(root, {
      'shipshape.config.json': JSON.stringify({
        scan: {
          allowlist: { paths: ['fixtures/**'] },
          rules: [
            {
              id: 'acme-key',
              description: 'Acme key',
              keywords: ['acme_'],
              pattern: 'acme_[a-z0-9]{16}',
            },
          ],
        },
      }),
      'fixtures/a.env': `A=${f.stripeSecret()}`,
      'b.txt': `key acme_${f.hex(16)}`,
    });
    const report = await scan();
    expect(report.findings.map((x) => x.ruleId)).toEqual(['acme-key']);
    expect(report.stats.skipped).toContainEqual({
      file: 'fixtures/a.env',
      reason: 'allowlisted in the scan config',
    });
  });

  it('loads .gitleaks.toml rules, allowlists and [extend] useDefault', async () => {
    writeTree(root, {
      '.gitleaks.toml': [
        '[extend]',
        'useDefault = true',
        '[[rules]]',
        'id = "corp-token"',
        'description = "Corp token"',
        "regex = '''(?i)corp_(?P<tok>[a-z0-9]{20})'''",
        'secretGroup = 1',
        'keywords = ["corp_"]',
        '[allowlist]',
        "paths = ['''^vendor/''']",
        '',
      ].join('\n'),
      'a.txt': `CORP_${f.hex(20)}\nR=${f.resend()}\n`,
      'vendor/b.txt': `CORP_${f.hex(20)}`,
    });
    const report = await scan();
    expect(report.findings.map((x) => x.ruleId)).toEqual([
      'corp-token',
      'resend-api-key',
    ]);
  });

  it('without useDefault, only the gitleaks rules run', async () => {
    writeTree(root, {
      '.gitleaks.toml':
        "[[rules]]\nid = \"corp\"\nregex = '''corp_[a-z]{8}'''\n",
      'a.txt': `corp_abcdefgh R=${f.resend()}`,
    });
    expect((await scan()).findings.map((x) => x.ruleId)).toEqual(['corp']);
  });

  it('rejects a gitleaks regex JavaScript cannot express, naming the rule', async () => {
    writeTree(root, {
      '.gitleaks.toml':
        "[[rules]]\nid = \"mid-flag\"\nregex = '''key(?i)abc'''\n",
    });
    await expect(scan()).rejects.toThrow(
      /rule mid-flag: uses an inline flag group/,
    );
  });

  it('reports revoked values anywhere, even when no rule matches them', async () => {
    const password = `${f.alnum(6)}-${f.alnum(6)}`;
    const stripe = f.stripeSecret();
    writeFileSync(
      join(root, 'revoked.txt'),
      `# ledger\n${hashSecret(password)} DB_PASSWORD 2026-01-02\n${hashSecret(stripe)} STRIPE 2026-01-03\n`,
    );
    writeTree(root, {
      'notes.md': `old password was ${password} and key ${stripe}\n`,
    });
    const report = await scan({ revoked: 'revoked.txt' });
    expect(report.findings.map((x) => [x.ruleId, x.severity])).toEqual([
      ['revoked-secret', 'critical'],
      ['revoked-secret', 'critical'],
      ['stripe-secret-key', 'high'],
    ]);
  });
});
