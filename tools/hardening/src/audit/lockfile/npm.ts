import { readFileSync } from 'node:fs';
import type {
  DependencyEdge,
  DependencyGraph,
  EdgeKind,
  ImporterNode,
  PackageNode,
} from '../model.js';
import { packageKey } from '../model.js';
import { LockfileError } from './errors.js';

interface NpmEntry {
  name?: string;
  version?: string;
  resolved?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface NpmLockfile {
  lockfileVersion?: number;
  packages?: Record<string, NpmEntry>;
}

const NM = 'node_modules/';

/**
 * package-lock.json / npm-shrinkwrap.json v2 and v3: the `packages` map,
 * resolved the way Node does (nearest node_modules upwards). Aliases keep
 * their folder name as the alias and `name` as the real package.
 */
export function parseNpmLockfile(file: string): DependencyGraph {
  const lockfile = readJson(file);
  const entries = lockfile.packages;
  if (!entries || (lockfile.lockfileVersion ?? 1) < 2) {
    throw new LockfileError(
      file,
      'lockfileVersion 1 has no "packages" map; run `npm install` with npm 7 or later to upgrade it',
    );
  }

  const importers = new Map<string, ImporterNode>();
  const packages = new Map<string, PackageNode>();
  const notes: string[] = [];
  const locationKey = new Map<string, string>();

  for (const [location, entry] of Object.entries(entries)) {
    if (!isPackageLocation(location) || entry.link) continue;
    const name =
      entry.name ?? location.slice(location.lastIndexOf(NM) + NM.length);
    if (!entry.version) continue;
    const key = packageKey(name, entry.version);
    locationKey.set(location, key);
    if (!packages.has(key)) {
      packages.set(key, { key, name, version: entry.version, edges: [] });
    }
  }

  const resolve = (
    from: string,
    alias: string,
    kind: EdgeKind,
    range: string,
  ) => resolveEdge(entries, locationKey, from, alias, kind, range);

  for (const [location, entry] of Object.entries(entries)) {
    if (entry.link) continue;
    if (isPackageLocation(location)) {
      const node = packages.get(locationKey.get(location) ?? '');
      if (!node) continue;
      for (const edge of declaredEdges(entry, false)) {
        const resolved = resolve(location, edge.alias, edge.kind, edge.range);
        if (resolved) node.edges.push(resolved);
        else if (edge.kind !== 'optional')
          notes.push(`${location} -> ${edge.alias}: not in the lockfile`);
      }
      continue;
    }
    const id = location === '' ? '.' : location;
    const edges: DependencyEdge[] = [];
    for (const edge of declaredEdges(entry, true)) {
      const resolved = resolve(location, edge.alias, edge.kind, edge.range);
      if (resolved) edges.push(resolved);
    }
    importers.set(id, { id, name: entry.name, edges });
  }

  return {
    format: 'npm',
    file,
    formatVersion: String(lockfile.lockfileVersion),
    importers,
    packages,
    notes,
  };
}

function readJson(file: string): NpmLockfile {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as NpmLockfile;
  } catch (cause) {
    throw new LockfileError(
      file,
      `not valid JSON (${(cause as Error).message})`,
      cause,
    );
  }
}

function isPackageLocation(location: string): boolean {
  return location.startsWith(NM) || location.includes(`/${NM}`);
}

function declaredEdges(
  entry: NpmEntry,
  isImporter: boolean,
): Array<{ alias: string; kind: EdgeKind; range: string }> {
  const edges = new Map<
    string,
    { alias: string; kind: EdgeKind; range: string }
  >();
  const add = (group: Record<string, string> | undefined, kind: EdgeKind) => {
    for (const [alias, range] of Object.entries(group ?? {})) {
      edges.set(alias, { alias, kind, range });
    }
  };
  // npm 7+ installs peers; optional peers only when something else asks.
  const peers = Object.fromEntries(
    Object.entries(entry.peerDependencies ?? {}).filter(
      ([alias]) => !entry.peerDependenciesMeta?.[alias]?.optional,
    ),
  );
  add(peers, 'prod');
  if (isImporter) add(entry.devDependencies, 'dev');
  add(entry.dependencies, 'prod');
  add(entry.optionalDependencies, 'optional');
  return [...edges.values()];
}

// Node's lookup: the dependent's own node_modules, then each parent's.
function resolveEdge(
  entries: Record<string, NpmEntry>,
  locationKey: Map<string, string>,
  from: string,
  alias: string,
  kind: EdgeKind,
  range: string,
): DependencyEdge | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `${NM}${alias}` : `${base}/${NM}${alias}`;
    const entry = entries[candidate];
    if (entry?.link && entry.resolved) {
      return { alias, kind, range, importer: entry.resolved };
    }
    const key = locationKey.get(candidate);
    if (key) return { alias, kind, range, package: key };
    if (base === '') return undefined;
    const cut = base.lastIndexOf(`/${NM}`);
    if (cut !== -1) base = base.slice(0, cut);
    else if (base.startsWith(NM)) base = '';
    else base = '';
  }
}
