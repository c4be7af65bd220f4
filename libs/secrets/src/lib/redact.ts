import { findSecrets } from './find.js';

/** Replaces every secret the catalog recognises with `[REDACTED]`. */
export function redactSecrets(text: string): string {
  if (text.length < 8) return text;
  const matches = findSecrets(text);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += `${text.slice(at, match.start)}[REDACTED]`;
    at = match.end;
  }
  return out + text.slice(at);
}
