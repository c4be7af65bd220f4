import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execaSync } from 'execa';
import { fakeFactory } from '@shipshape/secrets/testing';
import { runScan } from './engine.js';
import { CHUNK_BYTES } from './input.js';
import { writeTree } from './testing/corpus.js';

const f = fakeFactory('inputs');

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-inputs-'));
}

async function scan(
  root: string,
  extra: Partial<Parameters<typeof runScan>[0]> = {},
) {
  const { report } = await runScan({
    cwd: root,
    paths: [],
    workers: 0,
    progress: false,
    ...extra,
  });
  return report;
}

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

describe('input handling', () => {
  let root: string;
  beforeEach(() => {
    root = tempRoot();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('decodes UTF-8 with a BOM, UTF-16 LE and BE, and keeps CRLF columns right', async () => {
    const line = `STRIPE=${f.stripeSecret()}`;
    writeTree(root, {
      'bom.env': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`# x\r\n${line}\r\n`),
      ]),
      'le.env': utf16(`# x\r\n${line}\r\n`, 'le'),
      'be.env': utf16(`# x\n${line}\n`, 'be'),
    });
    const report = await scan(root);
    expect(
      report.findings.map((x) => [
        x.location.file,
        x.location.line,
        x.location.column,
      ]),
    ).toEqual([
      ['be.env', 2, 8],
      ['bom.env', 2, 8],
      ['le.env', 2, 8],
    ]);
  });

  it('skips binaries by content and extension, with reasons', async () => {
    writeTree(root, {
      'blob.bin': Buffer.concat([
        Buffer.from([0, 1, 2, 0]),
        Buffer.from(f.stripeSecret()),
      ]),
      'photo.png': Buffer.from(f.stripeSecret()),
    });
    const report = await scan(root);
    expect(report.findings).toEqual([]);
    expect(report.stats.skipped).toEqual([
      { file: 'blob.bin', reason: 'binary content' },
      { file: 'photo.png', reason: 'binary (by extension)' },
    ]);
  });

  it('finds secrets in big files across chunk boundaries with the right line', async () => {
    const filler = `${'let a = 1; // filler line of code\n'.repeat(Math.ceil((CHUNK_BYTES * 2.5) / 35))}`;
    const cut = CHUNK_BYTES - 10;
    const body = `${filler.slice(0, cut)}\nKEY=${f.githubClassic()}\n${filler.slice(cut)}\nEND=${f.resend()}\n`;
    writeTree(root, { 'big.txt': body });
    const report = await scan(root);
    const lineOf = (needle: string) =>
      body.slice(0, body.indexOf(needle)).split('\n').length;
    expect(report.findings.map((x) => [x.ruleId, x.location.line])).toEqual([
      ['github-token', lineOf('KEY=')],
      ['resend-api-key', lineOf('END=')],
    ]);
    expect(report.stats.bytes).toBeGreaterThan(CHUNK_BYTES * 2);
  }, 60_000);

  it('caps evidence on very long lines and never shows more than 4 characters', async () => {
    const secret = f.sendgrid();
    writeTree(root, {
      'min.js': `${'x=1;'.repeat(100_000)}k="${secret}";${'y=2;'.repeat(100_000)}`,
    });
    const report = await scan(root);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].evidence).toBe(
      `${secret.slice(0, 4)}…(${secret.length} chars)`,
    );
  });

  it('reads notebook sources and text outputs but not image payloads', async () => {
    const inText = f.openai();
    const inImage = f.stripeSecret();
    const notebook = {
      cells: [
        {
          cell_type: 'code',
          source: ['print(1)\n'],
          outputs: [
            { output_type: 'stream', text: [`token is ${inText}\n`] },
            {
              output_type: 'display_data',
              data: {
                'image/png': Buffer.from(`PNG${inImage}`).toString('base64'),
              },
            },
          ],
        },
      ],
    };
    writeTree(root, { 'a.ipynb': JSON.stringify(notebook) });
    const report = await scan(root);
    expect(report.findings.map((x) => x.ruleId)).toEqual(['openai-api-key']);
  });

  it('skips vendored minified files but not Next.js client bundles', async () => {
    writeTree(root, {
      'public/vendor/lib.min.js': `var k="${f.stripeSecret()}";`,
      'src/app.js': 'export const ok = 1;\n',
    });
    const report = await scan(root);
    expect(report.findings).toEqual([]);
    expect(report.stats.skipped).toEqual([
      { file: 'public/vendor/lib.min.js', reason: 'vendored minified file' },
    ]);
  });

  it('never follows a symlink out of the root', async () => {
    const outside = tempRoot();
    writeTree(outside, { 'leak.env': `K=${f.stripeSecret()}` });
    writeTree(root, { 'inside.env': `K=${f.resend()}` });
    symlinkSync(join(outside, 'leak.env'), join(root, 'link.env'));
    symlinkSync(join(root, 'inside.env'), join(root, 'alias.env'));
    const report = await scan(root);
    expect(report.findings.map((x) => [x.location.file, x.ruleId])).toEqual([
      ['alias.env', 'resend-api-key'],
      ['inside.env', 'resend-api-key'],
    ]);
    expect(report.stats.skipped).toContainEqual({
      file: 'link.env',
      reason: 'symlink points outside the scanned root (not followed)',
    });
    rmSync(outside, { recursive: true, force: true });
  });

  it.skipIf(process.getuid?.() === 0)(
    'reports unreadable files as skipped with a warning',
    async () => {
      writeTree(root, { 'locked.env': `K=${f.resend()}` });
      chmodSync(join(root, 'locked.env'), 0o000);
      const report = await scan(root);
      expect(report.stats.skipped).toEqual([
        { file: 'locked.env', reason: 'unreadable (EACCES)' },
      ]);
      expect(report.warnings?.[0].code).toBe('UNREADABLE_FILE');
    },
  );

  it('respects .gitignore and scans ignored files with --include-ignored', async () => {
    execaSync('git', ['init', '-q'], { cwd: root });
    writeTree(root, {
      '.gitignore': '.env.local\nnode_modules/\n',
      '.env.local': `RESEND_API_KEY=${f.resend()}`,
      'node_modules/dep/index.js': `k="${f.stripeSecret()}"`,
      'ok.ts': 'export const a = 1;\n',
    });
    expect((await scan(root)).findings).toEqual([]);
    const all = await scan(root, { includeIgnored: true });
    expect(all.findings.map((x) => x.location.file)).toEqual(['.env.local']);
    expect(all.stats.skipped).toContainEqual({
      file: 'node_modules/',
      reason: 'dependency or tool folder (pass it as a path to scan it)',
    });
  });

  it('walks .gitignore rules itself outside a git repository', async () => {
    writeTree(root, {
      '.gitignore': '*.local\n',
      'sub/.gitignore': 'secret.txt\n',
      'a.local': `K=${f.resend()}`,
      'sub/secret.txt': `K=${f.resend()}`,
      'sub/seen.txt': `K=${f.resend()}`,
    });
    expect((await scan(root)).findings.map((x) => x.location.file)).toEqual([
      'sub/seen.txt',
    ]);
  });

  it('finds secrets in built client bundles when .next/static is scanned', async () => {
    execaSync('git', ['init', '-q'], { cwd: root });
    writeTree(root, {
      '.gitignore': '.next/\n',
      '.next/static/chunks/app.min.js': `var e={key:"${f.supabaseServiceRole()}"};`,
    });
    const report = await scan(root, { paths: ['.next/static'] });
    expect(
      report.findings.map((x) => [x.location.file, x.ruleId, x.severity]),
    ).toEqual([
      [
        '.next/static/chunks/app.min.js',
        'supabase-service-role-key',
        'critical',
      ],
    ]);
  });

  it('flags a server secret assigned to a NEXT_PUBLIC_ variable as its own finding', async () => {
    writeTree(root, {
      '.env': `NEXT_PUBLIC_STRIPE_KEY=${f.stripeSecret()}\nNEXT_PUBLIC_SUPABASE_ANON_KEY=${f.supabaseAnon()}\n`,
    });
    const report = await scan(root);
    expect(report.findings.map((x) => x.ruleId)).toEqual([
      'next-public-secret',
      'stripe-secret-key',
    ]);
    const ids = new Set(report.findings.map((x) => x.properties?.secretId));
    expect(ids.size).toBe(1);
  });
});
