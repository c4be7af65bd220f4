/**
 * Inline suppression: a `shipshape:allow` (or `gitleaks:allow`) marker, as a
 * whole word, inside a comment on the finding's own line. Comments are
 * `//`, `#`, `/* … *\/`, `<!-- … -->` and SQL `--`, outside string literals.
 * A marker in a string value or in a longer word (`not-shipshape:allowed`)
 * suppresses nothing.
 *
 * Minified code: markers on lines longer than MAX_ALLOW_LINE characters are
 * ignored, so one comment cannot silence every secret of a bundle line.
 */
export const MAX_ALLOW_LINE = 1000;

const MARKER = /(?<![\w:.-])(?:shipshape|gitleaks):allow(?![\w:-])/;

/** True when `line` carries an allow marker inside a comment. */
export function hasInlineAllow(line: string): boolean {
  if (line.length > MAX_ALLOW_LINE) return false;
  if (!line.includes(':allow')) return false;
  return commentsOf(line).some((comment) => MARKER.test(comment));
}

/** The comment texts of one line (markers excluded), skipping string literals. */
export function commentsOf(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = stringEnd(line, i);
      if (close !== -1) {
        i = close + 1;
        continue;
      }
      i++;
      continue;
    }
    const rest = line.slice(i, i + 4);
    const spaced = i === 0 || /\s/.test(line[i - 1]);
    if (rest.startsWith('/*')) {
      const end = line.indexOf('*/', i + 2);
      out.push(line.slice(i + 2, end === -1 ? line.length : end));
      i = end === -1 ? line.length : end + 2;
      continue;
    }
    if (rest === '<!--') {
      const end = line.indexOf('-->', i + 4);
      out.push(line.slice(i + 4, end === -1 ? line.length : end));
      i = end === -1 ? line.length : end + 3;
      continue;
    }
    if (
      (rest.startsWith('//') && line[i - 1] !== ':') ||
      (c === '#' && spaced) ||
      (rest.startsWith('--') && spaced)
    ) {
      out.push(line.slice(i + (c === '#' ? 1 : 2)));
      break;
    }
    i++;
  }
  return out;
}

// Index of the quote closing the literal opened at `open`, -1 if none.
function stringEnd(line: string, open: number): number {
  const quote = line[open];
  for (let i = open + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === quote) return i;
  }
  return -1;
}
