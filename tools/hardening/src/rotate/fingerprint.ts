import { createHash } from 'node:crypto';

/**
 * A short, stable fingerprint of a secret value for journals and reports:
 * enough to tell two values apart, too short to stand in for the ledger's
 * full hash, and never the value.
 */
export function fingerprint(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12)}`;
}
