/** A decoded or joined piece of text and where it sits in the original. */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

// Greedy and unbounded, so it never backtracks; long runs are cut below.
const BASE64 = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{24,}={0,2}/g;
const MAX_BASE64 = 4096;

/** Base64 runs that decode to mostly printable text. */
export function base64Candidates(text: string): Piece[] {
  const out: Piece[] = [];
  BASE64.lastIndex = 0;
  for (let m = BASE64.exec(text); m !== null; m = BASE64.exec(text)) {
    const value = m[0];
    if (value.length > MAX_BASE64) continue;
    const after = text.charCodeAt(m.index + value.length);
    if (after === 45 || after === 95) continue; // base64url or an identifier
    if (!asciiShaped(value) || !/[A-Z]/.test(value) || !/[a-z0-9]/.test(value))
      continue;
    const decoded = Buffer.from(value, 'base64').toString('latin1');
    if (!printable(decoded)) continue;
    out.push({ text: decoded, start: m.index, end: m.index + value.length });
  }
  return out;
}

// Base64 of ASCII text: every 4-character group starts with a sextet below
// 32, i.e. one of A-Z or a-f. Checked on the first groups before decoding.
function asciiShaped(value: string): boolean {
  const limit = Math.min(value.length, 128);
  for (let i = 0; i < limit; i += 4) {
    const code = value.charCodeAt(i);
    const ok = (code >= 65 && code <= 90) || (code >= 97 && code <= 102);
    if (!ok) return false;
  }
  return true;
}

function printable(text: string): boolean {
  if (text.length < 8) return false;
  let ok = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 32 && code < 127) || code === 10 || code === 13 || code === 9)
      ok++;
  }
  return ok / text.length > 0.95;
}

// Two or more quoted literals joined by `+` (or adjacent, as in Python).
const SPLIT =
  /(["'`])([^"'`\n\\]{1,200})\1(?:[ \t]{0,8}(?:\+[ \t]{0,8}(?:\r?\n[ \t]{0,40})?)?(["'`])([^"'`\n\\]{1,200})\3){1,8}/g;
const PIECE = /(["'`])([^"'`\n\\]{1,200})\1/g;

// A template literal whose interpolations are all string literals:
// `sk_live_abc${"def"}` is one value.
const TEMPLATE =
  /`(?=[^`\n]{0,1200}\$\{)(?:[^`$\\\n]|\$\{[ \t]{0,8}(["'])[^"'`\n\\]{0,200}\1[ \t]{0,8}\}){2,1200}`/g;
const INTERPOLATED = /\$\{[ \t]{0,8}(["'])([^"'`\n\\]{0,200})\1[ \t]{0,8}\}/g;

/**
 * Adjacent string pieces of one statement, joined, with the line's prefix.
 * `start` is the first piece's first character (after its quote).
 */
export function joinedStrings(text: string): Piece[] {
  const out: Piece[] = [];
  if (/\$\{[ \t]{0,8}["']/.test(text)) {
    TEMPLATE.lastIndex = 0;
    for (let m = TEMPLATE.exec(text); m !== null; m = TEMPLATE.exec(text)) {
      if (!INTERPOLATED.test(m[0])) continue;
      const body = m[0].slice(1, -1).replace(INTERPOLATED, '$2');
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      const prefix = text.slice(Math.max(lineStart, m.index - 200), m.index);
      out.push({
        text: `${prefix}"${body}"`,
        start: m.index + 1,
        end: m.index + m[0].length,
      });
    }
  }
  if (!/["'`][ \t]{0,8}\+|["'][ \t]{1,8}["']/.test(text)) return out;
  SPLIT.lastIndex = 0;
  for (let m = SPLIT.exec(text); m !== null; m = SPLIT.exec(text)) {
    const parts = [...m[0].matchAll(PIECE)].map((p) => p[2]);
    if (parts.length < 2) continue;
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const prefix = text.slice(Math.max(lineStart, m.index - 200), m.index);
    out.push({
      text: `${prefix}"${parts.join('')}"`,
      start: m.index + 1,
      end: m.index + m[0].length,
    });
  }
  return out;
}
