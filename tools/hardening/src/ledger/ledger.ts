import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShipshapeError } from '../errors.js';

/**
 * The leak ledger: one line per revoked secret, `<sha256-hex> <name> <date>`,
 * `#` comments and blank lines allowed. It records that a value was revoked
 * and must never appear again; it never holds the value itself.
 */
export const DEFAULT_LEDGER_FILE = '.shipshape/revoked.txt';

export interface LedgerEntry {
  /** Lower-case hex SHA-256 of the revoked value (UTF-8 bytes). */
  sha256: string;
  /** The secret's name in the inventory, e.g. RESEND_API_KEY. */
  name: string;
  /** ISO date (YYYY-MM-DD) or date-time of the revocation. */
  date: string;
  /** 1-based line in the ledger file. */
  line: number;
}

const HEADER = [
  '# shipshape leak ledger: SHA-256 of revoked secret values, never the values.',
  '# Format: <sha256-hex> <name> <ISO-date>. `shipshape scan --revoked` fails',
  '# when any of these values still appears in the tree or in git history.',
];

const SHA256 = /^[0-9a-f]{64}$/;
const NAME = /^[A-Za-z0-9_.:/@-]+$/;
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** SHA-256 of a secret value as the ledger stores it. */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Parses ledger text; every bad line is reported at once, by line number. */
export function parseLedger(
  text: string,
  file = DEFAULT_LEDGER_FILE,
): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const content = raw.replace(/\s+#.*$/, '').trim();
    if (content === '' || content.startsWith('#')) return;
    const [sha, name, date, ...rest] = content.split(/\s+/);
    const problem = lineProblem(sha, name, date, rest);
    if (problem) problems.push(`line ${index + 1} ${problem}`);
    else
      entries.push({ sha256: sha.toLowerCase(), name, date, line: index + 1 });
  });
  if (problems.length > 0) {
    throw new ShipshapeError(
      'BAD_CONFIG',
      `${file}: ${problems.join('; ')}. Each entry must read "<sha256-hex> <name> <ISO-date>".`,
    );
  }
  return entries;
}

function lineProblem(
  sha: string,
  name: string | undefined,
  date: string | undefined,
  rest: string[],
): string | undefined {
  if (!SHA256.test(sha.toLowerCase()))
    return 'does not start with a 64-digit hex SHA-256';
  if (!name || !NAME.test(name)) return 'has no valid name after the hash';
  if (!date || !ISO_DATE.test(date))
    return 'has no ISO date (YYYY-MM-DD) after the name';
  if (rest.length > 0) return 'has extra words after the date';
  return undefined;
}

/**
 * Reads a ledger file. A missing file is an error unless `missingOk`, in
 * which case it reads as empty (no rotation has been recorded yet).
 */
export function readLedger(
  file: string,
  options: { missingOk?: boolean } = {},
): LedgerEntry[] {
  if (!existsSync(file)) {
    if (options.missingOk) return [];
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${file}: no ledger file there; pass the path of your revoked-secrets ledger (default ${DEFAULT_LEDGER_FILE}).`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${file}: cannot read the ledger; check that it is a readable file.`,
      { cause },
    );
  }
  return parseLedger(text, file);
}

export interface LedgerRecord {
  sha256: string;
  name: string;
  /** Defaults to today (UTC). */
  date?: string;
}

export function formatLedgerEntry(record: LedgerRecord): string {
  const date = record.date ?? new Date().toISOString().slice(0, 10);
  if (!SHA256.test(record.sha256)) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `ledger entry for ${record.name}: the hash is not a SHA-256 hex digest.`,
    );
  }
  if (!NAME.test(record.name)) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `ledger entry "${record.name}": names may hold letters, digits and _ . : / @ - only; rename the secret in the inventory.`,
    );
  }
  return `${record.sha256} ${record.name} ${date}`;
}

/**
 * Appends one entry (creating the file with its header comment when
 * needed). An already recorded hash is not added twice; returns whether a
 * line was written.
 */
export function appendLedger(file: string, record: LedgerRecord): boolean {
  const line = formatLedgerEntry(record);
  const existing = readLedger(file, { missingOk: true });
  if (existing.some((entry) => entry.sha256 === record.sha256)) return false;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const prefix = existsSync(file)
      ? separator(file)
      : `${HEADER.join('\n')}\n`;
    appendFileSync(file, `${prefix}${line}\n`);
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${file}: cannot append to the ledger; check that the folder is writable.`,
      { cause },
    );
  }
  return true;
}

// A file whose last line lacks a newline gets one before the new entry.
function separator(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.length > 0 && !text.endsWith('\n') ? '\n' : '';
}

/** The set of hashes, for matchers that test candidate values. */
export function ledgerHashes(
  entries: readonly LedgerEntry[],
): Map<string, LedgerEntry> {
  return new Map(entries.map((entry) => [entry.sha256, entry]));
}
