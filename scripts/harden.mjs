#!/usr/bin/env node
// The main job: the whole shipshape pipeline on this workspace through Nx
// (cached, in parallel), then one summary table a person can read in a CI log.
//
// Exit code follows the shipshape contract: 0 all clear, 1 a check found
// something, 2 a check could not give a verdict (e.g. no advisory source).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTee } from './lib/tee.mjs';

const TARGETS = (
  process.env.SHIPSHAPE_HARDEN_TARGETS ??
  'lint test scan scan-history audit hygiene drift'
).split(/\s+/);

const env = {
  ...process.env,
  NX_DAEMON: process.env.NX_DAEMON ?? 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
};

// Stale reports must not speak for tasks that fail early this time; cache
// hits restore theirs, since the reports are declared outputs.
rmSync('dist/shipshape', { recursive: true, force: true });

const tasks = listTasks(TARGETS);
const started = Date.now();
const run = await runNx([
  'run-many',
  '-t',
  ...TARGETS,
  '--parallel=2',
  '--output-style=static',
  '--nxBail=false',
  ...process.argv.slice(2),
]);
const failed = failedTasks(run.output);

const rows = tasks.map((task) => ({ task, ...verdictOf(task, failed) }));
printSummary(rows, Date.now() - started);

const worst = rows.reduce((code, row) => Math.max(code, row.exitCode), 0);
process.exitCode = rows.some((row) => row.exitCode === 1) ? 1 : worst;

// One project graph read gives every project's root and targets; asking Nx
// per target and per project costs a graph computation each.
function listTasks(targets) {
  const folder = mkdtempSync(join(tmpdir(), 'shipshape-harden-'));
  const file = join(folder, 'graph.json');
  execFileSync('pnpm', ['exec', 'nx', 'graph', `--file=${file}`], {
    env,
    stdio: 'ignore',
  });
  const { nodes } = JSON.parse(readFileSync(file, 'utf8')).graph;
  rmSync(folder, { recursive: true, force: true });

  const found = [];
  for (const target of targets) {
    for (const project of Object.keys(nodes).sort()) {
      const { root, targets: defined = {} } = nodes[project].data;
      if (target in defined) found.push({ project, root, target });
    }
  }
  return found;
}

// Nx lists the tasks that failed at the end of a static-output run.
function failedTasks(output) {
  const failed = new Set();
  const section = output.split(/Failed tasks:/)[1] ?? '';
  for (const line of section.split('\n')) {
    const match = /^\s*-\s+(\S+:\S+)/.exec(line);
    if (match) failed.add(match[1]);
  }
  return failed;
}

function verdictOf({ project, root, target }, failed) {
  const report = readReport(root, target);
  const didFail = failed.has(`${project}:${target}`);
  if (report) {
    const active = (report.findings ?? []).filter((f) => !f.suppressed).length;
    const verdict = report.verdict ?? (report.ok ? 'pass' : 'findings');
    if (verdict === 'unknown') {
      return {
        exitCode: 2,
        text: 'UNKNOWN',
        note: report.reason ?? firstWarning(report),
      };
    }
    if (verdict === 'pass' && !didFail)
      return { exitCode: 0, text: 'pass', note: '' };
    if (verdict === 'findings' || !report.ok) {
      return {
        exitCode: 1,
        text: 'FAIL',
        note: `${active} finding${active === 1 ? '' : 's'}`,
      };
    }
  }
  if (didFail) return { exitCode: 1, text: 'FAIL', note: 'see the log above' };
  return { exitCode: 0, text: 'pass', note: '' };
}

function readReport(root, target) {
  const folder = root === '.' ? '_workspace' : root;
  const file = `dist/shipshape/${folder}/${target}.json`;
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function firstWarning(report) {
  return report.warnings?.[0]?.message ?? 'no verdict';
}

function printSummary(rows, durationMs) {
  const width = Math.max(
    ...rows.map((row) => `${row.task.project}:${row.task.target}`.length),
  );
  // Long explanations (how to supply advisories...) repeat per project:
  // print each once, as a numbered note under the table.
  const notes = [];
  const noteRef = (note) => {
    if (note.length <= 60) return note;
    if (!notes.includes(note)) notes.push(note);
    return `see note ${notes.indexOf(note) + 1}`;
  };

  console.log('\nshipshape harden — summary');
  for (const row of rows) {
    const name = `${row.task.project}:${row.task.target}`.padEnd(width);
    console.log(
      `  ${row.text.padEnd(7)} ${name}  ${noteRef(row.note)}`.trimEnd(),
    );
  }
  notes.forEach((note, index) => console.log(`\n  note ${index + 1}: ${note}`));

  const count = (code) => rows.filter((row) => row.exitCode === code).length;
  console.log(
    `\n${count(0)} passed, ${count(1)} failed, ${count(2)} unknown ` +
      `(${rows.length} tasks, ${(durationMs / 1000).toFixed(1)}s)`,
  );
  if (count(2) > 0 && count(1) === 0) {
    // Nx lists these among its failed tasks: say plainly what they are.
    console.log(
      `exit 2: ${count(2)} check(s) gave no verdict; Nx lists them as failed ` +
        'because an unknown verdict exits 2. Nothing was found to be wrong.',
    );
  }
}

function runNx(args) {
  return runTee('pnpm', ['exec', 'nx', ...args], env);
}
