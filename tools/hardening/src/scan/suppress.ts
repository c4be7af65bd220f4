import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShipshapeError } from '../errors.js';
import type { RawFinding } from './types.js';

/**
 * The key a baseline remembers: rule + file + a hash of the secret. It
 * survives moved lines and CRLF changes; the secret cannot be read back.
 */
export function baselineKey(
  finding: Pick<RawFinding, 'ruleId' | 'file' | 'secretHash'>,
): string {
  return `${finding.ruleId}:${finding.file}:${secretId(finding.secretHash)}`;
}

/** The id findings of one secret share (16 hex digits of a salted hash). */
export function secretId(secretHash: string): string {
  return createHash('sha256')
    .update(`shipshape-secret-id:${secretHash}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * Fingerprint of one place: the baseline key, the commit for history
 * findings and the occurrence number inside the file.
 */
export function fingerprintOf(finding: RawFinding, occurrence: number): string {
  const commit = finding.commit ? `@${finding.commit.slice(0, 12)}` : '';
  return `${baselineKey(finding)}${commit}:${occurrence}`;
}

/** Fingerprints or baseline keys, one a line, `#` comments. */
export function readIgnoreFile(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const text = readFileSync(file, 'utf8');
  return new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean),
  );
}

interface BaselineFile {
  tool: 'shipshape';
  kind: 'scan-baseline';
  version: 1;
  keys: string[];
}

export function readBaseline(file: string): Set<string> {
  let parsed: BaselineFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as BaselineFile;
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `--baseline ${file}: cannot read it as a shipshape baseline; write one with --write-baseline.`,
      { cause },
    );
  }
  if (parsed?.kind !== 'scan-baseline' || !Array.isArray(parsed.keys)) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--baseline ${file}: not a shipshape scan baseline; write one with --write-baseline.`,
    );
  }
  return new Set(parsed.keys);
}

export function writeBaseline(file: string, keys: Iterable<string>): void {
  const body: BaselineFile = {
    tool: 'shipshape',
    kind: 'scan-baseline',
    version: 1,
    keys: [...new Set(keys)].sort(),
  };
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  } catch (cause) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--write-baseline ${file}: cannot write there; choose a writable path.`,
      { cause },
    );
  }
}
