/**
 * pnpm bench:audit — a 1,000+ package lockfile against 10,000+ OSV records.
 *
 * Each case runs in its own child process so peak memory (maxRSS) is that
 * case's alone. Cases: shipshape on the workspace's real pnpm-lock.yaml and
 * a generated 2,500-package package-lock.json, against the records as an
 * osv.dev-style zip and as a folder; a naive peer (parse every record,
 * semver-match every package); and `pnpm audit --ignore-registry-errors`,
 * which on this network answers exit 0 having checked nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const SELF = fileURLToPath(import.meta.url);
const RECORDS = 12_000;
const NPM_PACKAGES = 2_500;

interface Measure {
  case: string;
  packages: number;
  records: number;
  findings: number;
  ms: number;
  cpuMs: number;
  warmMs: number;
  maxRssMb: number;
  note?: string;
}

if (process.argv[2] === '--case') {
  await runCase(process.argv[3], process.argv[4]);
} else {
  await main();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-audit-'));
  const names = lockfilePackageNames();
  const { zip, folder } = await writeRecords(dir, names);
  const pnpmDir = join(dir, 'pnpm');
  mkdirSync(pnpmDir);
  copyFileSync(join(ROOT, 'pnpm-lock.yaml'), join(pnpmDir, 'pnpm-lock.yaml'));
  const npmDir = writeNpmLockfile(join(dir, 'npm'), names);

  const snapshot = await syncFromLoopback(zip, join(dir, 'snapshot'));

  const cases: Array<[string, string]> = [
    [
      `shipshape pnpm-lock.yaml + synced snapshot`,
      JSON.stringify({ root: pnpmDir, advisories: snapshot }),
    ],
    [
      `shipshape pnpm-lock.yaml + OSV zip`,
      JSON.stringify({ root: pnpmDir, advisories: zip }),
    ],
    [
      `shipshape pnpm-lock.yaml + OSV folder`,
      JSON.stringify({ root: pnpmDir, advisories: folder }),
    ],
    [
      `shipshape package-lock.json + OSV zip`,
      JSON.stringify({ root: npmDir, advisories: zip }),
    ],
    [
      `naive peer: parse all, semver each`,
      JSON.stringify({ root: pnpmDir, advisories: folder, naive: true }),
    ],
  ];
  const results: Measure[] = [];
  for (const [label, args] of cases) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', SELF, '--case', label, args],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(`${label} failed: ${child.stderr}`);
    results.push(
      JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Measure,
    );
  }
  results.push(pnpmAudit());
  print(results);
}

// `advisories sync` against a loopback server, as a user would run it.
async function syncFromLoopback(zip: string, cache: string): Promise<string> {
  const { createServer } = await import('node:http');
  const { syncSnapshot } = await import('../src/audit/advisories/snapshot.js');
  const { DEFAULT_HTTP } = await import('../src/audit/advisories/http.js');
  const body = readFileSync(zip);
  const server = createServer((_request, response) => response.end(body));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  const before = performance.now();
  await syncSnapshot(
    `http://127.0.0.1:${port}/npm/all.zip`,
    cache,
    DEFAULT_HTTP,
  );
  process.stdout.write(
    `advisories sync of ${RECORDS.toLocaleString('en-US')} records: ${(performance.now() - before).toFixed(0)} ms\n`,
  );
  server.close();
  return cache;
}

async function runCase(label: string, json: string): Promise<void> {
  const args = JSON.parse(json) as {
    root: string;
    advisories: string;
    naive?: boolean;
  };
  const { runAudit } = await import('../src/audit/run.js');
  const once = async () => {
    if (args.naive) return naivePeer(args.root, args.advisories, label);
    const { report } = await runAudit({
      root: args.root,
      advisories: args.advisories,
    });
    const provenance = report.advisories as { records: number };
    return {
      case: label,
      packages: Number(report.stats.packages),
      records: provenance.records,
      findings: report.findings.length,
    };
  };
  // First run as the CLI sees it (cold JIT), then a warm one.
  const before = performance.now();
  const cpu = process.cpuUsage();
  const measure = await once();
  const ms = performance.now() - before;
  const used = process.cpuUsage(cpu);
  const warmStart = performance.now();
  await once();
  const warmMs = performance.now() - warmStart;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const cpuMs = (used.user + used.system) / 1000;
  process.stdout.write(
    `${JSON.stringify({ ...measure, ms, cpuMs, warmMs, maxRssMb })}\n`,
  );
}

// What a straightforward script does: read and parse every record, then
// test every installed version against every record of its name.
async function naivePeer(root: string, folder: string, label: string) {
  const { readdirSync } = await import('node:fs');
  const semver = (await import('semver')).default;
  const { readLockfile } = await import('../src/audit/lockfile/detect.js');
  const graph = await readLockfile(join(root, 'pnpm-lock.yaml'));
  const records = readdirSync(folder).map(
    (file) =>
      JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
        affected: Array<{
          package: { name: string };
          ranges: Array<{ events: Array<Record<string, string>> }>;
        }>;
      },
  );
  let findings = 0;
  for (const pkg of graph.packages.values()) {
    for (const record of records) {
      for (const affected of record.affected) {
        if (affected.package.name !== pkg.name) continue;
        const [intro, fix] = affected.ranges[0].events;
        const range = `>=${intro.introduced === '0' ? '0.0.0' : intro.introduced} <${fix.fixed}`;
        if (semver.satisfies(pkg.version, range)) findings++;
      }
    }
  }
  return {
    case: label,
    packages: graph.packages.size,
    records: records.length,
    findings,
  };
}

function pnpmAudit(): Measure {
  const before = performance.now();
  const child = spawnSync(
    'pnpm',
    ['audit', '--ignore-registry-errors', '--json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const ms = performance.now() - before;
  const checked = /"vulnerabilities"/.test(child.stdout ?? '')
    ? 'answered'
    : 'checked nothing';
  return {
    case: 'peer: pnpm audit --ignore-registry-errors',
    packages: Number.NaN,
    records: Number.NaN,
    findings: Number.NaN,
    ms,
    cpuMs: Number.NaN,
    warmMs: Number.NaN,
    maxRssMb: Number.NaN,
    note: `exit ${child.status ?? 'timeout'} (${checked}) — wall time incl. network`,
  };
}

function lockfilePackageNames(): Map<string, string[]> {
  const text = readFileSync(join(ROOT, 'pnpm-lock.yaml'), 'utf8');
  const section = text.slice(
    text.indexOf('\npackages:'),
    text.indexOf('\nsnapshots:'),
  );
  const names = new Map<string, string[]>();
  for (const match of section.matchAll(
    /^ {2}'?((?:@[^/\s]+\/)?[^@\s']+)@([^:(\s']+)/gm,
  )) {
    names.set(match[1], [...(names.get(match[1]) ?? []), match[2]]);
  }
  return names;
}

// A third of the records name packages in the lockfile (some affecting the
// installed version), the rest name packages nobody here installs: the
// shape of the real npm export, where most records are about other code.
async function writeRecords(dir: string, names: Map<string, string[]>) {
  const { zipSync, strToU8 } = await import('fflate');
  const folder = join(dir, 'osv');
  mkdirSync(folder);
  const installed = [...names.entries()];
  const files: Record<string, Uint8Array> = {};
  for (let index = 0; index < RECORDS; index++) {
    const id = `GHSA-bnch-${String(index).padStart(4, '0')}-${(index * 7919) % 10_000}`;
    const own =
      index % 3 === 0 ? installed[(index / 3) % installed.length] : undefined;
    const name = own ? own[0] : `unrelated-package-${index}`;
    const version = own ? own[1][0] : '1.0.0';
    const fixed = index % 30 === 0 ? bump(version) : '0.0.1';
    const record = {
      schema_version: '1.6.0',
      id,
      modified: '2026-01-01T00:00:00Z',
      aliases: [`CVE-2026-${10_000 + index}`],
      summary: `Benchmark advisory ${index}`,
      details: 'x'.repeat(400),
      affected: [
        {
          package: { ecosystem: 'npm', name },
          ranges: [
            { type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] },
          ],
        },
      ],
      database_specific: {
        severity: ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'][index % 4],
      },
    };
    const text = JSON.stringify(record);
    writeFileSync(join(folder, `${id}.json`), text);
    files[`${id}.json`] = strToU8(text);
  }
  const zip = join(dir, 'all.zip');
  writeFileSync(zip, zipSync(files));
  return { zip, folder };
}

function bump(version: string): string {
  const [major, minor, patch] = version.split(/[.+-]/).map(Number);
  return Number.isFinite(patch) ? `${major}.${minor}.${patch + 1}` : '999.0.0';
}

function writeNpmLockfile(dir: string, names: Map<string, string[]>): string {
  mkdirSync(dir);
  const list = [...names.entries()];
  const packages: Record<string, unknown> = {};
  const rootDeps: Record<string, string> = {};
  for (let index = 0; index < NPM_PACKAGES; index++) {
    const [name, versions] = list[index % list.length];
    const version = versions[0];
    const location =
      index < list.length
        ? `node_modules/${name}`
        : `node_modules/${list[(index * 13) % list.length][0]}/node_modules/${name}`;
    if (packages[location]) continue;
    packages[location] = { version, license: 'MIT' };
    if (index < list.length) rootDeps[name] = version;
  }
  packages[''] = { name: 'bench', version: '1.0.0', dependencies: rootDeps };
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name: 'bench',
      lockfileVersion: 3,
      requires: true,
      packages,
    }),
  );
  return dir;
}

function print(results: Measure[]): void {
  const rows = results.map((row) => [
    row.case,
    fmt(row.packages),
    fmt(row.records),
    fmt(row.findings),
    `${row.ms.toFixed(0)} ms`,
    Number.isNaN(row.cpuMs) ? '-' : `${row.cpuMs.toFixed(0)} ms`,
    Number.isNaN(row.warmMs) ? '-' : `${row.warmMs.toFixed(0)} ms`,
    Number.isNaN(row.maxRssMb) ? '-' : `${row.maxRssMb.toFixed(0)} MB`,
    row.note ?? '',
  ]);
  const header = [
    'case',
    'packages',
    'records',
    'findings',
    'time',
    'cpu',
    'warm',
    'peak RSS',
    'note',
  ];
  const widths = header.map((title, col) =>
    Math.max(title.length, ...rows.map((row) => row[col].length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, col) => cell.padEnd(widths[col])).join('  ');
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
  const ours = results.filter((row) => row.case.startsWith('shipshape'));
  // CPU time, not wall time, decides: other jobs on a shared runner stretch
  // wall time without the audit doing more work.
  const slow = ours.filter((row) => row.cpuMs >= 1000 || row.maxRssMb >= 300);
  process.stdout.write(
    `target < 1 s (cpu) and < 300 MB per shipshape case: ${slow.length === 0 ? 'met' : `missed by ${slow.map((row) => row.case).join(', ')}`}\n` +
      `(node ${process.versions.node}, ${execFileSync('nproc').toString().trim()} cores, load average ${loadavg()[0].toFixed(1)}; ` +
      'time = first run in a fresh process after module load, cpu = its user+system time, warm = a second run)\n',
  );
}

function fmt(value: number): string {
  return Number.isNaN(value) ? '-' : value.toLocaleString('en-US');
}
