import { parseSyml } from '@yarnpkg/parsers';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  DependencyEdge,
  DependencyGraph,
  EdgeKind,
  ImporterNode,
  PackageNode,
} from '../model.js';
import { packageKey, parseNpmAlias, splitDescriptor } from '../model.js';
import { LockfileError } from './errors.js';
import {
  manifestEdges,
  readWorkspaceManifests,
  type Manifest,
} from './manifests.js';

interface YarnEntry {
  version?: string;
  resolution?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dependenciesMeta?: Record<string, { optional?: boolean }>;
  linkType?: string;
}

/**
 * yarn.lock, both generations, parsed with yarn's own parser. The lockfile
 * names packages by descriptor (`name@range`, several per entry); the
 * workspace manifests say which importer asked for what, and how.
 */
export function parseYarnLockfile(file: string): DependencyGraph {
  const text = readText(file);
  let parsed: Record<string, YarnEntry>;
  try {
    parsed = parseSyml(text) as Record<string, YarnEntry>;
  } catch (cause) {
    throw new LockfileError(
      file,
      `not a valid yarn.lock (${(cause as Error).message})`,
      cause,
    );
  }
  const metadata = parsed.__metadata as { version?: string } | undefined;
  const berry = metadata !== undefined;
  delete parsed.__metadata;

  const byDescriptor = new Map<string, YarnEntry>();
  for (const [keys, entry] of Object.entries(parsed)) {
    for (const descriptor of keys.split(/\s*,\s*/))
      byDescriptor.set(descriptor, entry);
  }
  const manifests = readWorkspaceManifests(dirname(file));
  const workspaceIds = workspaceIdsByName(
    manifests,
    berry ? parsed : undefined,
  );

  const packages = new Map<string, PackageNode>();
  const nodeOf = new Map<YarnEntry, PackageNode>();
  const notes: string[] = [];
  for (const [keys, entry] of Object.entries(parsed)) {
    if (isWorkspaceEntry(entry) || !entry.version) continue;
    const name = entryName(keys.split(/\s*,\s*/)[0], entry);
    if (!name) continue;
    const key = packageKey(name, entry.version);
    const node = packages.get(key) ?? {
      key,
      name,
      version: entry.version,
      edges: [],
    };
    packages.set(key, node);
    nodeOf.set(entry, node);
  }

  const resolve = (
    alias: string,
    range: string,
    kind: EdgeKind,
  ): DependencyEdge | undefined => {
    const target =
      byDescriptor.get(`${alias}@${range}`) ??
      byDescriptor.get(`${alias}@npm:${range}`);
    if (target && isWorkspaceEntry(target)) {
      return { alias, kind, range, importer: workspacePath(target) };
    }
    if (target) {
      const node = nodeOf.get(target);
      return node
        ? { alias, kind, range: cleanRange(range), package: node.key }
        : undefined;
    }
    const workspace = workspaceIds.get(alias);
    if (workspace !== undefined)
      return { alias, kind, range, importer: workspace };
    return undefined;
  };

  for (const [entry, node] of nodeOf) {
    for (const edge of entryEdges(entry)) {
      const resolved = resolve(edge.alias, edge.range, edge.kind);
      if (resolved) node.edges.push(resolved);
      else if (edge.kind !== 'optional')
        notes.push(
          `${node.key} -> ${edge.alias}@${edge.range}: not in the lockfile`,
        );
    }
  }

  const importers = new Map<string, ImporterNode>();
  for (const [id, manifest] of manifests) {
    importers.set(id, toImporter(id, manifest, resolve, notes));
  }
  if (importers.size === 0)
    notes.push('no package.json beside the lockfile: importers unknown');

  return {
    format: berry ? 'yarn-berry' : 'yarn-classic',
    file,
    formatVersion: berry ? String(metadata?.version ?? '') : 'v1',
    importers,
    packages,
    notes,
  };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new LockfileError(file, 'cannot read the file', cause);
  }
}

function toImporter(
  id: string,
  manifest: Manifest,
  resolve: (
    alias: string,
    range: string,
    kind: EdgeKind,
  ) => DependencyEdge | undefined,
  notes: string[],
): ImporterNode {
  const edges: DependencyEdge[] = [];
  for (const declared of manifestEdges(manifest)) {
    const range = declared.range ?? '';
    const edge = resolve(declared.alias, range, declared.kind);
    if (edge) edges.push({ ...edge, range });
    else if (declared.kind !== 'optional')
      notes.push(`${id} -> ${declared.alias}@${range}: not in the lockfile`);
  }
  return { id, name: manifest.name, edges };
}

function entryEdges(
  entry: YarnEntry,
): Array<{ alias: string; range: string; kind: EdgeKind }> {
  const edges: Array<{ alias: string; range: string; kind: EdgeKind }> = [];
  for (const [alias, range] of Object.entries(entry.dependencies ?? {})) {
    const optional = entry.dependenciesMeta?.[alias]?.optional === true;
    edges.push({ alias, range, kind: optional ? 'optional' : 'prod' });
  }
  for (const [alias, range] of Object.entries(
    entry.optionalDependencies ?? {},
  )) {
    edges.push({ alias, range, kind: 'optional' });
  }
  return edges;
}

function isWorkspaceEntry(entry: YarnEntry): boolean {
  return entry.resolution?.includes('@workspace:') === true;
}

function workspacePath(entry: YarnEntry): string {
  const resolution = entry.resolution ?? '';
  return resolution.slice(resolution.indexOf('@workspace:', 1) + 11) || '.';
}

// Berry names the real package in `resolution`; classic only in the
// descriptor, where an alias reads `alias@npm:real@range`.
function entryName(descriptor: string, entry: YarnEntry): string | undefined {
  if (entry.resolution) return splitDescriptor(entry.resolution)?.name;
  const split = splitDescriptor(descriptor);
  if (!split) return undefined;
  return parseNpmAlias(split.range)?.name ?? split.name;
}

function workspaceIdsByName(
  manifests: Map<string, Manifest>,
  berryEntries: Record<string, YarnEntry> | undefined,
): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [id, manifest] of manifests)
    if (manifest.name) ids.set(manifest.name, id);
  for (const entry of Object.values(berryEntries ?? {})) {
    if (!isWorkspaceEntry(entry) || !entry.resolution) continue;
    const name = splitDescriptor(entry.resolution)?.name;
    if (name && !ids.has(name)) ids.set(name, workspacePath(entry));
  }
  return ids;
}

/** Berry writes `npm:^1.2.0`; the declared range is `^1.2.0`. */
function cleanRange(range: string): string {
  return range.startsWith('npm:') && !parseNpmAlias(range)
    ? range.slice(4)
    : range;
}
