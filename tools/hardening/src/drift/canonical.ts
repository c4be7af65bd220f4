import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { parse as parseToml } from 'smol-toml';
import { ShipshapeError } from '../errors.js';
import { listSqlFiles } from './sql/files.js';

/** Where the canonical schema lives and which files make it up, in order. */
export interface CanonicalSchema {
  /** What --update writes (a file), or the declarative folder. */
  path: string;
  kind: 'file' | 'folder';
  files: string[];
  /** False when nothing exists yet (only --update may continue). */
  exists: boolean;
}

/**
 * `--schema` as given (a file or a folder of declarative schemas), else
 * `supabase/schema.sql`, else `supabase/schemas/*.sql` ordered by
 * `[db.migrations] schema_paths` in supabase/config.toml when set.
 */
export function resolveCanonical(
  schemaOption: string | undefined,
  migrationsDir: string,
  cwd: string,
): CanonicalSchema {
  const supabaseDir = dirname(resolve(cwd, migrationsDir));
  if (schemaOption) {
    const path = resolve(cwd, schemaOption);
    if (existsSync(path) && statSync(path).isDirectory()) {
      return {
        path,
        kind: 'folder',
        files: declarativeFiles(path, supabaseDir),
        exists: true,
      };
    }
    return {
      path,
      kind: 'file',
      files: existsSync(path) ? [path] : [],
      exists: existsSync(path),
    };
  }
  const file = join(supabaseDir, 'schema.sql');
  if (existsSync(file))
    return { path: file, kind: 'file', files: [file], exists: true };
  const folder = join(supabaseDir, 'schemas');
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    const files = declarativeFiles(folder, supabaseDir);
    if (files.length > 0)
      return { path: folder, kind: 'folder', files, exists: true };
  }
  return { path: file, kind: 'file', files: [], exists: false };
}

function declarativeFiles(folder: string, supabaseDir: string): string[] {
  const all = listSqlFiles(folder, '--schema');
  const patterns = schemaPaths(supabaseDir);
  if (!patterns) return all;
  // Files in the order the globs list them, each once, like `supabase db diff`.
  const ordered: string[] = [];
  for (const pattern of patterns) {
    const match = picomatch(resolve(supabaseDir, pattern));
    for (const file of all)
      if (match(file) && !ordered.includes(file)) ordered.push(file);
  }
  return ordered.length > 0 ? ordered : all;
}

function schemaPaths(supabaseDir: string): string[] | undefined {
  const config = join(supabaseDir, 'config.toml');
  if (!existsSync(config)) return undefined;
  try {
    const parsed = parseToml(readFileSync(config, 'utf8')) as {
      db?: { migrations?: { schema_paths?: unknown } };
    };
    const paths = parsed.db?.migrations?.schema_paths;
    return Array.isArray(paths) && paths.length > 0
      ? paths.map(String)
      : undefined;
  } catch (cause) {
    throw new ShipshapeError(
      'BAD_CONFIG',
      `${config}: cannot parse it as TOML; fix the file so schema_paths can be read.`,
      { cause },
    );
  }
}
