import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ShipshapeError } from '../../errors.js';
import { npmBulkSource } from './bulk.js';
import {
  displayUrl,
  fetchWithRetry,
  readBytes,
  type HttpOptions,
} from './http.js';
import type { AdvisorySource } from './model.js';
import { osvDirectorySource, osvZipSource, readZipFile } from './osv-files.js';
import {
  readNameIndex,
  readSnapshotMeta,
  readSnapshotZip,
  type SnapshotMeta,
} from './snapshot.js';

export type SourceSpec =
  | { kind: 'osv-dir' | 'osv-zip'; path: string }
  | { kind: 'osv-url' | 'npm-bulk'; url: string }
  | { kind: 'osv-snapshot'; dir: string; meta: SnapshotMeta }
  | { kind: 'none'; cacheDir: string };

/**
 * Which advisory data to use: --advisories, then the config's
 * `audit.advisories`, then the synced snapshot. A URL ending in .zip is an
 * OSV export; any other URL is an npm bulk advisory endpoint.
 */
export function resolveSourceSpec(
  given: string | undefined,
  root: string,
  cacheDir: string,
  /** Where `given` came from, for error messages. */
  option = '--advisories',
): SourceSpec {
  if (given) return specFor(given, root, option);
  const meta = readSnapshotMeta(cacheDir);
  if (meta) return { kind: 'osv-snapshot', dir: cacheDir, meta };
  return { kind: 'none', cacheDir };
}

// scheme://... or scheme:... other than a Windows drive letter.
const LOOKS_LIKE_URL = /^[a-z][a-z0-9+.-]+:/i;

function specFor(value: string, root: string, option: string): SourceSpec {
  if (LOOKS_LIKE_URL.test(value)) {
    const url = checkHttpUrl(value, option);
    return url.pathname.endsWith('.zip')
      ? { kind: 'osv-url', url: value }
      : { kind: 'npm-bulk', url: value };
  }
  const path = resolve(root, value);
  if (!existsSync(path)) {
    throw new ShipshapeError(
      option === '--advisories' ? 'BAD_OPTION' : 'BAD_CONFIG',
      `${option} ${value}: no such file or folder; pass a folder of OSV JSON records, an OSV zip, or a URL.`,
    );
  }
  const folder = statSync(path).isDirectory();
  if (folder) {
    const meta = readSnapshotMeta(path);
    if (meta) return { kind: 'osv-snapshot', dir: path, meta };
  }
  return { kind: folder ? 'osv-dir' : 'osv-zip', path };
}

/**
 * An advisory URL must be http(s) with a host; anything else is an option
 * error at once, never a download retried until it gives up. The value is
 * not echoed: a URL can carry credentials.
 */
export function checkHttpUrl(value: string, option: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) {
    throw new ShipshapeError(
      option.startsWith('--') ? 'BAD_OPTION' : 'BAD_CONFIG',
      `${option} is not a valid http(s) URL; pass a full URL such as https://mirror.example.com/osv/npm/all.zip${option.includes('advisories') ? ', or a local folder or zip path' : ''}.`,
    );
  }
  return url;
}

export function createSource(
  spec: Exclude<SourceSpec, { kind: 'none' }>,
  http: HttpOptions,
): AdvisorySource {
  switch (spec.kind) {
    case 'osv-dir':
      return osvDirectorySource(spec.path);
    case 'osv-zip':
      return osvZipSource(() => readZipFile(spec.path), {
        kind: 'osv-zip',
        location: spec.path,
      });
    case 'osv-snapshot':
      return osvZipSource(
        () => readSnapshotZip(spec.dir, spec.meta),
        {
          kind: 'osv-snapshot',
          location: spec.dir,
          sourceUrl: spec.meta.sourceUrl,
          fetchedAt: spec.meta.fetchedAt,
        },
        () => readNameIndex(spec.dir, spec.meta),
      );
    case 'osv-url':
      return osvZipSource(
        async () =>
          readBytes(
            await fetchWithRetry(spec.url, { method: 'GET' }, http),
            displayUrl(spec.url),
          ),
        {
          kind: 'osv-url',
          location: displayUrl(spec.url),
          fetchedAt: new Date().toISOString(),
        },
      );
    case 'npm-bulk':
      return npmBulkSource(spec.url, http);
  }
}
