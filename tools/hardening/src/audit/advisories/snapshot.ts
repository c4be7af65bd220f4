import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  displayUrl,
  fetchWithRetry,
  readBytes,
  type HttpOptions,
} from './http.js';
import { SourceError } from './model.js';
import { buildNameIndex, zipJsonEntries, type NameIndex } from './osv-files.js';

export const OSV_NPM_URL =
  'https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip';
export const DEFAULT_CACHE_DIR = '.shipshape/cache/advisories';
export const SNAPSHOT_ZIP = 'osv-npm.zip';
export const SNAPSHOT_META = 'snapshot.json';
export const SNAPSHOT_NAMES = 'osv-npm.names.json';

const metaSchema = z.object({
  format: z.literal('osv-zip'),
  sourceUrl: z.string(),
  fetchedAt: z.string(),
  records: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});

export type SnapshotMeta = z.output<typeof metaSchema>;

export function cacheDir(root: string, configured: string | undefined): string {
  return resolve(root, configured ?? DEFAULT_CACHE_DIR);
}

/** The synced snapshot's metadata, undefined when none was synced. */
export function readSnapshotMeta(dir: string): SnapshotMeta | undefined {
  const file = join(dir, SNAPSHOT_META);
  if (!existsSync(file) || !existsSync(join(dir, SNAPSHOT_ZIP)))
    return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new SourceError(
      file,
      'the snapshot metadata is not JSON; run `shipshape advisories sync` again',
      { cause },
    );
  }
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SourceError(
      file,
      'the snapshot metadata is incomplete; run `shipshape advisories sync` again',
    );
  }
  return parsed.data;
}

/** Reads the snapshot and checks it is the one the metadata describes. */
export function readSnapshotZip(dir: string, meta: SnapshotMeta): Uint8Array {
  const file = join(dir, SNAPSHOT_ZIP);
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== meta.sha256) {
    throw new SourceError(
      file,
      'the snapshot does not match its recorded sha256; run `shipshape advisories sync` again',
    );
  }
  return bytes;
}

/**
 * Downloads the OSV npm export, checks that it is a zip of records, and
 * swaps it into the cache with its provenance. A failed sync leaves the
 * previous snapshot in place.
 */
export async function syncSnapshot(
  url: string,
  dir: string,
  http: HttpOptions,
  now: () => Date = () => new Date(),
): Promise<SnapshotMeta> {
  const response = await fetchWithRetry(url, { method: 'GET' }, http);
  const shown = displayUrl(url);
  const bytes = await readBytes(response, shown);
  const entries = zipJsonEntries(bytes, shown);
  const records = entries.length;
  if (records === 0)
    throw new SourceError(
      shown,
      'the archive holds no OSV records (.json entries)',
      { empty: true },
    );

  const names = buildNameIndex(entries, shown);
  if (Object.keys(names).length === 0)
    throw new SourceError(
      shown,
      `none of the ${records} records in the archive is an OSV advisory about an npm package`,
      { empty: true },
    );

  const meta: SnapshotMeta = {
    format: 'osv-zip',
    sourceUrl: shown,
    fetchedAt: now().toISOString(),
    records,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
  };
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, SNAPSHOT_ZIP), bytes);
  writeAtomic(
    join(dir, SNAPSHOT_NAMES),
    JSON.stringify({ sha256: meta.sha256, names }),
  );
  writeAtomic(join(dir, SNAPSHOT_META), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

/**
 * The name index written at sync, when it belongs to this snapshot; without
 * it every record is read (slower, same answer).
 */
export function readNameIndex(
  dir: string,
  meta: SnapshotMeta,
): NameIndex | undefined {
  try {
    const raw = JSON.parse(readFileSync(join(dir, SNAPSHOT_NAMES), 'utf8')) as {
      sha256?: string;
      names?: NameIndex;
    };
    return raw.sha256 === meta.sha256 ? raw.names : undefined;
  } catch {
    return undefined;
  }
}

/** Age of a snapshot in whole days. */
export function snapshotAgeDays(meta: SnapshotMeta, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(meta.fetchedAt)) / 86_400_000);
}
