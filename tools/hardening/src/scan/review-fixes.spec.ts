import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeFactory } from '@shipshape/secrets/testing';
import { ShipshapeError } from '../errors.js';
import { formatJson, formatSarif } from '../report/index.js';
import { DEFAULT_MAX_FILE_SIZE } from './config.js';
import { runScan, ruleDescriptors } from './engine.js';
import { hasInlineAllow, MAX_ALLOW_LINE } from './inline-allow.js';
import { CHUNK_BYTES } from './input.js';
import { writeTree } from './testing/corpus.js';
import { formatScanText } from './text.js';

const f = fakeFactory('review-fixes');
const MARK = ['shipshape', 'allow'].join(':');
const GL = ['gitleaks', 'allow'].join(':');

describe('scan review fixes', () => {
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
    root = mkdtempSync(join(tmpdir(), 'shipshape-review-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('inline allow markers count only as whole words in comments', () => {
    it.each([
      [`const t = "x", note = "${MARK}";`, false],
      [`const t = 'x' /* not-${MARK}ed */;`, false],
      [`const t = 'x' // not-${MARK}`, false],
      [`const t = 'x' // ${MARK}ed`, false],
      [`url = "https://h/${MARK}"`, false],
      [`const t = 'x'; // ${MARK}`, true],
      [`const t = 'x'; /* ${GL} */ const u = 1;`, true],
      [`KEY=x # ${MARK}`, true],
      [`KEY=x # reviewed, ${GL} (fixture)`, true],
      [`<p>x</p> <!-- ${MARK} -->`, true],
      [`select 'x'; -- ${MARK}`, true],
      [`it's 'x' // ${MARK}`, true],
      [`const t = "a # ${MARK}";`, false],
      [`const t = "a // ${MARK}";`, false],
    ])('%s -> %s', (line, expected) => {
      expect(hasInlineAllow(line)).toBe(expected);
    });

    it('suppresses only findings whose line has the marker in a comment', async () => {
      const a = f.stripeSecret();
      const b = f.resend();
      const c = f.githubClassic();
      const d = f.openai();
      writeTree(root, {
        'a.ts': [
          `const a = '${a}', note = '${MARK}';`,
          `const b = '${b}'; /* not-${MARK}ed */`,
          `const c = '${c}'; // ${MARK}`,
          `const d = '${d}'; /* ${GL} */`,
          '',
        ].join('\n'),
        'q.sql': `insert into k values ('${f.stripeSecret()}'); -- ${MARK}\n`,
        'r.md': `token ${f.githubClassic()} <!-- ${MARK} -->\n`,
      });
      const report = await scan();
      const byLine = report.findings
        .filter((x) => x.location.file === 'a.ts')
        .map((x) => [x.location.line, x.suppressed?.kind ?? 'active']);
      expect(byLine).toEqual([
        [1, 'active'],
        [2, 'active'],
        [3, 'inline'],
        [4, 'inline'],
      ]);
      for (const file of ['q.sql', 'r.md']) {
        const found = report.findings.filter((x) => x.location.file === file);
        expect(found.length).toBe(1);
        expect(found[0].suppressed?.kind).toBe('inline');
      }
    });

    it('ignores markers on minified lines longer than the limit', async () => {
      const secrets = [f.stripeSecret(), f.githubClassic(), f.resend()];
      const statements = secrets.map((s, i) => `var k${i}="${s}";`).join('');
      const pad = `var pad="${'x'.repeat(MAX_ALLOW_LINE)}";`;
      writeTree(root, {
        'bundle.js': `${statements}${pad}/* ${MARK} */\n`,
        'short.js': `var k="${f.stripeSecret()}"; /* ${MARK} */\n`,
      });
      const report = await scan();
      const bundle = report.findings.filter(
        (x) => x.location.file === 'bundle.js',
      );
      expect(bundle.map((x) => x.suppressed)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      const short = report.findings.filter(
        (x) => x.location.file === 'short.js',
      );
      expect(short.map((x) => x.suppressed?.kind)).toEqual(['inline']);
    });
  });

  it('reports columns relative to the line for findings past the first chunk', async () => {
    const secret = f.stripeSecret();
    const column = CHUNK_BYTES + 805_667; // well into the second chunk
    const other = f.githubClassic();
    writeFileSync(
      join(root, 'long.txt'),
      `${' '.repeat(column - 1)}${secret}\n${'x '.repeat(10)}${other}\n`,
    );
    const report = await scan();
    expect(
      report.findings.map((x) => [
        x.ruleId,
        x.location.line,
        x.location.column,
        x.location.endColumn,
      ]),
    ).toEqual([
      ['stripe-secret-key', 1, column, column + secret.length],
      ['github-token', 2, 21, 21 + other.length],
    ]);
  });

  it('reports columns across chunks on a line that started in an earlier chunk after newlines', async () => {
    const secret = f.stripeSecret();
    const head = `a\nb\n`;
    const column = CHUNK_BYTES + 10;
    writeFileSync(
      join(root, 'long2.txt'),
      `${head}${' '.repeat(column - 1)}${secret}\n`,
    );
    const [finding] = (await scan()).findings;
    expect([finding.location.line, finding.location.column]).toEqual([
      3,
      column,
    ]);
  });

  describe('one secret split across string pieces is one finding', () => {
    it.each([
      ['concatenation', (a: string, b: string) => `"${a}" + "${b}"`],
      ['python adjacency', (a: string, b: string) => `"${a}" "${b}"`],
      ['template literal', (a: string, b: string) => `\`${a}\${"${b}"}\``],
      [
        'template literal, single quotes',
        (a: string, b: string) => `\`${a}\${ '${b}' }\``,
      ],
    ])('%s', async (_, build) => {
      const secret = f.stripeSecret();
      const a = secret.slice(0, secret.length - 6);
      const b = secret.slice(secret.length - 6);
      const prefix = 'const key = ';
      writeTree(root, { 'k.ts': `// x\n${prefix}${build(a, b)};\n` });
      const report = await scan();
      expect(
        report.findings.map((x) => [
          x.ruleId,
          x.properties?.secretLength,
          x.properties?.decodedFrom,
          x.location.line,
          x.location.column,
        ]),
      ).toEqual([
        ['stripe-secret-key', secret.length, 'joined', 2, prefix.length + 2],
      ]);
    });
  });

  describe('shipshape reports and fingerprints are not secrets', () => {
    it('the generic rule ignores fingerprints, baseline keys and secret ids', async () => {
      const id = f.hex(16);
      writeTree(root, {
        'notes.md': [
          `fingerprint: "github-token:src/gh.ts:${id}:1"`,
          `token = stripe-secret-key:apps/web/.env:${id}`,
          `key: "generic-secret:a.ts:${id}@${f.hex(12)}:2"`,
          `"secretId": "${id}"`,
          `secret_id = ${id}`,
          '',
        ].join('\n'),
      });
      expect((await scan()).findings).toEqual([]);
    });

    it('skips its own JSON and SARIF reports with a reason', async () => {
      writeTree(root, {
        'src/gh.ts': `export const t = '${f.githubClassic()}';\n`,
        'src/pw.ts': `export const dbPassword = '${f.password()}';\n`,
      });
      const { report, rules } = await runScan({
        cwd: root,
        paths: [],
        workers: 0,
        progress: false,
      });
      expect(report.findings.length).toBe(2);
      writeTree(root, {
        'out/scan.json': formatJson(report),
        'out/scan.sarif': formatSarif(report, ruleDescriptors(rules)),
      });
      const again = await scan();
      expect(again.findings.map((x) => x.location.file)).toEqual([
        'src/gh.ts',
        'src/pw.ts',
      ]);
      expect(
        again.stats.skipped.filter((s) => s.file.startsWith('out/')),
      ).toEqual([
        {
          file: 'out/scan.json',
          reason: 'a shipshape report (its fingerprints are not secrets)',
        },
        {
          file: 'out/scan.sarif',
          reason: 'a shipshape report (its fingerprints are not secrets)',
        },
      ]);
    });
  });

  describe('generic-secret needs a secret-named identifier', () => {
    it('finds assignments at identifier boundaries', async () => {
      const v = () => f.highEntropy(24);
      writeTree(root, {
        'a.env': `DB_PASSWORD=${v()}\nAPI_KEY=${v()}\n`,
        'b.ts': `const dbPassword = '${v()}';\nconst cfg = { this.stripeWebhookSecret: '${v()}' };\n`,
        'c.json': `{ "api_key": "${v()}", "authToken": "${v()}" }\n`,
        'd.yaml': `password: ${v()}\n`,
      });
      const report = await scan();
      expect(
        report.findings.map((x) => [
          x.location.file,
          x.location.line,
          x.ruleId,
        ]),
      ).toEqual([
        ['a.env', 1, 'generic-secret'],
        ['a.env', 2, 'generic-secret'],
        ['b.ts', 1, 'generic-secret'],
        ['b.ts', 2, 'generic-secret'],
        ['c.json', 1, 'generic-secret'],
        ['c.json', 1, 'generic-secret'],
        ['d.yaml', 1, 'generic-secret'],
      ]);
    });

    it('never fires on keywords inside random text', async () => {
      const words = ['pwd', 'PwD', 'token', 'Secret', 'password', 'Auth'];
      const lines: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const word = words[i % words.length];
        // keyword mid-token (after a digit), then an assignment separator
        lines.push(
          `${f.alnum(3)}7${f.alnum(3)}${word}${f.alnum(5)}${i % 2 ? ':' : '='}${f.alnum(30)}`,
        );
      }
      // and random base62 tokens with assignment-like separators
      const seps = [' ', ':', '=', '\n', ': ', ' = ', '"'];
      const sizes = f.hex(40_000);
      const pool = f.alnum(1_000_000);
      let at = 0;
      const random: string[] = [];
      for (let i = 0; at < pool.length; i++) {
        const n = 5 + parseInt(sizes[i % sizes.length], 16) * 4;
        random.push(pool.slice(at, at + n), seps[i % seps.length]);
        at += n;
      }
      writeTree(root, {
        'tokens.txt': `${lines.join(' ')}\n`,
        'random.txt': random.join(''),
      });
      const found = (await scan()).findings;
      expect(found.map((x) => x.message)).toEqual([]);
    });
  });

  describe('file size cap', () => {
    it('skips files above the default cap with the reason and how to raise it', async () => {
      const big = join(root, 'big.log');
      writeFileSync(big, '');
      truncateSync(big, DEFAULT_MAX_FILE_SIZE + 1);
      writeTree(root, { 'a.env': `A=${f.stripeSecret()}\n` });
      const report = await scan();
      expect(DEFAULT_MAX_FILE_SIZE).toBe(25 * 1024 * 1024);
      expect(report.stats.skipped).toEqual([
        {
          file: 'big.log',
          reason: `larger than the ${DEFAULT_MAX_FILE_SIZE}-byte limit (${DEFAULT_MAX_FILE_SIZE + 1} bytes); raise scan.maxFileSize in shipshape.config.json to scan it`,
        },
      ]);
      expect(report.findings.length).toBe(1);
    });

    it('honours scan.maxFileSize from the config', async () => {
      writeTree(root, {
        'shipshape.config.json': JSON.stringify({ scan: { maxFileSize: 100 } }),
        'a.env': `A=${f.stripeSecret()}\n${'#'.repeat(100)}\n`,
      });
      const report = await scan();
      expect(report.findings).toEqual([]);
      expect(report.stats.skipped.map((s) => s.file)).toEqual(['a.env']);
    });
  });

  describe('private keys', () => {
    it('point at the BEGIN line and show single-line evidence', async () => {
      const pem = f.privateKey();
      const escaped = f.privateKey('EC').replaceAll('\n', '\\n');
      writeTree(root, {
        'id.pem': `# deploy key\n${pem}\n`,
        'sa.json': `{\n  "private_key": "${escaped}"\n}\n`,
      });
      const report = await scan();
      expect(
        report.findings.map((x) => [
          x.location.file,
          x.location.line,
          x.location.column,
        ]),
      ).toEqual([
        ['id.pem', 2, 1],
        ['sa.json', 2, '  "private_key": "'.length + 1],
      ]);
      for (const finding of report.findings) {
        // eslint-disable-next-line no-control-regex
        expect(finding.evidence).not.toMatch(/[\u0000-\u001f]/);
      }
      expect(report.findings[0].evidence).toMatch(/^\\n.{3}…\(\d+ chars\)$/);
      expect(formatScanText(report).split('\n')[0]).toContain('id.pem:2:1');
    });
  });

  describe('paths outside the root', () => {
    it('refuses an explicit symlink or path that resolves outside the root', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'shipshape-outside-'));
      try {
        writeFileSync(join(outside, 'a.env'), `A=${f.stripeSecret()}\n`);
        mkdirSync(join(root, 'app'));
        symlinkSync(outside, join(root, 'app', 'link'));
        for (const path of ['app/link', '../', outside, 'app/link/a.env']) {
          const error = await scan({ paths: [path] }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ShipshapeError);
          expect((error as Error).message).toMatch(
            /resolves outside the scanned root/,
          );
        }
        const report = await scan();
        expect(
          report.findings.some((x) => x.location.file.startsWith('../')),
        ).toBe(false);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  describe('suppressed findings in text output', () => {
    it('prints only a count unless asked to show them', async () => {
      writeTree(root, { 'a.env': `A=${f.stripeSecret()}\n` });
      await scan({ writeBaseline: 'baseline.json' });
      const report = await scan({ baseline: 'baseline.json' });
      expect(report.ok).toBe(true);
      expect(report.findings.map((x) => x.suppressed?.kind)).toEqual([
        'baseline',
      ]);
      const quiet = formatScanText(report);
      expect(quiet).not.toContain('a.env');
      expect(quiet).toContain(
        '1 suppressed (1 baseline); --show-suppressed lists them',
      );
      const shown = formatScanText(report, { showSuppressed: true });
      expect(shown).toContain('a.env:1:3');
      expect(JSON.parse(formatJson(report)).findings[0].suppressed.kind).toBe(
        'baseline',
      );
      expect(readFileSync(join(root, 'baseline.json'), 'utf8')).toContain(
        '"kind": "scan-baseline"',
      );
    });
  });
});
