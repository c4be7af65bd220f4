import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ShipshapeError } from '../../errors.js';
import { splitStatements, type Statement } from './split.js';

/** A SQL file to apply, with its statements already cut. */
export interface SqlFile {
  /** Relative to the working folder, forward slashes: used in messages and findings. */
  display: string;
  path: string;
  text: string;
  statements: Statement[];
}

/** `*.sql` files of a folder in filename order, as the Supabase CLI applies them. */
export function listSqlFiles(dir: string, option: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    const problem = missing
      ? `no such folder; run shipshape where it exists (the project that holds supabase/, e.g. apps/web) or pass ${option} DIR.`
      : 'cannot read the folder; point it at the folder holding your .sql files.';
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${option} ${dir}: ${problem}`,
      {
        cause,
      },
    );
  }
  return names
    .filter(
      (name) => name.endsWith('.sql') && statSync(join(dir, name)).isFile(),
    )
    .sort(compareNames)
    .map((name) => join(dir, name));
}

// Byte order, like Go's sort.Strings in the Supabase CLI: timestamps sort numerically.
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function loadSqlFile(path: string, cwd: string): SqlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${displayPath(path, cwd)}: cannot read the file; check it exists and is readable.`,
      { cause },
    );
  }
  return {
    display: displayPath(path, cwd),
    path,
    text,
    statements: splitStatements(text),
  };
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') ? path : rel).split('\\').join('/');
}
