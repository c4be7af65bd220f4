import { git, splitNul } from './git.js';

/** The .gitignore line that decides a path, as git reports it. */
export interface IgnoreRule {
  /** The file holding the rule, relative to the root (or absolute for global excludes). */
  source: string;
  line: number;
  pattern: string;
}

export interface IgnoreVerdict {
  ignored: boolean;
  /** The last matching rule; a `!` rule means re-included. */
  rule?: IgnoreRule;
}

/**
 * Asks git itself which paths its ignore rules cover, tracked or not
 * (`--no-index`), in one batch over stdin. No hand-written matcher: the
 * answer is exactly what `git add` would do. Paths no rule matches are
 * absent from the map (git prints only matches, `!` rules included).
 */
// TODO(pathspec magic): check-ignore reads stdin paths as pathspecs, so a path
// starting with ':' (e.g. ':(top)x') is answered for another path; git has
// no literal mode for this command.
export async function checkIgnore(
  cwd: string,
  paths: readonly string[],
): Promise<Map<string, IgnoreVerdict>> {
  const verdicts = new Map<string, IgnoreVerdict>();
  if (paths.length === 0) return verdicts;
  const out = await git(
    cwd,
    ['check-ignore', '--no-index', '--verbose', '-z', '--stdin'],
    // Without GIT_FLUSH=0, git flushes a pipe after every path: 100k writes.
    { input: `${paths.join('\0')}\0`, okCodes: [1], env: { GIT_FLUSH: '0' } },
  );
  const fields = splitNul(out);
  for (let index = 0; index + 3 < fields.length; index += 4) {
    const source = fields[index];
    const line = fields[index + 1];
    const pattern = fields[index + 2];
    const path = fields[index + 3];
    verdicts.set(path, {
      ignored: !pattern.startsWith('!'),
      rule: { source, line: Number(line), pattern },
    });
  }
  return verdicts;
}

/** Tracked files that the ignore rules cover: committed before the rule. */
export async function ignoredTracked(cwd: string): Promise<string[]> {
  const out = await git(cwd, [
    'ls-files',
    '-z',
    '--cached',
    '--ignored',
    '--exclude-standard',
  ]);
  return splitNul(out);
}

export function describeRule(rule: IgnoreRule): string {
  return `${rule.source}:${rule.line} \`${rule.pattern}\``;
}
