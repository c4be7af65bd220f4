import type { Advisory, PackageQuery } from './model.js';
import {
  advisoryFromOsv,
  isOsvRecord,
  npmPackagesOf,
  type OsvRecord,
} from './osv.js';

/** Counts kept while records stream in; they end up in the provenance. */
export interface IndexStats {
  records: number;
  withdrawn: number;
  malformed: number;
  /**
   * Valid OSV records about npm packages seen, counted at least up to the
   * first: zero means the source holds nothing an audit can use.
   */
  usable: number;
}

const NAME_FIELD = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * Collects OSV records for the packages asked about. Most of a full npm
 * export is about other packages, so a record is parsed only when a name
 * it mentions is wanted; the rest is counted and dropped.
 */
export class OsvIndex {
  readonly stats: IndexStats = {
    records: 0,
    withdrawn: 0,
    malformed: 0,
    usable: 0,
  };
  private readonly byName = new Map<string, OsvRecord[]>();

  constructor(private readonly wanted: ReadonlySet<string> | undefined) {}

  addText(text: string): void {
    this.stats.records++;
    if (this.wanted && !this.mentionsWanted(text)) {
      // Not about a wanted package: only read until one usable record
      // shows that the source is a real npm advisory source.
      if (this.stats.usable === 0) this.checkUsable(text);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.stats.malformed++;
      return;
    }
    this.addRecord(value);
  }

  addRecord(value: unknown): void {
    if (!isOsvRecord(value)) {
      this.stats.malformed++;
      return;
    }
    if (npmPackagesOf(value).length > 0) this.stats.usable++;
    if (value.withdrawn) {
      this.stats.withdrawn++;
      return;
    }
    for (const name of npmPackagesOf(value)) {
      if (this.wanted && !this.wanted.has(name)) continue;
      const list = this.byName.get(name) ?? [];
      list.push(value);
      this.byName.set(name, list);
    }
  }

  lookup(packages: readonly PackageQuery[]): Map<string, Advisory[]> {
    const result = new Map<string, Advisory[]>();
    for (const { name } of packages) {
      const records = this.byName.get(name);
      if (records)
        result.set(
          name,
          records.map((record) => advisoryFromOsv(record, name)),
        );
    }
    return result;
  }

  private checkUsable(text: string): void {
    try {
      const value: unknown = JSON.parse(text);
      if (isOsvRecord(value) && npmPackagesOf(value).length > 0)
        this.stats.usable++;
    } catch {
      // counted as malformed only when it mentions a wanted package
    }
  }

  private mentionsWanted(text: string): boolean {
    for (const match of text.matchAll(NAME_FIELD)) {
      if (this.wanted?.has(match[1])) return true;
    }
    return false;
  }
}
