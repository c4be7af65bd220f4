import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AdvisorySource, PackageQuery, Provenance } from './model.js';
import { SourceError } from './model.js';
import { OsvIndex } from './osv-index.js';
import { isOsvRecord, npmPackagesOf } from './osv.js';
import { readZipEntries, type ZipEntry } from './zip.js';

/** OSV records from a folder of JSON files (any depth). */
export function osvDirectorySource(dir: string): AdvisorySource {
  let index: OsvIndex | undefined;
  let sha256: string | undefined;
  return {
    async lookup(packages) {
      index = new OsvIndex(wantedNames(packages));
      const hash = createHash('sha256');
      for (const file of listJson(dir)) {
        const text = readText(file);
        hash
          .update(`${relative(dir, file)}\0`)
          .update(text)
          .update('\0');
        index.addText(text);
      }
      sha256 = hash.digest('hex');
      requireUsable(index, dir, 'folder', '.json files');
      return index.lookup(packages);
    },
    provenance: () => ({
      kind: 'osv-dir',
      location: dir,
      records: index?.stats.records,
      sha256,
      skipped: index && {
        withdrawn: index.stats.withdrawn,
        malformed: index.stats.malformed,
      },
    }),
  };
}

/** Entry names per npm package, built once at sync time. */
export type NameIndex = Record<string, string[]>;

/**
 * OSV records from a zip (the osv.dev `npm/all.zip` layout: one JSON per
 * entry). With a name index only the wanted packages' entries are inflated.
 */
export function osvZipSource(
  load: () => Promise<Uint8Array> | Uint8Array,
  describe: Omit<Provenance, 'records' | 'sha256' | 'skipped'>,
  nameIndex?: () => NameIndex | undefined,
): AdvisorySource {
  let index: OsvIndex | undefined;
  let sha256: string | undefined;
  let total: number | undefined;
  return {
    async lookup(packages) {
      const bytes = await load();
      sha256 = createHash('sha256').update(bytes).digest('hex');
      const wanted = wantedNames(packages);
      index = new OsvIndex(wanted);
      const entries = zipJsonEntries(bytes, describe.location);
      total = entries.length;
      const names = nameIndex?.();
      const chosen = names ? pick(entries, names, wanted) : entries;
      for (const entry of chosen) {
        index.addText(entryText(entry, describe.location));
      }
      // The name index lists only valid npm records: one name is enough.
      if (names && Object.keys(names).length > 0) index.stats.usable ||= 1;
      requireUsable(index, describe.location, 'archive', '.json entries');
      return index.lookup(packages);
    },
    provenance: () => ({
      ...describe,
      records: total,
      sha256,
      skipped: index && {
        withdrawn: index.stats.withdrawn,
        malformed: index.stats.malformed,
      },
    }),
  };
}

/**
 * A source with no valid OSV record about an npm package (an empty folder,
 * only `{}` files, an export of another ecosystem) cannot say "no
 * advisories": it is a misconfigured source, so the verdict is unknown.
 */
function requireUsable(
  index: OsvIndex,
  location: string,
  what: 'folder' | 'archive',
  unit: string,
): void {
  if (index.stats.usable > 0) return;
  const { records, malformed } = index.stats;
  const reason =
    records === 0
      ? `the ${what} holds no OSV records (no ${unit})`
      : `none of the ${records} ${unit} in the ${what} is an OSV advisory about an npm package` +
        (malformed > 0 ? ` (${malformed} malformed)` : '');
  throw new SourceError(location, reason, { empty: true });
}

function pick(
  entries: ZipEntry[],
  names: NameIndex,
  wanted: Set<string>,
): ZipEntry[] {
  const keep = new Set<string>();
  for (const name of wanted)
    for (const entry of names[name] ?? []) keep.add(entry);
  return entries.filter((entry) => keep.has(entry.name));
}

/** Which entries name which npm packages: read once, when a snapshot is synced. */
export function buildNameIndex(
  entries: readonly ZipEntry[],
  location: string,
): NameIndex {
  const names: NameIndex = {};
  for (const entry of entries) {
    let record: unknown;
    try {
      record = JSON.parse(entryText(entry, location));
    } catch {
      continue;
    }
    if (!isOsvRecord(record)) continue;
    for (const name of npmPackagesOf(record))
      (names[name] ??= []).push(entry.name);
  }
  return names;
}

/** The `.json` entries of an OSV zip, in name order. */
export function zipJsonEntries(
  bytes: Uint8Array,
  location: string,
): ZipEntry[] {
  try {
    return readZipEntries(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    )
      .filter((entry) => entry.name.endsWith('.json'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (cause) {
    throw new SourceError(
      location,
      `not a readable zip archive (${(cause as Error).message})`,
      { cause },
    );
  }
}

/** Inflates one entry; a corrupt entry makes the whole source unreadable. */
export function entryText(entry: ZipEntry, location: string): string {
  try {
    return entry.read().toString('utf8');
  } catch (cause) {
    throw new SourceError(
      location,
      `entry ${entry.name} cannot be inflated (${(cause as Error).message})`,
      { cause },
    );
  }
}

export function readZipFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new SourceError(file, 'cannot read the advisory zip', { cause });
  }
}

function wantedNames(packages: readonly PackageQuery[]): Set<string> {
  return new Set(packages.map((pkg) => pkg.name));
}

function listJson(dir: string): string[] {
  const files: string[] = [];
  const visit = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (cause) {
      throw new SourceError(dir, 'cannot read the advisory folder', { cause });
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.json')) files.push(path);
    }
  };
  visit(dir);
  return files.sort();
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new SourceError(file, 'cannot read this advisory file', { cause });
  }
}

/** A folder's content hash: every record's relative path and bytes. */
export function directoryFingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listJson(dir)) {
    hash.update(`${relative(dir, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
