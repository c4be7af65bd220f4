import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli.js';
import {
  formatJson,
  formatSarif,
  type Finding,
  type Report,
} from '../report/index.js';
import { mergeByCommand, mergeReports } from './merge.js';
import { readReports } from './read.js';

function finding(
  file: string,
  line: number,
  overrides: Partial<Finding> = {},
): Finding {
  return {
    ruleId: 'generic-api-key',
    severity: 'high',
    message: 'API key in source',
    location: { file, line, column: 3 },
    fingerprint: `generic-api-key:${file}:${line}`,
    evidence: 'sk_****',
    ...overrides,
  };
}

function report(command: string, findings: Finding[], files = 1): Report {
  return {
    tool: 'shipshape',
    command,
    version: '1.0.0',
    ok: findings.every((f) => f.suppressed),
    findings,
    stats: { files, bytes: 10, skipped: [], durationMs: 5 },
  };
}

describe('mergeReports', () => {
  it('drops findings two shards both reported and sorts the rest', () => {
    const a = report('scan', [finding('b.ts', 2), finding('a.ts', 1)]);
    const b = report('scan', [finding('a.ts', 1), finding('c.ts', 9)]);
    const merged = mergeReports([a, b], '1.0.0');
    expect(
      merged.findings.map((f) => `${f.location.file}:${f.location.line}`),
    ).toEqual(['a.ts:1', 'b.ts:2', 'c.ts:9']);
    expect(merged.command).toBe('scan');
    expect(merged.ok).toBe(false);
    expect(merged.stats.files).toBe(2);
  });

  it('keeps one secret found in two places as two findings', () => {
    const shared = { fingerprint: 'same-secret' };
    const merged = mergeReports(
      [
        report('scan', [finding('a.ts', 1, shared)]),
        report('scan', [finding('b.ts', 1, shared)]),
      ],
      '1.0.0',
    );
    expect(merged.findings).toHaveLength(2);
  });

  it('keeps history findings of different commits apart', () => {
    const at = (commit: string) =>
      finding('a.ts', 1, { location: { file: 'a.ts', line: 1, commit } });
    const merged = mergeReports(
      [report('scan', [at('aaa'), at('bbb')]), report('scan', [at('aaa')])],
      'x',
    );
    expect(merged.findings.map((f) => f.location.commit)).toEqual([
      'aaa',
      'bbb',
    ]);
  });

  it('is ok only when every shard is', () => {
    const clean = report('scan', []);
    expect(mergeReports([clean, clean], 'x').ok).toBe(true);
    expect(mergeReports([clean, { ...clean, ok: false }], 'x').ok).toBe(false);
  });

  it('groups by command for SARIF runs', () => {
    const merged = mergeByCommand(
      [
        report('scan', [finding('a.ts', 1)]),
        report('audit', []),
        report('scan', []),
      ],
      'x',
    );
    expect(merged.map((r) => r.command)).toEqual(['audit', 'scan']);
  });
});

describe('readReports', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-merge-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what formatSarif wrote, severity and fingerprint included', () => {
    const original = report('scan', [
      finding('a.ts', 1, { severity: 'critical' }),
      finding('b.ts', 4, {
        severity: 'low',
        ruleId: 'jwt',
        fingerprint: 'fp-b',
        location: { file: 'b.ts', line: 4, column: 1, commit: 'abc123' },
      }),
    ]);
    const file = join(dir, 'scan.sarif');
    writeFileSync(file, formatSarif(original));
    const [back] = readReports(file);
    expect(back?.command).toBe('scan');
    expect(
      back?.findings.map((f) => [
        f.ruleId,
        f.severity,
        f.fingerprint,
        f.location.commit,
      ]),
    ).toEqual([
      ['generic-api-key', 'critical', 'generic-api-key:a.ts:1', undefined],
      ['jwt', 'low', 'fp-b', 'abc123'],
    ]);
  });

  it('names the file it cannot read', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"not": "a report"}');
    expect(() => readReports(file)).toThrow(
      /broken\.json: neither a shipshape JSON report nor SARIF/,
    );
  });
});

describe('shipshape merge-reports', () => {
  let dir: string;
  let out: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-merge-cli-'));
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.exitCode = undefined;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges a folder of JSON and SARIF shards into one SARIF with a run per command', async () => {
    writeFileSync(
      join(dir, 'scan-1.json'),
      formatJson(report('scan', [finding('a.ts', 1)])),
    );
    writeFileSync(
      join(dir, 'scan-2.sarif'),
      formatSarif(report('scan', [finding('a.ts', 1), finding('b.ts', 2)])),
    );
    writeFileSync(join(dir, 'audit-1.json'), formatJson(report('audit', [])));
    const sarifFile = join(dir, 'out', 'merged.sarif');
    const code = await main([
      'merge-reports',
      dir,
      '--format',
      'sarif',
      '--output',
      sarifFile,
    ]);
    expect(code).toBe(1);
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs.map(
        (run: { automationDetails: { id: string } }) =>
          run.automationDetails.id,
      ),
    ).toEqual(['shipshape/audit/', 'shipshape/scan/']);
    expect(sarif.runs[1].results).toHaveLength(2);
  });

  it('prints one JSON object and exits 0 when the shards are clean', async () => {
    const one = join(dir, 'a.json');
    const two = join(dir, 'b.json');
    writeFileSync(one, formatJson(report('scan', [])));
    writeFileSync(two, formatJson(report('scan', [])));
    const code = await main(['merge-reports', one, two, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      tool: 'shipshape',
      command: 'scan',
      ok: true,
      findings: [],
    });
  });

  it('exits 2 naming a missing path', async () => {
    const code = await main(['merge-reports', join(dir, 'nope')]);
    expect(code).toBe(2);
  });
});
