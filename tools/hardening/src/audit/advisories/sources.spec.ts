import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import {
  FIXTURES,
  materialise,
  WORKSPACE_FORMATS,
} from '../__fixtures__/helpers.js';
import { runAudit } from '../run.js';
import { fetchWithRetry } from './http.js';
import { sourceKey } from './key.js';
import { SourceError } from './model.js';
import { resolveSourceSpec } from './resolve.js';
import { readSnapshotMeta, syncSnapshot } from './snapshot.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const FAST = { retries: 2, backoffMs: 1, timeoutMs: 300 };

// What registry.npmjs.org answered for these packages before the endpoint
// was retired: one list per requested name, ranges in vulnerable_versions.
const BULK_ADVISORIES: Record<string, unknown[]> = {
  minimist: [
    {
      id: 1097678,
      url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
      title: 'Prototype Pollution in minimist',
      severity: 'critical',
      vulnerable_versions: '<0.2.4 || >=1.0.0 <1.2.6',
      cwe: ['CWE-1321'],
      cvss: {
        score: 9.8,
        vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      },
    },
  ],
  'kind-of': [
    {
      id: 1092441,
      url: 'https://github.com/advisories/GHSA-6c8f-qphg-qjgp',
      title: 'Validation Bypass in kind-of',
      severity: 'high',
      vulnerable_versions: '>=6.0.0 <6.0.3',
      cwe: ['CWE-20'],
      cvss: { score: 7.5, vectorString: null },
    },
  ],
};

function osvZip(): Uint8Array {
  const dir = join(FIXTURES, 'osv');
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir))
    files[name] = readFileSync(join(dir, name));
  return zipSync(files);
}

interface Recorded {
  hits: Record<string, number>;
  bodies: unknown[];
}

function handler(recorded: Recorded, zip: Uint8Array) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    recorded.hits[path] = (recorded.hits[path] ?? 0) + 1;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const count = recorded.hits[path];

    const json = (
      status: number,
      value: unknown,
      headers: Record<string, string> = {},
    ) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        ...headers,
      });
      response.end(typeof value === 'string' ? value : JSON.stringify(value));
    };
    const bulk = () => {
      const asked = JSON.parse(body) as Record<string, string[]>;
      recorded.bodies.push(asked);
      json(
        200,
        Object.fromEntries(
          Object.keys(asked)
            .filter((name) => BULK_ADVISORIES[name])
            .map((name) => [name, BULK_ADVISORIES[name]]),
        ),
      );
    };

    switch (path) {
      case '/osv/npm/all.zip':
        response.writeHead(200, { 'content-type': 'application/zip' });
        return response.end(zip);
      case '/osv/empty.zip':
        response.writeHead(200, { 'content-type': 'application/zip' });
        return response.end(zipSync({ 'README.txt': new Uint8Array([1]) }));
      case '/osv/pypi.zip':
        response.writeHead(200, { 'content-type': 'application/zip' });
        return response.end(
          zipSync({
            'PYSEC-1.json': new TextEncoder().encode(
              JSON.stringify({
                id: 'PYSEC-1',
                affected: [{ package: { ecosystem: 'PyPI', name: 'x' } }],
              }),
            ),
          }),
        );
      case '/empty-answer/-/npm/v1/security/advisories/bulk':
        return json(200, {});
      case '/osv/html.zip':
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<html>captive portal</html>');
      case '/-/npm/v1/security/advisories/bulk':
        return bulk();
      case '/flaky/-/npm/v1/security/advisories/bulk':
        return count <= 2
          ? json(503, { error: 'Service Unavailable' })
          : bulk();
      case '/rate-limited/-/npm/v1/security/advisories/bulk':
        return count === 1
          ? json(429, { error: 'slow down' }, { 'retry-after': '0' })
          : bulk();
      case '/down/-/npm/v1/security/advisories/bulk':
        return json(503, { error: 'Service Unavailable' });
      case '/retired/-/npm/v1/security/advisories/bulk':
        return json(410, { error: 'This endpoint is being retired.' });
      case '/legacy/-/npm/v1/security/advisories/bulk':
        return json(405, { error: 'Method Not Allowed' });
      case '/garbage/-/npm/v1/security/advisories/bulk':
        return json(200, '{"minimist": [ {"id": 1, ');
      case '/wrong-shape/-/npm/v1/security/advisories/bulk':
        return json(200, { minimist: 'critical' });
      case '/slow/-/npm/v1/security/advisories/bulk':
        return; // never answers
      default:
        return json(404, { error: 'Not found' });
    }
  };
}

