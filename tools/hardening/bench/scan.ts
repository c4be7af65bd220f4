/**
 * pnpm bench:scan — shipshape scan vs secretlint 12 (recommended preset).
 *
 * Builds a ~200 MB tree from installed packages, copied under `deps-copy/`
 * (a name no scanner skips), plants a few fake secrets, then measures
 * MB/s, files/s, peak RSS and planted secrets found. secretlint runs on a
 * subset it finishes within two minutes (its always-on profiler slows it
 * down as trees grow, secretlint issue #1653); both tools run on that same
 * subset, and shipshape alone on the whole tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  openSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fakeFactory } from '@shipshape/secrets/testing';

const WORKSPACE = resolve(import.meta.dirname, '../../..');
const BENCH = join(
  process.env.SHIPSHAPE_BENCH_DIR ?? tmpdir(),
  'shipshape-bench-scan',
);
const TARGET_MB = Number(process.env.SHIPSHAPE_BENCH_MB ?? 200);
const SUBSET_MB = Number(process.env.SHIPSHAPE_BENCH_SUBSET_MB ?? 8);
const SECRETLINT_TIMEOUT_S = 120;

interface Planted {
  file: string;
  kind: string;
}

interface Measure {
  tool: string;
  tree: string;
  seconds: number;
  rssMb: number;
  files: number;
  mb: number;
  found: number;
  planted: number;
  timedOut?: boolean;
}

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        files++;
        bytes += statSync(path).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** Copies installed packages (dereferenced) until the tree reaches `mb`. */
