import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { CONFIG_FILES, loadConfigSection } from '../config/load.js';

/** The `drift` section of shipshape.config.{json,yaml}. */
export const driftConfigSchema = z
  .object({
    /** Migrations folder, relative to where drift runs. */
    migrations: z.string().min(1).optional(),
    /** Canonical schema file or declarative schemas folder. */
    schema: z.string().min(1).optional(),
    /** Extensions replaced by minimal stand-ins when the scratch engine lacks them. */
    stubExtensions: z.array(z.string().min(1)).default([]),
    /** Extensions whose CREATE EXTENSION is left out. */
    skipExtensions: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type DriftConfig = z.output<typeof driftConfigSchema>;

/** Reads the drift section from the nearest config file at or above cwd. */
export function loadDriftConfig(cwd: string, file?: string): DriftConfig {
  const root = file ? dirname(file) : findConfigRoot(cwd);
  return loadConfigSection('drift', driftConfigSchema, { root, file }).value;
}

function findConfigRoot(cwd: string): string {
  let dir = cwd;
  for (;;) {
    if (CONFIG_FILES.some((name) => existsSync(join(dir, name)))) return dir;
    if (existsSync(join(dir, 'nx.json')) || existsSync(join(dir, '.git')))
      return dir;
    const parent = dirname(dir);
    if (parent === dir) return cwd;
    dir = parent;
  }
}
