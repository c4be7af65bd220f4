import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURES,
  materialise,
  WORKSPACE_FORMATS,
} from './__fixtures__/helpers.js';

const BIN = new URL('../../bin/shipshape.mjs', import.meta.url).pathname;
const shipshape = (cwd: string, ...args: string[]) =>
  execa('node', [BIN, ...args], {
    cwd,
    reject: false,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });

describe('shipshape audit (CLI)', () => {
  it('says unknown plainly, names how to supply advisories, exits 2', async () => {
    const root = materialise(WORKSPACE_FORMATS['npm-v3'].dir);
    const result = await shipshape(root, 'audit');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('verdict UNKNOWN');
    expect(result.stdout).toContain('--advisories PATH|URL');
    expect(result.stdout).toContain('shipshape advisories sync');
    expect(result.stdout).toContain('not a pass');
  }, 30_000);

  it('an empty advisory folder is unknown: report on stdout, one sentence on stderr, exit 2', async () => {
    const root = materialise(WORKSPACE_FORMATS['npm-v3'].dir);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(root, 'emptyadv'));
    const result = await shipshape(root, 'audit', '--advisories', 'emptyadv');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('verdict UNKNOWN');
    expect(result.stderr.trim().split('\n')).toEqual([
      'shipshape: audit verdict unknown: the advisory source holds no usable advisories: emptyadv: the folder holds no OSV records (no .json files); supply advisories with --advisories PATH|URL (a folder of OSV JSON records, an OSV npm zip, or an npm bulk advisory endpoint), or download a snapshot with `shipshape advisories sync` (`--url URL` for a mirror).',
    ]);
  }, 30_000);

  it.each([
    [['advisories', 'sync', '--url', 'not-a-url'], '--url'],
    [['audit', '--advisories', 'http://'], '--advisories'],
  ])(
    '%j is an option error at once: exit 2, one sentence, no retry logs',
    async (args, option) => {
      const root = materialise(WORKSPACE_FORMATS['npm-v3'].dir);
      const result = await shipshape(root, ...args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(`^shipshape: ${option} is not a valid http\\(s\\) URL; `),
        ),
      ]);
    },
    30_000,
  );

  it('logs retries at debug: no JSON lines on stderr unless --verbose', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const root = materialise(WORKSPACE_FORMATS['npm-v3'].dir);
    writeFileSync(
      join(root, 'shipshape.config.json'),
      JSON.stringify({ audit: { retries: 1 } }),
    );
    const url = `http://127.0.0.1:${port}/-/npm/v1/security/advisories/bulk`;
    const quiet = await shipshape(root, 'audit', '--advisories', url);
    expect(quiet.exitCode).toBe(2);
    expect(quiet.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^shipshape: audit verdict unknown: the advisory source could not be read: .*cannot connect \(ECONNREFUSED\) after 2 attempts; /,
      ),
    ]);
    const verbose = await shipshape(
      root,
      'audit',
      '--advisories',
      url,
      '--verbose',
    );
    expect(verbose.stderr).toContain('advisory source failed; retrying');
  }, 30_000);

  it('--format json: one report with verdict, provenance and per-project summary', async () => {
    const root = materialise(WORKSPACE_FORMATS['yarn-classic'].dir);
    const result = await shipshape(
      root,
      'audit',
      '--advisories',
      join(FIXTURES, 'osv'),
      '--format',
      'json',
      '--project',
      'packages/lib',
    );
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      tool: 'shipshape',
      command: 'audit',
      ok: false,
      verdict: 'findings',
      advisories: { kind: 'osv-dir', records: 9 },
      lockfile: { file: 'yarn.lock', format: 'yarn-classic' },
      scope: { projects: ['packages/lib'] },
    });
    expect(report.summary[0].line).toBe(
      'packages/lib: 1 critical gating; fixes: 1 outside range; 1 in dev dependencies (reported, not gating)',
    );
  }, 30_000);

  it('--format sarif carries the advisory rules and provenance', async () => {
    const root = materialise(WORKSPACE_FORMATS.pnpm.dir);
    const result = await shipshape(
      root,
      'audit',
      '--advisories',
      join(FIXTURES, 'osv'),
      '--format',
      'sarif',
      '--level',
      'critical',
    );
    expect(result.exitCode).toBe(1);
    const sarif = JSON.parse(result.stdout);
    const run = sarif.runs[0];
    expect(
      run.tool.driver.rules.map((rule: { id: string }) => rule.id),
    ).toContain('audit/vulnerable-dependency');
    expect(
      run.results.filter(
        (item: { suppressions?: unknown[] }) => !item.suppressions,
      ),
    ).toHaveLength(1);
    expect(run.properties?.advisories).toMatchObject({
      kind: 'osv-dir',
      records: 9,
    });
  }, 30_000);

  it('a malformed allowlist stops the run with exit 2 and names the key', async () => {
    const root = materialise(WORKSPACE_FORMATS.pnpm.dir);
    writeFileSync(
      join(root, 'shipshape.config.json'),
      JSON.stringify({ audit: { allowlist: [{ id: 'GHSA-1' }] } }),
    );
    const result = await shipshape(
      root,
      'audit',
      '--advisories',
      join(FIXTURES, 'osv'),
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /shipshape\.config\.json: audit\.allowlist\.0\.reason/,
    );
  }, 30_000);

  it('advisories status without a snapshot exits 2 and says how to sync', async () => {
    const root = materialise(WORKSPACE_FORMATS.pnpm.dir);
    const result = await shipshape(root, 'advisories', 'status');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('run `shipshape advisories sync`');
    const key = await shipshape(root, 'advisories', 'key');
    const light = await execa(
      'node',
      [
        '--import',
        'tsx',
        new URL('./key-cli.ts', import.meta.url).pathname,
        root,
      ],
      { cwd: new URL('../../../..', import.meta.url).pathname },
    );
    expect(light.stdout).toBe(key.stdout);
    expect(key.stdout).toMatch(/^none:\d{4}-\d{2}-\d{2}$/);
  }, 30_000);
});
