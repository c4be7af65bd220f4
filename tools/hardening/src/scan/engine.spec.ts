import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatJson, formatSarif } from '../report/index.js';
import { runScan } from './engine.js';
import { ruleDescriptors } from './findings.js';
import { formatScanText } from './text.js';
import { buildCorpus, writeTree } from './testing/corpus.js';

describe('scan on the generated corpus', () => {
  let root: string;
  const corpus = buildCorpus();

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'shipshape-corpus-'));
    writeTree(root, corpus.files);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([0, 2])(
    'finds exactly the expected secrets (workers: %i)',
    async (workers) => {
      const { report } = await runScan({
        cwd: root,
        paths: [],
        workers,
        progress: false,
      });
      const active = report.findings.filter((f) => !f.suppressed);
      const got = active.map((f) => ({
        file: f.location.file,
        ruleId: f.ruleId,
        line: f.location.line,
      }));
      expect(got).toEqual(expect.arrayContaining(corpus.expected));
      expect(got).toHaveLength(corpus.expected.length);
      expect(report.ok).toBe(false);
      const allowed = report.findings.filter((f) => f.suppressed);
      expect(allowed.map((f) => [f.location.file, f.suppressed?.kind])).toEqual(
        [['src/allowed.ts', 'inline']],
      );
    },
  );

  it('is stable across runs and never prints a whole secret', async () => {
    const first = await runScan({
      cwd: root,
      paths: [],
      workers: 0,
      progress: false,
    });
    const second = await runScan({
      cwd: root,
      paths: [],
      workers: 2,
      progress: false,
    });
    const strip = (r: typeof first) =>
      r.report.findings.map((f) => [f.fingerprint, f.location.line]);
    expect(strip(second)).toEqual(strip(first));
    const outputs = [
      formatJson(first.report),
      formatSarif(first.report, ruleDescriptors(first.rules)),
      formatScanText(first.report),
    ].join('\n');
    for (const value of corpus.planted) {
      expect(outputs).not.toContain(value);
      expect(outputs).not.toContain(value.slice(0, 12));
    }
  });

  it('reports the split, base64 and CRLF cases with decoding noted', async () => {
    const { report } = await runScan({
      cwd: root,
      paths: [],
      workers: 0,
      progress: false,
    });
    const byFile = (file: string) =>
      report.findings.filter((f) => f.location.file === file);
    expect(byFile('k8s/secret.yaml')[0].properties?.decodedFrom).toBe('base64');
    expect(
      byFile('src/lib/mail.ts').find((f) => f.ruleId === 'stripe-secret-key')
        ?.properties?.decodedFrom,
    ).toBe('joined');
    expect(byFile('.env.production')[0].location.column).toBe(
      'SUPABASE_SERVICE_ROLE_KEY='.length + 1,
    );
    expect(byFile('web/public/logo.svg.txt')).toEqual([]);
    expect(byFile('pnpm-lock.yaml')).toEqual([]);
  });
});
