import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ShipshapeError } from '../errors.js';

export interface EnvFile {
  /** As given on the command line or in config. */
  path: string;
  values: Record<string, string>;
  /** 1-based line of each variable's last assignment. */
  lines: Record<string, number>;
  bytes: number;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/;

/** Reads a dotenv file with Node's own parser, keeping line numbers. */
export function readEnvFile(path: string, absolute: string): EnvFile {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `--env-file ${path}: cannot read the file; check the path and its permissions.`,
      { cause },
    );
  }
  const values = parseEnv(text) as Record<string, string>;
  const lines: Record<string, number> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    const name = ASSIGNMENT.exec(line)?.[1];
    if (name && name in values) lines[name] = index + 1;
  });
  return { path, values, lines, bytes: Buffer.byteLength(text) };
}
