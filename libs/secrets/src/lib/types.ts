/** How bad a leak of this kind is; the scanner's report model shares it. */
export type SecretSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** The names of the validators a rule may run (see validators.ts). */
export type ValidatorName =
  | 'supabase-jwt-role'
  | 'github-checksum'
  | 'not-placeholder'
  | 'not-uuid'
  | 'not-code-reference'
  | 'url-password';

/** Allow rules: a match that satisfies any of them is not a finding. */
export interface RuleAllowlist {
  /** Glob-like path fragments (matched by the scanner, not here). */
  paths?: string[];
  /** Regex sources tested against the secret. */
  secrets?: string[];
  /** Regex sources tested against the whole match. */
  matches?: string[];
  /** Regex sources tested against the line holding the match. */
  lines?: string[];
  /** Lower-case words; a secret containing one is ignored. */
  stopwords?: string[];
}

/**
 * One kind of secret, as plain data: rules compile once and are shared by
 * the scanner, the logger's scrubber and env's shape checks.
 */
export interface SecretRule {
  id: string;
  description: string;
  severity: SecretSeverity;
  /** Lower-case literals; the rule only runs where one of them occurs. */
  keywords: string[];
  /** Regex source with a named group `secret` (else the whole match). */
  pattern: string;
  /** Which capture group holds the secret when it is not named `secret`. */
  secretGroup?: number;
  /** Extra regex flags, e.g. 'i'. `g` and `d` are always added. */
  flags?: string;
  /** Minimum Shannon entropy (bits per char) of the secret. */
  entropy?: number;
  validators?: ValidatorName[];
  allowlist?: RuleAllowlist;
  /**
   * Generic rules guess from names and entropy; they skip lockfiles, UUIDs
   * and yield to a specific rule that matched the same value.
   */
  generic?: boolean;
  /**
   * Where findings point: at the secret group (default) or at the start of
   * the whole match (block secrets such as private keys: the BEGIN line).
   */
  locate?: 'secret' | 'match';
  /** Values that are public by design (e.g. anon keys) are not findings. */
  remediation?: string;
}

/** What a validator decided about one candidate. */
export type Verdict =
  | { keep: true; severity?: SecretSeverity; note?: string }
  | { keep: false; reason: string };
