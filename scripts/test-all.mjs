#!/usr/bin/env node
// The README's test command: every project's test suite through Nx, then one
// plain closing line that sums them, "N passed, N failed".
//
// Gates that are not test cases (formatting, sync, lint, typecheck) run first
// and fail the command on their own; they are reported by name, not counted.
import { runTee } from './lib/tee.mjs';

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: '0',
};
// In CI a replayed result from an earlier clone on the same machine proves
// nothing about this checkout (TOOLCHAIN pitfall 7).
const cacheFlag = process.env.CI ? ['--skip-nx-cache'] : [];
const parallel = process.env.SHIPSHAPE_TEST_PARALLEL ?? '2';

const gates = [
  ['format', ['exec', 'prettier', '--check', '.']],
  ['sync', ['exec', 'nx', 'sync:check']],
  [
    'lint',
    [
      'exec',
      'nx',
      'run-many',
      '-t',
      'lint',
      'typecheck',
      `--parallel=${parallel}`,
      ...cacheFlag,
    ],
  ],
];

const failedGates = [];
for (const [name, args] of gates) {
  const { code } = await run('pnpm', args);
  if (code !== 0) failedGates.push(name);
}

const tests = await run('pnpm', [
  'exec',
  'nx',
  'run-many',
  '-t',
  'test',
  `--parallel=${parallel}`,
  '--output-style=stream',
  ...cacheFlag,
]);
const totals = countVitest(tests.output);

if (failedGates.length > 0) {
  console.log(`gates failed: ${failedGates.join(', ')}`);
}
const failed =
  totals.failed + (tests.code !== 0 && totals.failed === 0 ? 1 : 0);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${failed} failed${skipped}`);
process.exitCode = failedGates.length > 0 || tests.code !== 0 ? 1 : 0;

// Vitest ends each project's run with "Tests  12 passed | 1 failed (13)".
function countVitest(output) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  for (const line of plain.split('\n')) {
    const match = /\bTests\s+(.+)\(\d+\)\s*$/.exec(line);
    if (!match) continue;
    for (const part of match[1].split('|')) {
      const count = /(\d+)\s+(passed|failed|skipped|todo)/.exec(part);
      if (!count) continue;
      const key = count[2] === 'todo' ? 'skipped' : count[2];
      totals[key] += Number(count[1]);
    }
  }
  return totals;
}

function run(command, args) {
  return runTee(command, args, env);
}
