import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { displayUrl } from './http.js';
import { directoryFingerprint } from './osv-files.js';
import type { SourceSpec } from './resolve.js';

/**
 * What the advisory data is, as one line: the Nx runtime input of every
 * audit target. Snapshots and files key by content hash, online sources
 * by URL and UTC day, so a new advisory can never hit a stale cached pass.
 */
export function sourceKey(spec: SourceSpec, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  switch (spec.kind) {
    case 'none':
      return `none:${day}`;
    case 'osv-snapshot':
      return `osv-snapshot:${spec.meta.sha256}`;
    case 'osv-zip':
      return `osv-zip:${createHash('sha256').update(readFileSync(spec.path)).digest('hex')}`;
    case 'osv-dir':
      return `osv-dir:${directoryFingerprint(spec.path)}`;
    case 'osv-url':
    case 'npm-bulk':
      return `${spec.kind}:${displayUrl(spec.url)}:${day}`;
  }
}
