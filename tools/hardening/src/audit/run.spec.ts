import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../report/index.js';
import {
  FIXTURES,
  materialise,
  WORKSPACE_FORMATS,
} from './__fixtures__/helpers.js';
import { runAudit, type AuditOptions } from './run.js';

const OSV = join(FIXTURES, 'osv');
const NOW = new Date('2026-06-01T12:00:00Z');

function workspace(format: keyof typeof WORKSPACE_FORMATS): string {
  return materialise(WORKSPACE_FORMATS[format].dir);
}

function audit(root: string, options: Partial<AuditOptions> = {}) {
  return runAudit({ root, advisories: OSV, now: NOW, ...options });
}

/** What must not depend on the lockfile format. */
function essence(finding: Finding) {
  const props = finding.properties ?? {};
  const fix = props.fix as { kind: string; version?: string };
  const advisory = props.advisory as { id: string; aliases: string[] };
  return {
    id: advisory.id,
    aliases: advisory.aliases,
    package: `${props.package}@${props.version}`,
    severity: finding.severity,
    type: props.dependencyType,
    importers: props.importers,
    paths: props.paths,
    fix: `${fix.kind} ${fix.version ?? ''}`.trim(),
    suppressed: finding.suppressed?.kind ?? null,
  };
}

describe('runAudit', () => {
  const formats = Object.keys(WORKSPACE_FORMATS) as Array<
    keyof typeof WORKSPACE_FORMATS
  >;

  it('finds the same advisories in every lockfile format', async () => {
    const results = await Promise.all(
      formats.map(async (format) => (await audit(workspace(format))).report),
    );
    const [first, ...rest] = results.map((report) =>
      report.findings.map(essence),
    );
    expect(first).toMatchInlineSnapshot(`
      [
        {
          "aliases": [
            "CVE-2019-20149",
          ],
          "fix": "outside-range 6.0.3",
          "id": "GHSA-6c8f-qphg-qjgp",
          "importers": [
            "packages/lib",
          ],
          "package": "kind-of@6.0.2",
          "paths": [
            [
              "packages/lib",
              "kind-of@6.0.2",
            ],
          ],
          "severity": "high",
          "suppressed": "dev",
          "type": "dev",
        },
        {
          "aliases": [],
          "fix": "none",
          "id": "SHIPSHAPE-TEST-0002",
          "importers": [
            "packages/app",
          ],
          "package": "left-pad@1.3.0",
          "paths": [
            [
              "packages/app",
              "pad (left-pad@1.3.0)",
            ],
          ],
          "severity": "low",
          "suppressed": null,
          "type": "prod",
        },
        {
          "aliases": [
            "CVE-2021-44906",
          ],
          "fix": "outside-range 1.2.6",
          "id": "GHSA-xvch-5gv4-984h",
          "importers": [
            "packages/app",
            "packages/lib",
          ],
          "package": "minimist@1.2.5",
          "paths": [
            [
              "packages/app",
              "packages/lib",
              "minimist@1.2.5",
            ],
            [
              "packages/lib",
              "minimist@1.2.5",
            ],
          ],
          "severity": "critical",
          "suppressed": null,
          "type": "prod",
        },
        {
          "aliases": [],
          "fix": "none",
          "id": "SHIPSHAPE-TEST-0001",
          "importers": [
            "packages/app",
          ],
          "package": "ms@2.0.0",
          "paths": [
            [
              "packages/app",
              "debug@2.6.9",
              "ms@2.0.0",
            ],
          ],
          "severity": "medium",
          "suppressed": null,
          "type": "prod",
        },
        {
          "aliases": [
            "CVE-2022-25883",
          ],
          "fix": "outside-range 7.5.2",
          "id": "GHSA-c2qf-rxjj-qqgw",
          "importers": [
            ".",
          ],
          "package": "semver@7.5.1",
          "paths": [
            [
              ".",
              "semver@7.5.1",
            ],
          ],
          "severity": "medium",
          "suppressed": "dev",
          "type": "dev",
        },
      ]
    `);
    for (const other of rest) expect(other).toEqual(first);
  });

  it.each(formats)(
    '%s: each finding points at its lockfile entry',
    async (format) => {
      const root = workspace(format);
      const { report } = await audit(root);
      const lines = readFileSync(
        join(root, WORKSPACE_FORMATS[format].lockfile),
        'utf8',
      ).split('\n');
      for (const finding of report.findings) {
        const line = finding.location.line as number;
        expect(line).toBeGreaterThan(0);
        const entry = lines.slice(line - 1, line + 3).join('\n');
        const { package: name, version } = finding.properties as {
          package: string;
          version: string;
        };
        const alias = name === 'left-pad' ? 'pad' : name;
        expect(entry).toContain(alias);
        expect(entry).toContain(version);
      }
    },
  );

  it('scopes a project to its own closure plus the libraries it links', async () => {
    const root = workspace('pnpm');
    const app = await audit(root, { project: 'packages/app' });
    const lib = await audit(root, { project: 'packages/lib' });
    const top = await audit(root, { project: '.' });
    const names = (findings: Finding[]) =>
      findings.map((finding) => finding.properties?.package);
    expect(names(app.report.findings)).toEqual(['left-pad', 'minimist', 'ms']);
    expect(app.report.scope).toMatchObject({
      projects: ['packages/app'],
      includes: ['packages/app', 'packages/lib'],
    });
    expect(names(lib.report.findings)).toEqual(['kind-of', 'minimist']);
    expect(names(top.report.findings)).toEqual(['semver']);
    expect(top.verdict).toBe('pass');
    expect(lib.verdict).toBe('findings');
  });

  it('rejects a project that is not an importer of the lockfile', async () => {
    await expect(
      audit(workspace('npm-v3'), { project: 'packages/nope' }),
    ).rejects.toThrow(
      /--project packages\/nope: .* has no importer "packages\/nope"/,
    );
  });

  it('verdict findings: exit 1 with a one-line summary per project', async () => {
    const result = await audit(workspace('yarn-berry'));
    expect(result.verdict).toBe('findings');
    expect(result.exitCode).toBe(1);
    const lines = (result.report.summary as Array<{ line: string }>).map(
      (summary) => summary.line,
    );
    expect(lines).toEqual([
      '(root): no gating advisories in 3 packages; 1 in dev dependencies (reported, not gating)',
      'packages/app: 1 critical, 1 medium, 1 low gating; fixes: 2 none, 1 outside range',
      'packages/lib: 1 critical gating; fixes: 1 outside range; 1 in dev dependencies (reported, not gating)',
    ]);
    expect(result.report.advisories).toMatchObject({
      kind: 'osv-dir',
      records: 9,
      skipped: { withdrawn: 1, malformed: 0 },
    });
    expect((result.report.advisories as { sha256: string }).sha256).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('verdict pass: exit 0 when nothing reaches the level in prod', async () => {
    const result = await audit(workspace('npm-v2'), {
      level: 'critical',
      project: 'packages/app',
      prod: true,
    });
    // minimist is critical and prod: still a finding.
    expect(result.verdict).toBe('findings');
    const pass = await audit(workspace('npm-v2'), { project: '.', prod: true });
    expect(pass.verdict).toBe('pass');
    expect(pass.exitCode).toBe(0);
    expect(pass.report.ok).toBe(true);
    expect(pass.report.findings).toEqual([]);
  });

  it('--level hides lower severities from the gate but still shows them', async () => {
    const result = await audit(workspace('pnpm'), { level: 'high' });
    const byPackage = Object.fromEntries(
      result.report.findings.map((finding) => [
        finding.properties?.package,
        finding.suppressed?.kind ?? 'gating',
      ]),
    );
    expect(byPackage).toEqual({
      'kind-of': 'dev',
      'left-pad': 'below-level',
      minimist: 'gating',
      ms: 'below-level',
      semver: 'below-level',
    });
  });

  it('--prod leaves dev dependencies out', async () => {
    const result = await audit(workspace('pnpm'), { prod: true });
    const packages = result.report.findings.map(
      (finding) => finding.properties?.package,
    );
    expect(packages).not.toContain('kind-of');
    expect(packages).not.toContain('semver');
  });

  it('verdict unknown when no advisory source exists, never a pass', async () => {
    const root = workspace('pnpm');
    const result = await runAudit({ root, now: NOW });
    expect(result.verdict).toBe('unknown');
    expect(result.exitCode).toBe(2);
    expect(result.report.ok).toBe(false);
    expect(result.report.unknown).toMatchObject({
      reason:
        'no advisory source is configured and no snapshot has been synced',
    });
    expect(
      String((result.report.unknown as { remedy: string }).remedy),
    ).toContain('--advisories PATH|URL');
    expect(
      String((result.report.unknown as { remedy: string }).remedy),
    ).toContain('shipshape advisories sync');
  });

  describe('verdict unknown when the advisory source holds no usable records', () => {
    const pypi = JSON.stringify({
      id: 'PYSEC-2021-1',
      affected: [{ package: { ecosystem: 'PyPI', name: 'requests' } }],
    });
    const folder = (files: Record<string, string>) => {
      const dir = mkdtempSync(join(tmpdir(), 'shipshape-audit-adv-'));
      for (const [name, text] of Object.entries(files))
        writeFileSync(join(dir, name), text);
      return dir;
    };
    const zip = async (files: Record<string, string>) => {
      const { zipSync, strToU8 } = await import('fflate');
      const file = join(
        mkdtempSync(join(tmpdir(), 'shipshape-audit-advzip-')),
        'all.zip',
      );
      writeFileSync(
        file,
        zipSync(
          Object.fromEntries(
            Object.entries(files).map(([name, text]) => [name, strToU8(text)]),
          ),
        ),
      );
      return file;
    };

    it.each([
      ['an empty folder', () => folder({}), /the folder holds no OSV records/],
      [
        'a folder holding only {}',
        () => folder({ 'junk.json': '{}' }),
        /none of the 1 \.json files in the folder is an OSV advisory about an npm package/,
      ],
      [
        'a folder of malformed JSON',
        () => folder({ 'a.json': '{"id": ', 'b.json': 'null', 'c.json': '[]' }),
        /none of the 3 \.json files/,
      ],
      [
        'a folder of another ecosystem only',
        () => folder({ 'PYSEC-2021-1.json': pypi }),
        /none of the 1 \.json files/,
      ],
      [
        'a zip with no .json entries',
        () => zip({ 'README.txt': 'hello' }),
        /the archive holds no OSV records/,
      ],
      [
        'a zip with zero npm records',
        () => zip({ 'PYSEC-2021-1.json': pypi, 'junk.json': '{}' }),
        /none of the 2 \.json entries in the archive is an OSV advisory about an npm package/,
      ],
    ])('%s', async (_what, make, reason) => {
      const result = await audit(workspace('pnpm'), {
        advisories: await make(),
      });
      expect(result.verdict).toBe('unknown');
      expect(result.exitCode).toBe(2);
      expect(result.report.ok).toBe(false);
      const unknown = result.report.unknown as {
        reason: string;
        remedy: string;
      };
      expect(unknown.reason).toMatch(
        /^the advisory source holds no usable advisories: /,
      );
      expect(unknown.reason).toMatch(reason);
      expect(unknown.remedy).toContain('--advisories PATH|URL');
    });

    it('a real npm source without advisories for these packages is still a pass', async () => {
      const other = JSON.stringify({
        id: 'GHSA-0000-0000-0000',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'not-installed-here' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
          },
        ],
      });
      const result = await audit(workspace('pnpm'), {
        advisories: folder({
          'GHSA-0000-0000-0000.json': other,
          'junk.json': '{}',
        }),
      });
      expect(result.verdict).toBe('pass');
      expect(result.exitCode).toBe(0);
      expect(result.report.advisories).toMatchObject({ records: 2 });
    });
  });

  it('verdict unknown when the lockfile cannot be parsed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'shipshape-audit-broken-'));
    writeFileSync(
      join(root, 'package-lock.json'),
      '{"lockfileVersion": 3, "packages": ',
    );
    const result = await audit(root);
    expect(result.verdict).toBe('unknown');
    expect(result.exitCode).toBe(2);
    expect(
      String((result.report.unknown as { reason: string }).reason),
    ).toMatch(/lockfile could not be read: package-lock.json: not valid JSON/);
  });

  it('verdict unknown when there is no lockfile', async () => {
    const result = await audit(
      mkdtempSync(join(tmpdir(), 'shipshape-audit-empty-')),
    );
    expect(result.verdict).toBe('unknown');
    expect((result.report.unknown as { remedy: string }).remedy).toMatch(
      /--lockfile/,
    );
  });

  it('reads advisories from an OSV zip and counts malformed records', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-audit-zip-'));
    const zip = join(dir, 'all.zip');
    const { readFileSync, readdirSync } = await import('node:fs');
    // Cut off mid-record: it names a wanted package, so it is parsed and counted.
    const broken =
      '{"id": "GHSA-cut", "affected": [{"package": {"ecosystem": "npm", "name": "minimist"}';
    const files: Record<string, Uint8Array> = {
      'broken.json': strToU8(broken),
    };
    for (const name of readdirSync(OSV))
      files[name] = readFileSync(join(OSV, name));
    writeFileSync(zip, zipSync(files));
    const result = await audit(workspace('pnpm'), { advisories: zip });
    expect(result.report.findings).toHaveLength(5);
    expect(result.report.advisories).toMatchObject({
      kind: 'osv-zip',
      records: 10,
      skipped: { malformed: 1, withdrawn: 1 },
    });
    expect(result.report.warnings).toContainEqual(
      expect.objectContaining({ code: 'AUDIT_RECORDS_MALFORMED' }),
    );
  });
});
