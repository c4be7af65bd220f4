import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { globSync } from 'tinyglobby';
import type { DependencyEdge, EdgeKind } from '../model.js';

export interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
}

export function readManifest(file: string): Manifest | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/**
 * The workspace packages a yarn lockfile belongs to: yarn.lock does not
 * list importers (v1) or their dev/prod split (berry), package.json does.
 */
export function readWorkspaceManifests(root: string): Map<string, Manifest> {
  const result = new Map<string, Manifest>();
  const rootManifest = readManifest(join(root, 'package.json'));
  if (!rootManifest) return result;
  result.set('.', rootManifest);
  const patterns = Array.isArray(rootManifest.workspaces)
    ? rootManifest.workspaces
    : (rootManifest.workspaces?.packages ?? []);
  if (patterns.length === 0) return result;
  const files = globSync(
    patterns.map((pattern) => `${pattern.replace(/\/$/, '')}/package.json`),
    { cwd: root, ignore: ['**/node_modules/**'], absolute: true },
  );
  for (const file of files.sort()) {
    const manifest = readManifest(file);
    const id = relative(root, join(file, '..')).split(sep).join('/');
    if (manifest && id) result.set(id, manifest);
  }
  return result;
}

/** Declared dependencies of a manifest, optional ones winning over prod. */
export function manifestEdges(manifest: Manifest): DependencyEdge[] {
  const edges = new Map<string, DependencyEdge>();
  const groups: Array<[EdgeKind, Record<string, string> | undefined]> = [
    ['dev', manifest.devDependencies],
    ['prod', manifest.dependencies],
    ['optional', manifest.optionalDependencies],
  ];
  for (const [kind, group] of groups) {
    for (const [alias, range] of Object.entries(group ?? {})) {
      edges.set(alias, { alias, kind, range });
    }
  }
  return [...edges.values()];
}
