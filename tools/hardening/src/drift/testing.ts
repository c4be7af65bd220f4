import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createLogger } from '@shipshape/logger';
import { changeLine } from './report.js';
import { runDrift, type DriftOptions } from './run.js';

/** Shared by the drift specs: engines to run on and throwaway projects. */
export const TEST_PG_URL = process.env.SHIPSHAPE_TEST_PG_URL || undefined;

export interface TestEngine {
  name: 'pglite' | 'postgres';
  scratchUrl?: string;
}

export const TEST_ENGINES: TestEngine[] = [
  { name: 'pglite' },
  ...(TEST_PG_URL
    ? [{ name: 'postgres' as const, scratchUrl: TEST_PG_URL }]
    : []),
];

export const quietLogger = createLogger({
  service: 'drift-test',
  level: 'silent',
});

/** Writes supabase/migrations/<name> files and an optional schema into a temp project. */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-drift-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  mkdirSync(join(root, 'supabase', 'migrations'), { recursive: true });
  return root;
}

export function driftOptions(
  root: string,
  engine: TestEngine,
  extra: Partial<DriftOptions> = {},
): DriftOptions {
  return {
    cwd: root,
    migrations: 'supabase/migrations',
    scratchUrl: engine.scratchUrl,
    extensions: { stub: new Set(), skip: new Set() },
    logger: quietLogger,
    ...extra,
  };
}

/** Runs drift and returns its human lines (`+ policy ...`). */
export async function driftLines(
  root: string,
  engine: TestEngine,
  extra: Partial<DriftOptions> = {},
): Promise<string[]> {
  const run = await runDrift(driftOptions(root, engine, extra));
  return run.changes.map(changeLine);
}
