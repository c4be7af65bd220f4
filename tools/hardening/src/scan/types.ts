import type { SecretRule, SecretSeverity } from '@shipshape/secrets';

/** A rule as the scanner runs it: catalog data plus where it may apply. */
export interface ScanRule extends SecretRule {
  /** Where the rule came from, for messages: builtin, config or a file. */
  source: string;
}

/** One unit of work: a file on disk or text that came from git. */
export type ScanItem =
  | { kind: 'file'; abs: string; rel: string }
  | {
      kind: 'text';
      rel: string;
      text: string;
      /** Line number of each line of `text` in the real file (history). */
      lines?: number[];
      commit?: string;
      date?: string;
      /** A staged blob that is not text. */
      binary?: boolean;
    };

/**
 * A finding as it leaves a worker: the secret itself never does, only its
 * hash, its length and its first 4 characters.
 */
export interface RawFinding {
  ruleId: string;
  severity: SecretSeverity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** SHA-256 hex of the secret value (the revoked ledger's format). */
  secretHash: string;
  secretLength: number;
  preview: string;
  name?: string;
  note?: string;
  /** How the secret was reached: as written, base64-decoded, or joined. */
  via?: 'base64' | 'joined';
  inlineAllowed?: boolean;
  commit?: string;
  date?: string;
}

export interface ItemResult {
  rel: string;
  bytes: number;
  findings: RawFinding[];
  skipped?: string;
  /** True when the file was unreadable (reported as a warning too). */
  unreadable?: boolean;
}

/** What every worker needs to scan: rules as data and the run's switches. */
export interface DetectorOptions {
  rules: ScanRule[];
  /** SHA-256 hex of revoked values (from --revoked). */
  revoked: string[];
}

export type Severity = SecretSeverity;
