// pnpm bench:history — a history scan of a generated 10,000-commit repository
// with one job and with two shards (`--shard 1/2` and `--shard 2/2`, merged
// with merge-reports' engine). Prints commits/s and added-lines/s for each,
// next to a peer: how fast git alone prints the same patches (the floor).
// The engine runs in this process, so CLI start-up is not in the figures.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../src/report/index.js';
import { runScan } from '../src/scan/engine.js';
import { historyShardHooks } from '../src/scan/history-shard.js';
import { mergeReports } from '../src/shard/merge.js';
import { generateHistory } from '../tests/scaling/history-repo.js';
import { tempDir } from '../tests/scaling/workspace.js';

const COMMITS = Number(process.env['BENCH_COMMITS'] ?? 10_000);

interface Row {
  name: string;
  seconds: number;
  findings?: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const value = await work();
  return [Number(process.hrtime.bigint() - started) / 1e9, value];
}

async function scan(cwd: string, shard?: string): Promise<Report> {
  const hooks = historyShardHooks({ history: true, shard });
  const { report } = await runScan({
    cwd,
    paths: [],
    history: true,
    progress: false,
    ...hooks,
  });
  return report;
}

async function main(): Promise<void> {
  const dir = tempDir('bench-history');
  const root = join(dir, 'repo');
  const [genSeconds, repo] = await timed(() =>
    generateHistory(root, {
      commits: COMMITS,
      plantEvery: 997,
      checkout: false,
    }),
  );
  process.stdout.write(
    `repository: ${repo.commits} commits, ${repo.addedLines} added lines, ` +
      `${repo.planted.size} planted tokens (generated in ${genSeconds.toFixed(1)}s)\n`,
  );

  const rows: Row[] = [];
  const [floor] = await timed(() =>
    spawnSync('git', ['log', '-p', '--unified=0', '--no-color', 'HEAD'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'ignore'],
    }),
  );
  rows.push({ name: 'peer: git log -p alone (floor)', seconds: floor });

  await scan(root, '1/50'); // warm-up: rule compilation, worker start
  const [one, full] = await timed(() => scan(root));
  rows.push({
    name: 'scan --history, 1 job',
    seconds: one,
    findings: full.findings.length,
  });

  // As CI runs them: each shard alone on its own runner; the slowest sets
  // the wall time.
  const alone: Report[] = [];
  const times: number[] = [];
  for (const shard of ['1/2', '2/2']) {
    const [seconds, report] = await timed(() => scan(root, shard));
    times.push(seconds);
    alone.push(report);
  }
  const merged = mergeReports(alone, full.version);
  rows.push({
    name: 'scan --history --shard k/2, slowest of 2 runners',
    seconds: Math.max(...times),
    findings: merged.findings.length,
  });

  const [together, both] = await timed(() =>
    Promise.all([scan(root, '1/2'), scan(root, '2/2')]),
  );
  rows.push({
    name: 'both shards at once on this machine',
    seconds: together,
    findings: mergeReports(both, full.version).findings.length,
  });

  print(rows, repo.commits, repo.addedLines);
  if (rows.slice(1).some((row) => row.findings !== full.findings.length)) {
    process.stdout.write(
      '\nWARNING: shards and the full run found different secrets.\n',
    );
    process.exitCode = 1;
  }
  process.stdout.write(
    `\n${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)} while measuring. ` +
      'One scan already keeps every core busy with worker threads: sharding pays off across runners.\n',
  );
  rmSync(dir, { recursive: true, force: true });
}

function print(rows: readonly Row[], commits: number, lines: number): void {
  const width = Math.max(...rows.map((row) => row.name.length));
  const head = [
    'seconds'.padStart(8),
    'commits/s'.padStart(10),
    'added lines/s'.padStart(13),
  ];
  process.stdout.write(
    `\n${'run'.padEnd(width)}  ${head.join('  ')}  findings\n`,
  );
  for (const row of rows) {
    const cells = [
      row.seconds.toFixed(2).padStart(8),
      String(Math.round(commits / row.seconds)).padStart(10),
      String(Math.round(lines / row.seconds)).padStart(13),
    ];
    process.stdout.write(
      `${row.name.padEnd(width)}  ${cells.join('  ')}  ${row.findings ?? '-'}\n`,
    );
  }
}

await main();
