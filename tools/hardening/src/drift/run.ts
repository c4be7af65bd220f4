import { resolve } from 'node:path';
import type { Logger } from '@shipshape/logger';
import { ShipshapeError } from '../errors.js';
import { applyFiles, managesTransactions } from './apply.js';
import { resolveCanonical, type CanonicalSchema } from './canonical.js';
import { readModel } from './catalog/read.js';
import { readBaseline } from './baseline.js';
import { compareModels, withoutStubs, type Change } from './compare.js';
import { findExtensionUses, type ExtensionPolicy } from './extensions.js';
import type { SchemaModel } from './model.js';
import { readLiveModel } from './live.js';
import { openPgliteScratch } from './scratch/pglite.js';
import { pgliteExtensions } from './scratch/pglite-assets.js';
import { openServerScratch } from './scratch/server.js';
import type { Scratch } from './scratch/types.js';
import {
  displayPath,
  listSqlFiles,
  loadSqlFile,
  type SqlFile,
} from './sql/files.js';

export interface DriftOptions {
  cwd: string;
  /** Folder of migrations, relative to cwd or absolute. */
  migrations: string;
  schema?: string;
  scratchUrl?: string;
  liveUrl?: string;
  extensions: ExtensionPolicy;
  logger: Logger;
  /** Off to start from a cold prelude (tests). */
  useCache?: boolean;
}

/** A side after it was built and read. */
export interface BuiltSide {
  model: SchemaModel;
  statements: number;
}

export interface DriftRun {
  changes: Change[];
  migrations: SqlFile[];
  canonical?: CanonicalSchema;
  schemaFiles: SqlFile[];
  source: SchemaModel;
  baseline: SchemaModel;
  engine: 'pglite' | 'postgres';
  target: 'schema' | 'live';
  statements: number;
}

/** Builds the migrations' schema and the target's, and diffs them. */
export async function runDrift(options: DriftOptions): Promise<DriftRun> {
  const migrations = loadFolder(
    options.migrations,
    '--migrations',
    options.cwd,
  );
  const canonical = options.liveUrl
    ? undefined
    : resolveCanonical(options.schema, options.migrations, options.cwd);
  if (canonical && !canonical.exists) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `--schema: no canonical schema at ${displayPath(canonical.path, options.cwd)} (nor supabase/schemas/*.sql); ` +
        'create it with `shipshape drift --update`, pass --schema FILE, or compare with --live-url URL.',
    );
  }
  const schemaFiles = (canonical?.files ?? []).map((file) =>
    loadSqlFile(file, options.cwd),
  );

  // The live database is read first: an unreachable one fails before any work.
  const live = options.liveUrl
    ? await readLiveModel(options.liveUrl)
    : undefined;
  const built = await buildSides(
    migrations,
    options.liveUrl ? undefined : schemaFiles,
    options,
  );
  const target = live ?? (built.target as SchemaModel);

  const changes = compareModels(built.source, target, built.baseline, {
    live: Boolean(options.liveUrl),
  });
  return {
    changes,
    migrations,
    canonical,
    schemaFiles,
    source: built.source,
    baseline: built.baseline,
    engine: options.scratchUrl ? 'postgres' : 'pglite',
    target: options.liveUrl ? 'live' : 'schema',
    statements: built.statements,
  };
}

export function loadFolder(
  dir: string,
  option: string,
  cwd: string,
): SqlFile[] {
  return listSqlFiles(resolve(cwd, dir), option).map((file) =>
    loadSqlFile(file, cwd),
  );
}

export interface BuiltSides {
  source: SchemaModel;
  baseline: SchemaModel;
  target?: SchemaModel;
  statements: number;
}

// SQLSTATEs that mean "this cannot share one transaction": retry on fresh databases.
const NEEDS_OWN_DATABASE = new Set(['55P04', '25001']);

/**
 * Builds the migrations' side (and the canonical side when given). Both
 * share one scratch database when every file can run inside a transaction:
 * each side is applied in a transaction, read, and rolled back, which saves
 * a second start-up. Otherwise each side gets its own database.
 */
export async function buildSides(
  migrations: readonly SqlFile[],
  schemaFiles: readonly SqlFile[] | undefined,
  options: DriftOptions,
): Promise<BuiltSides> {
  const all = [...migrations, ...(schemaFiles ?? [])];
  if (!all.some(managesTransactions)) {
    try {
      return await buildShared(migrations, schemaFiles, options);
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (!code || !NEEDS_OWN_DATABASE.has(code)) throw error;
      options.logger.debug(
        { code },
        'drift: retrying with one database per side',
      );
    }
  }
  const source = await buildSide(migrations, options, true);
  const target = schemaFiles
    ? (await buildSide(schemaFiles, options, false)).model
    : undefined;
  return { ...source, source: source.model, target };
}

async function buildShared(
  migrations: readonly SqlFile[],
  schemaFiles: readonly SqlFile[] | undefined,
  options: DriftOptions,
): Promise<BuiltSides> {
  const scratch = await openScratch(
    [...migrations, ...(schemaFiles ?? [])],
    options,
  );
  try {
    const baseline = await readBaseline(scratch);
    const side = async (files: readonly SqlFile[]) => {
      await scratch.exec('begin');
      try {
        const applied = await applyFiles(
          scratch,
          files,
          options.extensions,
          options.logger,
          {
            transactionPerFile: false,
          },
        );
        const model = await readModel(scratch, { inTransaction: true });
        return {
          model: withoutStubs(model, applied.stubbed),
          statements: applied.statements,
        };
      } finally {
        await scratch.exec('rollback');
      }
    };
    const source = await side(migrations);
    const target = schemaFiles ? (await side(schemaFiles)).model : undefined;
    return {
      source: source.model,
      baseline,
      target,
      statements: source.statements,
    };
  } finally {
    await scratch.close();
  }
}

/** Applies files to a fresh scratch database and reads the result (and the prelude state). */
export async function buildSide(
  files: readonly SqlFile[],
  options: DriftOptions,
  withBaseline: boolean,
): Promise<BuiltSide & { baseline: SchemaModel }> {
  const scratch = await openScratch(files, options);
  try {
    const baseline: SchemaModel = withBaseline
      ? await readBaseline(scratch)
      : new Map();
    const applied = await applyFiles(
      scratch,
      files,
      options.extensions,
      options.logger,
    );
    const model = withoutStubs(await readModel(scratch), applied.stubbed);
    return { model, baseline, statements: applied.statements };
  } finally {
    await scratch.close();
  }
}

async function openScratch(
  files: readonly SqlFile[],
  options: DriftOptions,
): Promise<Scratch> {
  if (options.scratchUrl) return openServerScratch(options.scratchUrl);
  const bundled = pgliteExtensions();
  const wanted = findExtensionUses(files)
    .map((use) => use.name)
    .filter(
      (name) =>
        bundled.has(name) &&
        !options.extensions.skip.has(name) &&
        !options.extensions.stub.has(name),
    );
  return openPgliteScratch({
    extensions: [...new Set(wanted)],
    logger: options.logger,
    useCache: options.useCache,
  });
}
