import type { Severity } from '../../report/index.js';

/**
 * One advisory as the audit needs it, whatever the source: OSV records and
 * npm bulk answers both become this.
 */
export interface Advisory {
  /** Preferred id: GHSA when there is one. */
  id: string;
  /** Every other id for the same issue (CVE, OSV, npm numeric). */
  aliases: string[];
  summary: string;
  severity: Severity;
  /** Where the severity came from, so "assumed" is never hidden. */
  severitySource: 'advisory' | 'cvss' | 'malware' | 'assumed';
  url?: string;
  /** True when this version is affected. */
  affects(version: string): boolean;
  /** The first version that fixes `version`, if the advisory says. */
  fixedVersion(version: string): string | undefined;
}

/** Where the advisories came from; printed in every report. */
export interface Provenance {
  kind: 'osv-dir' | 'osv-zip' | 'osv-snapshot' | 'osv-url' | 'npm-bulk';
  /** Path or URL, as the user gave it. */
  location: string;
  /** Original download URL of a synced snapshot. */
  sourceUrl?: string;
  fetchedAt?: string;
  records?: number;
  sha256?: string;
  /** Records skipped: withdrawn, malformed, other ecosystems. */
  skipped?: { withdrawn: number; malformed: number };
}

export interface PackageQuery {
  name: string;
  versions: string[];
}

export interface AdvisorySource {
  /** Advisories per package name for the queried packages. */
  lookup(packages: readonly PackageQuery[]): Promise<Map<string, Advisory[]>>;
  provenance(): Provenance;
}

/** The advisory data could not be read: the verdict must be unknown. */
export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(
    readonly location: string,
    readonly reason: string,
    options?: { cause?: unknown; status?: number; empty?: boolean },
  ) {
    super(`${location}: ${reason}`, { cause: options?.cause });
    this.status = options?.status;
    this.empty = options?.empty === true;
  }

  readonly status?: number;
  /** The source was read, but holds no usable advisory records. */
  readonly empty: boolean;
}
