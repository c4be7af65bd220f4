import semver from 'semver';
import type {
  Advisory,
  AdvisorySource,
  PackageQuery,
  Provenance,
} from './model.js';
import { SourceError } from './model.js';
import {
  displayUrl,
  fetchWithRetry,
  readJsonBody,
  type HttpOptions,
} from './http.js';
import { severityFromLabel } from './severity.js';

export const NPM_BULK_URL =
  'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk';

interface BulkAdvisory {
  id?: number | string;
  url?: string;
  title?: string;
  severity?: string;
  vulnerable_versions?: string;
  cwe?: string[];
  cvss?: { score?: number; vectorString?: string | null };
}

const BATCH = 500;

/**
 * The npm registry's bulk advisory endpoint: POST `{ name: [versions] }`,
 * answer `{ name: [advisory] }` with a semver range per advisory.
 */
export function npmBulkSource(url: string, http: HttpOptions): AdvisorySource {
  let fetchedAt: string | undefined;
  return {
    async lookup(packages) {
      const result = new Map<string, Advisory[]>();
      fetchedAt = new Date().toISOString();
      for (let start = 0; start < packages.length; start += BATCH) {
        const batch = packages.slice(start, start + BATCH);
        const answer = await post(url, batch, http);
        for (const [name, list] of Object.entries(answer)) {
          result.set(
            name,
            list.map((item) => toAdvisory(item, url)),
          );
        }
      }
      return result;
    },
    provenance: (): Provenance => ({
      kind: 'npm-bulk',
      location: displayUrl(url),
      fetchedAt,
    }),
  };
}

async function post(
  url: string,
  batch: readonly PackageQuery[],
  http: HttpOptions,
): Promise<Record<string, BulkAdvisory[]>> {
  const body = Object.fromEntries(batch.map((pkg) => [pkg.name, pkg.versions]));
  const response = await fetchWithRetry(
    url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
    },
    http,
  );
  const answer = await readJsonBody(response, displayUrl(url));
  if (!isBulkAnswer(answer)) {
    throw new SourceError(
      displayUrl(url),
      'the answer is not a bulk advisory map ({ name: [advisory] })',
    );
  }
  return answer;
}

function isBulkAnswer(value: unknown): value is Record<string, BulkAdvisory[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return false;
  return Object.values(value).every(
    (list) =>
      Array.isArray(list) &&
      list.every(
        (item) =>
          typeof item === 'object' &&
          item !== null &&
          typeof item.vulnerable_versions === 'string',
      ),
  );
}

function toAdvisory(item: BulkAdvisory, endpoint: string): Advisory {
  const ghsa = item.url?.match(/GHSA(-[23456789cfghjmpqrvwx]{4}){3}/)?.[0];
  const npmId = item.id !== undefined ? `NPM-${item.id}` : undefined;
  const id = ghsa ?? npmId ?? `npm-bulk:${item.title ?? 'advisory'}`;
  const range = item.vulnerable_versions ?? '*';
  const severity = severityFromLabel(item.severity);
  return {
    id,
    aliases: npmId && npmId !== id ? [npmId] : [],
    summary: item.title ?? id,
    severity: severity ?? 'high',
    severitySource: severity ? 'advisory' : 'assumed',
    url: item.url ?? endpoint,
    affects: (version) =>
      semver.satisfies(version, range, {
        loose: true,
        includePrerelease: true,
      }),
    fixedVersion: (version) => fixFromRange(range, version),
  };
}

/**
 * The bulk answer has a range, not a fix; the upper bound (`<X`) of the
 * comparator set holding the version is the first release outside it.
 */
export function fixFromRange(
  range: string,
  version: string,
): string | undefined {
  let parsed: semver.Range;
  try {
    parsed = new semver.Range(range, { loose: true });
  } catch {
    return undefined;
  }
  for (const set of parsed.set) {
    const inSet = set.every((comparator) => comparator.test(version));
    if (!inSet) continue;
    const upper = set.find((comparator) => comparator.operator === '<');
    return upper ? upper.semver.version : undefined;
  }
  return undefined;
}
