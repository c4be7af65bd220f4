import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fakeFactory } from '@shipshape/secrets/testing';
import { initRepo } from './workspace.js';

export interface HistoryRepo {
  commits: number;
  addedLines: number;
  /** Commit number (1-based) -> the fake secret it added. */
  planted: Map<number, string>;
}

/**
 * Writes a linear history of `commits` commits into `root` with one
 * `git fast-import` stream (thousands of commits in about a second). Each
 * commit adds one small file; every `plantEvery`-th also adds a fake,
 * format-valid token generated now, so nothing secret-shaped is committed.
 */
export function generateHistory(
  root: string,
  options: {
    commits: number;
    /** false leaves the work tree empty (history scans do not need it). */
    checkout?: boolean;
    linesPerCommit?: number;
    plantEvery?: number;
    seed?: string;
  },
): HistoryRepo {
  mkdirSync(root, { recursive: true });
  initRepo(root);
  const fake = fakeFactory(options.seed ?? 'history');
  const linesPerCommit = options.linesPerCommit ?? 6;
  const planted = new Map<number, string>();
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let addedLines = 0;
  for (let i = 1; i <= options.commits; i += 1) {
    const lines = Array.from(
      { length: linesPerCommit },
      (_, n) =>
        `export const value${n} = ${(i * 31 + n) % 977}; // module ${i}`,
    );
    if (options.plantEvery && i % options.plantEvery === 0) {
      const token = fake.githubClassic();
      planted.set(i, token);
      lines.push(`export const token = '${token}';`);
    }
    addedLines += lines.length;
    const when = 1_700_000_000 + i * 60;
    chunks.push(
      'commit refs/heads/main\n',
      `mark :${i}\n`,
      `author Shipshape Test <test@shipshape.invalid> ${when} +0000\n`,
      `committer Shipshape Test <test@shipshape.invalid> ${when} +0000\n`,
      data(`commit ${i}`),
      i > 1 ? `from :${i - 1}\n` : '',
      `M 100644 inline src/part-${i % 97}/module-${i}.ts\n`,
      data(`${lines.join('\n')}\n`),
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: root,
    input: chunks.join(''),
    maxBuffer: 1 << 28,
  });
  if (options.checkout !== false) {
    execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: root });
  }
  return { commits: options.commits, addedLines, planted };
}
