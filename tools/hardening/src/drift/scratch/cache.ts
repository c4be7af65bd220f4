import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Where prepared base states live: SHIPSHAPE_CACHE_DIR, XDG, or ~/.cache. */
export function cacheDir(): string {
  const explicit = process.env.SHIPSHAPE_CACHE_DIR;
  if (explicit) return join(explicit, 'drift');
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'shipshape', 'drift');
}

export async function readCached(
  dir: string,
  key: string,
): Promise<Blob | undefined> {
  try {
    const packed = await readFile(join(dir, `${key}.tar.gz`));
    return new Blob([gunzipSync(packed)]);
  } catch {
    return undefined;
  }
}

/** Written to a temp name and renamed, so concurrent runs never read half a file. */
export async function writeCached(
  dir: string,
  key: string,
  data: Blob,
): Promise<void> {
  const target = join(dir, `${key}.tar.gz`);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    const packed = gzipSync(Buffer.from(await data.arrayBuffer()), {
      level: 1,
    });
    writeFileSync(temp, packed);
    renameSync(temp, target);
  } catch {
    // A cache that cannot be written only costs speed on the next run.
    rmSync(temp, { force: true });
  }
}
