import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@shipshape/logger';
import {
  PRELUDE_SQL,
  PRELUDE_VERSION,
  SUPABASE_SEARCH_PATH,
} from '../prelude/prelude.js';
import { cacheDir, readCached, writeCached } from './cache.js';
import {
  pgliteExtension,
  pgliteExtensions,
  pgliteRuntime,
  pgliteVersion,
} from './pglite-assets.js';
import type { Scratch } from './types.js';

export interface PgliteScratchOptions {
  /** Extensions to load into this instance (only those the SQL creates). */
  extensions: readonly string[];
  logger: Logger;
  /** Off in tests that must start cold. */
  useCache?: boolean;
}

/** Keys the cached base state: a new prelude or PGlite build invalidates it. */
export function baseStateKey(): string {
  return createHash('sha256')
    .update(`${PRELUDE_VERSION}|pglite@${pgliteVersion()}|base-v1`)
    .digest('hex')
    .slice(0, 24);
}

/**
 * An embedded PGlite database already holding the Supabase prelude. The
 * prelude's data directory is built once and cached, so later runs only
 * unpack it.
 */
export async function openPgliteScratch(
  options: PgliteScratchOptions,
): Promise<Scratch> {
  const runtime = await pgliteRuntime();
  const base = await baseState(options);
  const extensions = Object.fromEntries(
    options.extensions
      .filter((name) => name !== 'plpgsql')
      .map((name) => [safeKey(name), pgliteExtension(name)]),
  );
  const db = new PGlite({ ...runtime, loadDataDir: base, extensions });
  await db.waitReady;
  await db.exec(`set search_path = ${SUPABASE_SEARCH_PATH}`);
  return wrap(db, baseStateKey());
}

async function baseState(options: PgliteScratchOptions): Promise<Blob> {
  const dir = cacheDir();
  const key = baseStateKey();
  if (options.useCache !== false) {
    const cached = await readCached(dir, key);
    if (cached) {
      options.logger.debug({ key }, 'drift: using the cached prelude state');
      return cached;
    }
  }
  options.logger.debug({ key }, 'drift: preparing the prelude state');
  const db = new PGlite({ ...(await pgliteRuntime()) });
  try {
    await db.exec(PRELUDE_SQL);
    const dump = await db.dumpDataDir('none');
    if (options.useCache !== false) await writeCached(dir, key, dump);
    return dump;
  } finally {
    await db.close();
  }
}

function wrap(db: PGlite, stateKey: string): Scratch {
  const available = pgliteExtensions();
  return {
    engine: 'pglite',
    stateKey,
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row>(sql: string) {
      const result = await db.query<Row>(sql);
      return result.rows;
    },
    canCreateExtension: (name) => available.has(name),
    close: () => db.close(),
  };
}

function safeKey(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}