describe('advisory sources over HTTP (127.0.0.1)', () => {
  let server: Server;
  let base: string;
  const recorded: Recorded = { hits: {}, bodies: [] };

  beforeAll(async () => {
    server = createServer(handler(recorded, osvZip()));
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const root = () => materialise(WORKSPACE_FORMATS.pnpm.dir);
  const audit = (advisories: string, dir = root()) =>
    runAudit({ root: dir, advisories, now: NOW, http: FAST });

  it('npm bulk endpoint: posts every installed version and reports findings', async () => {
    recorded.bodies.length = 0;
    const result = await audit(`${base}/-/npm/v1/security/advisories/bulk`);
    expect(result.verdict).toBe('findings');
    expect(recorded.bodies[0]).toMatchObject({
      ms: ['2.0.0', '2.1.3'],
      minimist: ['1.2.5'],
      'left-pad': ['1.3.0'],
    });
    const minimist = result.report.findings.find(
      (finding) => finding.properties?.package === 'minimist',
    );
    expect(minimist).toMatchObject({
      severity: 'critical',
      properties: {
        advisory: { id: 'GHSA-xvch-5gv4-984h', aliases: ['NPM-1097678'] },
        fix: { kind: 'outside-range', version: '1.2.6' },
      },
    });
    expect(result.report.advisories).toMatchObject({
      kind: 'npm-bulk',
      location: `${base}/-/npm/v1/security/advisories/bulk`,
    });
  });

  it('retries 503 with backoff, then succeeds', async () => {
    const result = await audit(
      `${base}/flaky/-/npm/v1/security/advisories/bulk`,
    );
    expect(recorded.hits['/flaky/-/npm/v1/security/advisories/bulk']).toBe(3);
    expect(result.verdict).toBe('findings');
  });

  it('honours Retry-After on 429', async () => {
    const result = await audit(
      `${base}/rate-limited/-/npm/v1/security/advisories/bulk`,
    );
    expect(
      recorded.hits['/rate-limited/-/npm/v1/security/advisories/bulk'],
    ).toBe(2);
    expect(result.verdict).toBe('findings');
  });

  it.each([
    ['down', /HTTP 503 Service Unavailable after 3 attempts/, 3],
    ['retired', /retired \(410 Gone\)$/, 1],
    ['legacy', /does not offer this endpoint \(405 Method Not Allowed\)$/, 1],
    ['garbage', /not valid JSON/, 1],
    ['wrong-shape', /not a bulk advisory map/, 1],
    ['slow', /no answer within 300 ms after 3 attempts/, 3],
  ])(
    '%s endpoint: verdict unknown (exit 2), never pass or findings',
    async (name, reason, attempts) => {
      const path = `/${name}/-/npm/v1/security/advisories/bulk`;
      const result = await audit(`${base}${path}`);
      expect(result.verdict).toBe('unknown');
      expect(result.exitCode).toBe(2);
      expect(result.report.findings).toEqual([]);
      expect((result.report.unknown as { reason: string }).reason).toMatch(
        reason,
      );
      expect(recorded.hits[path]).toBe(attempts);
    },
  );

  it('OSV zip URL: downloaded for this run, same findings as the folder', async () => {
    const dir = root();
    const fromUrl = await audit(`${base}/osv/npm/all.zip`, dir);
    const fromDir = await audit(join(FIXTURES, 'osv'), dir);
    expect(fromUrl.report.findings).toEqual(fromDir.report.findings);
    expect(fromUrl.report.advisories).toMatchObject({
      kind: 'osv-url',
      records: 9,
    });
  });

  it('advisories sync: caches the export with source, time, count and hash', async () => {
    const dir = root();
    const cache = join(dir, '.shipshape/cache/advisories');
    const meta = await syncSnapshot(
      `${base}/osv/npm/all.zip`,
      cache,
      FAST,
      () => new Date('2026-05-20T00:00:00Z'),
    );
    expect(meta).toMatchObject({
      format: 'osv-zip',
      sourceUrl: `${base}/osv/npm/all.zip`,
      records: 9,
      fetchedAt: '2026-05-20T00:00:00.000Z',
    });
    expect(readSnapshotMeta(cache)).toEqual(meta);

    // With no --advisories the snapshot is used, its provenance reported,
    // and its age (12 days > 7) warned about.
    const result = await runAudit({ root: dir, now: NOW });
    expect(result.verdict).toBe('findings');
    expect(result.report.advisories).toMatchObject({
      kind: 'osv-snapshot',
      sourceUrl: `${base}/osv/npm/all.zip`,
      fetchedAt: '2026-05-20T00:00:00.000Z',
      records: 9,
      sha256: meta.sha256,
    });
    expect(result.report.warnings).toContainEqual(
      expect.objectContaining({ code: 'AUDIT_SNAPSHOT_STALE' }),
    );
    const fresh = await runAudit({
      root: dir,
      now: new Date('2026-05-21T00:00:00Z'),
    });
    expect(fresh.report.warnings).toEqual([]);

    // The name index built at sync lets audit inflate only wanted records;
    // without it (deleted, or from another snapshot) the answer is the same.
    const index = JSON.parse(
      readFileSync(join(cache, 'osv-npm.names.json'), 'utf8'),
    );
    expect(index.sha256).toBe(meta.sha256);
    expect(index.names.minimist).toEqual([
      'CVE-2021-44906.json',
      'GHSA-xvch-5gv4-984h.json',
    ]);
    const { rmSync } = await import('node:fs');
    rmSync(join(cache, 'osv-npm.names.json'));
    const unindexed = await runAudit({ root: dir, now: NOW });
    expect(unindexed.report.findings).toEqual(result.report.findings);

    // The Nx cache key is the snapshot hash.
    expect(sourceKey(resolveSourceSpec(undefined, dir, cache), NOW)).toBe(
      `osv-snapshot:${meta.sha256}`,
    );
  });

  it.each([
    ['/osv/empty.zip', /holds no OSV records/],
    ['/osv/pypi.zip', /none of the 1 records .* about an npm package/],
    ['/osv/html.zip', /not a readable zip archive/],
    ['/osv/missing.zip', /the endpoint does not exist/],
  ])(
    'a failed sync from %s keeps the previous snapshot',
    async (path, reason) => {
      const cache = mkdtempSync(join(tmpdir(), 'shipshape-advisories-'));
      const good = await syncSnapshot(`${base}/osv/npm/all.zip`, cache, FAST);
      await expect(syncSnapshot(`${base}${path}`, cache, FAST)).rejects.toThrow(
        reason,
      );
      expect(readSnapshotMeta(cache)).toEqual(good);
    },
  );

  it('an npm bulk endpoint answering {} is a genuine "no advisories": pass', async () => {
    const result = await audit(
      `${base}/empty-answer/-/npm/v1/security/advisories/bulk`,
    );
    expect(result.verdict).toBe('pass');
    expect(result.exitCode).toBe(0);
  });

  it('an OSV zip URL with zero npm records is unknown', async () => {
    const result = await audit(`${base}/osv/pypi.zip`);
    expect(result.verdict).toBe('unknown');
    expect((result.report.unknown as { reason: string }).reason).toMatch(
      /holds no usable advisories: .*none of the 1 \.json entries/,
    );
  });

  it('malformed advisory URLs are option errors at once, never downloads', () => {
    for (const value of [
      'http://',
      'http://exa mple.com/x',
      'ftp://mirror.example.com/all.zip',
      'file:///tmp/all.zip',
    ]) {
      expect(() => resolveSourceSpec(value, '/', '/nonexistent')).toThrow(
        '--advisories is not a valid http(s) URL',
      );
    }
    expect(() =>
      resolveSourceSpec('http://', '/', '/nonexistent', 'audit.advisories'),
    ).toThrow(/^audit\.advisories is not a valid http\(s\) URL/);
  });

  it('retries only what can heal: a refused connection, not a URL fetch refuses', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) =>
      closed.listen(0, '127.0.0.1', resolve),
    );
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const attempts = async (url: string) => {
      const retries: number[] = [];
      const error = await fetchWithRetry(
        url,
        { method: 'GET' },
        { ...FAST, onRetry: (attempt) => retries.push(attempt) },
      ).catch((e: unknown) => e);
      return { retries, error };
    };
    const refused = await attempts(`http://127.0.0.1:${port}/x`);
    expect(refused.retries).toEqual([1, 2]);
    expect(refused.error).toMatchObject({
      reason: 'cannot connect (ECONNREFUSED) after 3 attempts',
    });
    for (const url of [
      'http://127.0.0.1:9/x',
      'not-a-url',
      'ftp://127.0.0.1/x',
    ]) {
      const blocked = await attempts(url);
      expect(blocked.retries).toEqual([]);
      expect(blocked.error).toBeInstanceOf(SourceError);
      expect((blocked.error as SourceError).reason).toMatch(
        /^cannot fetch this URL \(/,
      );
    }
  });

  it('a tampered snapshot is unknown, not trusted', async () => {
    const dir = root();
    const cache = join(dir, '.shipshape/cache/advisories');
    await syncSnapshot(`${base}/osv/npm/all.zip`, cache, FAST);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(cache, 'osv-npm.zip'),
      zipSync({ 'x.json': new Uint8Array([123, 125]) }),
    );
    const result = await runAudit({ root: dir, now: NOW });
    expect(result.verdict).toBe('unknown');
    expect((result.report.unknown as { reason: string }).reason).toMatch(
      /does not match its recorded sha256/,
    );
  });

  it('online sources key the Nx cache by URL and UTC day, without credentials', () => {
    const spec = resolveSourceSpec(
      'https://user:pw@registry.example.com/-/npm/v1/security/advisories/bulk?token=abc',
      '/',
      '/nonexistent',
    );
    expect(sourceKey(spec, NOW)).toBe(
      'npm-bulk:https://registry.example.com/-/npm/v1/security/advisories/bulk?token=%E2%80%A6:2026-06-01',
    );
    expect(
      sourceKey(resolveSourceSpec(undefined, '/', '/nonexistent'), NOW),
    ).toBe('none:2026-06-01');
  });
});
