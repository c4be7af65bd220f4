import {
  existsSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { execa } from 'execa';
import { ShipshapeError } from '../../errors.js';
import type { EnvironmentName } from '../inventory/schema.js';
import type { ConsumerAdapter } from '../providers/types.js';

export interface DotenvTarget {
  root: string;
  /** Relative to the repository root. */
  file: string;
  key: string;
  environment: EnvironmentName;
}

/**
 * A variable in a local .env file (the inventory names the file and the
 * variable, never the value). The file must be ignored by git: writing a
 * secret into a tracked file would leak it with the next commit.
 */
export function dotenvConsumer(target: DotenvTarget): ConsumerAdapter {
  const path = isAbsolute(target.file)
    ? target.file
    : join(target.root, target.file);
  return {
    id: `dotenv:${target.file}:${target.key}`,
    label: `${target.key} in ${target.file}`,
    environment: target.environment,
    readable: true,
    read: async () =>
      existsSync(path)
        ? readDotenvValue(readFileSync(path, 'utf8'), target.key)
        : undefined,
    async write(value) {
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
      const mode = existsSync(path) ? statSync(path).mode & 0o777 : 0o600;
      const temporary = join(
        dirname(path),
        `.${process.pid}.shipshape-rotate.tmp`,
      );
      writeFileSync(temporary, setDotenvValue(text, target.key, value), {
        mode,
      });
      renameSync(temporary, path);
    },
    async check() {
      const inside = relative(target.root, path);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        throw new ShipshapeError(
          'BAD_CONFIG',
          `inventory consumer file ${target.file}: must be inside the repository.`,
        );
      }
      if (await isTracked(target.root, inside)) {
        throw new ShipshapeError(
          'UNSAFE',
          `${target.file}: tracked by git, so writing a secret there would commit it; untrack it and add it to .gitignore first.`,
        );
      }
    },
  };
}

async function isTracked(root: string, file: string): Promise<boolean> {
  const result = await execa(
    'git',
    ['ls-files', '--error-unmatch', '--', file],
    { cwd: root, reject: false },
  );
  return result.exitCode === 0;
}

const LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

export function readDotenvValue(text: string, key: string): string | undefined {
  let found: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (match && match[2] === key) found = unquote(match[3]);
  }
  return found;
}

/** Replaces every assignment of key (keeping `export`), or appends one. */
export function setDotenvValue(
  text: string,
  key: string,
  value: string,
): string {
  const lines = text.split('\n');
  let replaced = false;
  const updated = lines.map((line) => {
    const match = LINE.exec(line.replace(/\r$/, ''));
    if (!match || match[2] !== key) return line;
    replaced = true;
    return `${match[1]}${key}=${quote(value)}`;
  });
  if (replaced) return updated.join('\n');
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${base}${key}=${quote(value)}\n`;
}

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    const end = value.lastIndexOf('"');
    return value
      .slice(1, end > 0 ? end : undefined)
      .replace(/\\n/g, '\n')
      .replace(/\\(["\\])/g, '$1');
  }
  if (value.startsWith("'")) {
    const end = value.lastIndexOf("'");
    return value.slice(1, end > 0 ? end : undefined);
  }
  return value.replace(/\s+#.*$/, '');
}

function quote(value: string): string {
  if (/^[A-Za-z0-9_./:@+=,-]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
