import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { AdvisorySource, PackageQuery, Provenance } from './model.js';
import { SourceError } from './model.js';
import { OsvIndex } from './osv-index.js';

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

/** OSV records from a zip (the osv.dev `npm/all.zip` layout: one JSON per entry). */
export function osvZipSource(
  load: () => Promise<Uint8Array> | Uint8Array,
  describe: Omit<Provenance, 'records' | 'sha256' | 'skipped'>,
): AdvisorySource {
  let index: OsvIndex | undefined;
  let sha256: string | undefined;
  return {
    async lookup(packages) {
      const bytes = await load();
      sha256 = createHash('sha256').update(bytes).digest('hex');
      index = new OsvIndex(wantedNames(packages));
      for (const text of zipJsonEntries(bytes, describe.location))
        index.addText(text);
      return index.lookup(packages);
    },
    provenance: () => ({
      ...describe,
      records: index?.stats.records,
      sha256,
      skipped: index && {
        withdrawn: index.stats.withdrawn,
        malformed: index.stats.malformed,
      },
    }),
  };
}

export function zipJsonEntries(bytes: Uint8Array, location: string): string[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name.endsWith('.json') });
  } catch (cause) {
    throw new SourceError(
      location,
      `not a readable zip archive (${(cause as Error).message})`,
      { cause },
    );
  }
  return Object.keys(files)
    .sort()
    .map((name) => strFromU8(files[name]));
}

/** Counts the records of a zip from its directory, without inflating them. */
export function countZipRecords(bytes: Uint8Array, location: string): number {
  let count = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith('.json')) count++;
        return false;
      },
    });
  } catch (cause) {
    throw new SourceError(
      location,
      `not a readable zip archive (${(cause as Error).message})`,
      { cause },
    );
  }
  return count;
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
