import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from './catalog/read.js';
import type { DbObject, SchemaModel } from './model.js';
import { cacheDir } from './scratch/cache.js';
import type { Scratch } from './scratch/types.js';

/**
 * The prelude's own model (the three-way baseline). A prepared PGlite state
 * always reads the same, so its model is cached beside the state; servers
 * differ by version and are always read.
 */
export async function readBaseline(scratch: Scratch): Promise<SchemaModel> {
  if (!scratch.stateKey) return readModel(scratch);
  const file = join(cacheDir(), `${scratch.stateKey}.baseline.json`);
  try {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as [
      string,
      DbObject,
    ][];
    return new Map(entries);
  } catch {
    const model = await readModel(scratch);
    const temp = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(cacheDir(), { recursive: true });
      writeFileSync(temp, JSON.stringify([...model.entries()]));
      renameSync(temp, file);
    } catch {
      // Only speed is lost when the cache cannot be written.
    }
    return model;
  }
}
