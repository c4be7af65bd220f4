import prettyBytes from 'pretty-bytes';

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1000,
  kb: 1000,
  kib: 1024,
  m: 1000 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1000 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** The default --max-size: a binary above this belongs in Git LFS. */
export const DEFAULT_MAX_SIZE = 1000 ** 2;

/**
 * Parses `500KB`, `1.5MB`, `2MiB` or a plain byte count. Returns undefined
 * for anything else so the caller can name the option in its error.
 */
export function parseSize(text: string | number): number | undefined {
  if (typeof text === 'number')
    return Number.isFinite(text) && text > 0 ? text : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[match[2].toLowerCase()];
  const bytes = Math.round(Number(match[1]) * (unit ?? Number.NaN));
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

/** Human units, decimal like the size limits users type (1 MB = 1,000,000 B). */
export function formatSize(bytes: number): string {
  return prettyBytes(bytes);
}