function buildTree(dest: string, mb: number, offset = 0): void {
  const store = join(WORKSPACE, 'node_modules/.pnpm');
  let bytes = 0;
  const packages = readdirSync(store)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
    .sort();
  for (const entry of packages.slice(offset)) {
    const modules = join(store, entry, 'node_modules');
    if (!existsSync(modules)) continue;
    for (const name of readdirSync(modules)) {
      const pkgs = name.startsWith('@')
        ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`)
        : [name];
      for (const pkg of pkgs) {
        const from = join(modules, pkg);
        if (lstatSync(from).isSymbolicLink()) continue;
        const to = join(
          dest,
          'deps-copy',
          `${entry.slice(0, 60)}__${pkg.replace('/', '+')}`,
        );
        cpSync(from, to, {
          recursive: true,
          dereference: true,
          filter: (src) => keep(src, from),
        });
        bytes += sizeOf(to).bytes;
        if (bytes >= mb * 1024 * 1024) return;
      }
    }
  }
}

// Text files only: native binaries would pad the tree with bytes every
// scanner skips at once.
const TEXT =
  /\.(?:[cm]?[jt]sx?|json|map|md|markdown|txt|ya?ml|css|scss|html?|d\.ts|flow|sh|py|toml|lock)$|(?:^|\/)(?:LICENSE|README|CHANGELOG)[^/]*$/i;

function keep(src: string, root: string): boolean {
  if (src.includes('/node_modules/', root.length)) return false;
  const stats = statSync(src);
  if (stats.isDirectory()) return true;
  return TEXT.test(src) && stats.size < 8 * 1024 * 1024;
}

/** A few fakes in ordinary-looking files deep in the tree. */
function plant(dest: string): Planted[] {
  const f = fakeFactory('bench');
  const dirs = readdirSync(join(dest, 'deps-copy')).sort();
  const pick = (i: number) =>
    join('deps-copy', dirs[Math.floor((dirs.length * i) / 6)]);
  const planted: Array<[string, string, string]> = [
    [
      'stripe',
      `${pick(0)}/config.js`,
      `module.exports = { stripeKey: '${f.stripeSecret()}' };\n`,
    ],
    ['github', `${pick(1)}/.env`, `GITHUB_TOKEN=${f.githubClassic()}\n`],
    [
      'aws',
      `${pick(2)}/deploy.yml`,
      `aws_access_key_id: ${f.awsAccessKeyId()}\n`,
    ],
    ['slack', `${pick(3)}/notify.md`, `Post to ${f.slackWebhook()}\n`],
    ['private-key', `${pick(4)}/id_rsa.txt`, `${f.privateKey()}\n`],
    ['sendgrid', `${pick(5)}/mail.js`, `const key = "${f.sendgrid()}";\n`],
  ];
  for (const [, file, body] of planted) writeFileSync(join(dest, file), body);
  return planted.map(([kind, file]) => ({ kind, file }));
}

function ensureTree(dir: string, mb: number): Planted[] {
  const manifest = join(dir, '.bench-planted.json');
  if (existsSync(manifest))
    return JSON.parse(readFileSync(manifest, 'utf8')) as Planted[];
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`building ${mb} MB tree in ${dir} ...\n`);
  buildTree(dir, mb);
  const planted = plant(dir);
  writeFileSync(manifest, JSON.stringify(planted));
  return planted;
}

/** Runs a command under GNU time: wall seconds and peak RSS of the process tree's largest process. */
function timed(cmd: string, args: string[], cwd: string, timeoutS?: number) {
  const stats = join(BENCH, 'time.txt');
  // stdout goes to a file: tools that exit right after a big write to a
  // pipe lose its tail.
  const outFile = join(BENCH, 'stdout.txt');
  const out = openSync(outFile, 'w');
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', '-o', stats, cmd, ...args],
    {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', out, 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      timeout: timeoutS ? timeoutS * 1000 : undefined,
      env: { ...process.env, CI: '1' },
    },
  );
  closeSync(out);
  const stdout = readFileSync(outFile, 'utf8');
  rmSync(outFile, { force: true });
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(
      `${cmd} exited ${run.status}: ${String(run.stderr).slice(0, 500)}\n`,
    );
  }
  const timedOut = run.error !== undefined || run.signal !== null;
  const [seconds, kb] =
    existsSync(stats) && !timedOut
      ? readFileSync(stats, 'utf8')
          .trim()
          .split('\n')
          .pop()!
          .split(' ')
          .map(Number)
      : [timeoutS ?? 0, 0];
  rmSync(stats, { force: true });
  return { stdout, seconds, rssMb: kb / 1024, timedOut };
}

/** The compiled package (what users install), built by `nx run hardening:build`. */
function distRunner(): string {
  const cli = join(WORKSPACE, 'tools/hardening/dist/cli.js');
  try {
    execFileSync(
      'pnpm',
      ['nx', 'run', 'hardening:build', '--outputStyle=static'],
      {
        cwd: WORKSPACE,
        stdio: 'ignore',
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      },
    );
  } catch {
    if (!existsSync(cli))
      throw new Error(
        'nx run hardening:build failed and there is no dist/ to measure',
      );
    process.stdout.write(
      'note: nx run hardening:build failed; measuring the existing dist/\n',
    );
  }
  const runner = join(BENCH, 'run-dist.mjs');
  writeFileSync(
    runner,
    `const { main } = await import(${JSON.stringify(cli)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  return runner;
}

function runShipshape(
  dir: string,
  planted: Planted[],
  label: string,
  entry: string,
  tool: string,
): Measure {
  const run = timed(
    'node',
    [
      entry,
      'scan',
      '.',
      '--format',
      'json',
      '--no-progress',
      '--exclude',
      '.bench-planted.json',
    ],
    dir,
  );
  const report = JSON.parse(run.stdout) as {
    findings: Array<{ location: { file: string } }>;
    stats: { files: number; bytes: number };
  };
  const files = new Set(report.findings.map((x) => x.location.file));
  return {
    tool,
    tree: label,
    seconds: run.seconds,
    rssMb: run.rssMb,
    files: report.stats.files,
    mb: report.stats.bytes / 1024 / 1024,
    found: planted.filter((p) => files.has(p.file)).length,
    planted: planted.length,
  };
}

function runSecretlint(
  dir: string,
  planted: Planted[],
  label: string,
): Measure {
  const rc = join(BENCH, 'secretlintrc.json');
  writeFileSync(
    rc,
    JSON.stringify({
      rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }],
    }),
  );
  const bin = join(WORKSPACE, 'node_modules/.bin/secretlint');
  const run = timed(
    bin,
    [
      '**/*',
      '--secretlintrc',
      rc,
      '--format',
      'json',
      '--secretlintignore',
      join(BENCH, 'none.ignore'),
    ],
    dir,
    SECRETLINT_TIMEOUT_S,
  );
  const { files, bytes } = sizeOf(dir);
  let found = 0;
  try {
    const results = JSON.parse(run.stdout) as Array<{
      filePath: string;
      messages: unknown[];
    }>;
    const hit = new Set(
      results.filter((r) => r.messages.length > 0).map((r) => r.filePath),
    );
    found = planted.filter((p) => hit.has(join(dir, p.file))).length;
  } catch (error) {
    process.stderr.write(
      `secretlint output unreadable: ${(error as Error).message}\n`,
    );
    found = 0;
  }
  return {
    tool: 'secretlint 12.0.0',
    tree: label,
    seconds: run.seconds,
    rssMb: run.rssMb,
    files,
    mb: bytes / 1024 / 1024,
    found,
    planted: planted.length,
    timedOut: run.timedOut,
  };
}

function row(m: Measure): string {
  const rate = (n: number) => (m.seconds > 0 ? n / m.seconds : 0);
  return [
    m.tool.padEnd(18),
    m.tree.padEnd(8),
    `${m.mb.toFixed(1)} MB`.padStart(10),
    `${m.files} files`.padStart(13),
    `${m.seconds.toFixed(1)} s`.padStart(9),
    `${rate(m.mb).toFixed(2)} MB/s`.padStart(12),
    `${rate(m.files).toFixed(0)} files/s`.padStart(14),
    `${m.rssMb.toFixed(0)} MB RSS`.padStart(13),
    `${m.found}/${m.planted} planted`.padStart(14),
    m.timedOut ? `  (did not finish in ${SECRETLINT_TIMEOUT_S} s)` : '',
  ].join(' ');
}

function main(): void {
  mkdirSync(BENCH, { recursive: true });
  writeFileSync(join(BENCH, 'none.ignore'), '');
  const full = join(BENCH, `tree-${TARGET_MB}mb`);
  const subset = join(BENCH, `subset-${SUBSET_MB}mb`);
  const plantedFull = ensureTree(full, TARGET_MB);
  const plantedSubset = ensureTree(subset, SUBSET_MB);
  execFileSync('node', ['--version']);

  const source = join(WORKSPACE, 'tools/hardening/bin/shipshape.mjs');
  const dist = distRunner();
  const results: Measure[] = [
    runShipshape(subset, plantedSubset, 'subset', dist, 'shipshape (dist)'),
    runShipshape(subset, plantedSubset, 'subset', source, 'shipshape (tsx)'),
    runSecretlint(subset, plantedSubset, 'subset'),
    runShipshape(full, plantedFull, 'full', dist, 'shipshape (dist)'),
    runShipshape(full, plantedFull, 'full', source, 'shipshape (tsx)'),
  ];

  process.stdout.write(
    '\nshipshape scan vs secretlint 12.0.0 + @secretlint/secretlint-rule-preset-recommend\n',
  );
  process.stdout.write(
    `subset: the first ${SUBSET_MB} MB of the same packages; secretlint runs as published (profiler included) on the subset only.\n` +
      'Wall time includes process start: shipshape (dist) is the compiled package users install, (tsx) runs from TypeScript sources.\n\n',
  );
  for (const m of results) process.stdout.write(`${row(m)}\n`);
  const rate = (m: Measure) => m.mb / m.seconds;
  const [ours, , theirs, whole] = results;
  process.stdout.write(
    `\nthroughput on the same subset: shipshape (dist) ${(rate(ours) / rate(theirs)).toFixed(1)}x secretlint (target >= 10x)\n`,
  );
  process.stdout.write(
    `whole tree: ${whole.mb.toFixed(0)} MB scanned, peak RSS ${whole.rssMb.toFixed(0)} MB (target < 500 MB)\n`,
  );
}

main();
