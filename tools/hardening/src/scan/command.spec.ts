import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { buildCorpus, writeTree } from './testing/corpus.js';

const BIN = resolve(import.meta.dirname, '../../bin/shipshape.mjs');

describe('shipshape scan (CLI)', () => {
  it('exits 1 with SARIF 2.1.0 on secrets, 2 on a bad option, never printing a secret', async () => {
    const root = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
    const corpus = buildCorpus('cli');
    writeTree(root, corpus.files);
    try {
      const sarif = await execa('node', [BIN, 'scan', '--format', 'sarif'], {
        cwd: root,
        reject: false,
      });
      expect(sarif.exitCode).toBe(1);
      const log = JSON.parse(sarif.stdout) as {
        version: string;
        runs: Array<{ results: unknown[] }>;
      };
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0].results.length).toBeGreaterThanOrEqual(
        corpus.expected.length,
      );
      const text = await execa('node', [BIN, 'scan'], {
        cwd: root,
        reject: false,
        all: true,
      });
      expect(text.exitCode).toBe(1);
      for (const value of corpus.planted) {
        expect(sarif.stdout + sarif.stderr + text.all).not.toContain(
          value.slice(0, 12),
        );
      }
      const bad = await execa('node', [BIN, 'scan', '--since', 'HEAD'], {
        cwd: root,
        reject: false,
      });
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toContain('--since: only works with --history');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
