import { readFileSync } from 'node:fs';
import type { LockfileFormat } from '../model.js';
import { packageKey, parseNpmAlias, splitDescriptor } from '../model.js';

/**
 * The 1-based line where each `name@version` is declared in the lockfile,
 * so SARIF alerts and editors point at the entry, not at line 1.
 */
export function locatePackages(
  file: string,
  format: LockfileFormat,
): Map<string, number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  const lines = text.split('\n');
  if (format === 'pnpm') return locatePnpm(lines);
  if (format === 'npm') return locateNpm(lines);
  return locateYarn(lines);
}

function remember(
  lines: Map<string, number>,
  key: string,
  index: number,
): void {
  if (!lines.has(key)) lines.set(key, index + 1);
}

function locatePnpm(lines: string[]): Map<string, number> {
  const found = new Map<string, number>();
  let inPackages = false;
  lines.forEach((line, index) => {
    if (/^\S/.test(line))
      inPackages = line === 'packages:' || line === 'snapshots:';
    const match = inPackages && /^ {2}'?([^\s'(]+?)(\(.*\))?'?:/.exec(line);
    if (match) remember(found, match[1], index);
  });
  return found;
}

function locateNpm(lines: string[]): Map<string, number> {
  const found = new Map<string, number>();
  let header: { index: number; alias: string; name?: string } | undefined;
  lines.forEach((line, index) => {
    const entry =
      /^ {4}"(?:.*\/)?node_modules\/((?:@[^/"]+\/)?[^/"]+)": \{/.exec(line);
    if (entry) header = { index, alias: entry[1] };
    else if (/^ {4}\S/.test(line)) header = undefined;
    if (!header) return;
    const name = /^ {6}"name": "([^"]+)"/.exec(line);
    if (name) header.name = name[1];
    const version = /^ {6}"version": "([^"]+)"/.exec(line);
    if (version)
      remember(
        found,
        packageKey(header.name ?? header.alias, version[1]),
        header.index,
      );
  });
  return found;
}

// Both yarn generations: an unindented header of descriptors, then
// indented fields. The first descriptor names the package (or its alias).
function locateYarn(lines: string[]): Map<string, number> {
  const found = new Map<string, number>();
  let header: { index: number; name?: string } | undefined;
  lines.forEach((line, index) => {
    if (/^\S.*:$/.test(line) && !line.startsWith('#')) {
      const descriptor = line
        .slice(0, -1)
        .split(/\s*,\s*/)[0]
        .replace(/^"|"$/g, '');
      const split = splitDescriptor(descriptor);
      header = {
        index,
        name: split && (parseNpmAlias(split.range)?.name ?? split.name),
      };
      return;
    }
    const version = header?.name && /^ {2}version:? "?([^"\s]+)"?$/.exec(line);
    if (header?.name && version)
      remember(found, packageKey(header.name, version[1]), header.index);
  });
  return found;
}
