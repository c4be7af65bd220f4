import picomatch from 'picomatch';

/** Globs, or `regex:<source>` entries (from .gitleaks.toml), over posix paths. */
export function pathMatcher(
  patterns: readonly string[],
): (path: string) => boolean {
  const globs = patterns.filter((p) => !p.startsWith('regex:'));
  const regexes = patterns
    .filter((p) => p.startsWith('regex:'))
    .map((p) => new RegExp(p.slice(6)));
  const glob = globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
  return (path) => glob(path) || regexes.some((re) => re.test(path));
}
