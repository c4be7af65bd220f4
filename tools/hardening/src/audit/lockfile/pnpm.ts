import { readWantedLockfile } from '@pnpm/lockfile.fs';
import { basename, dirname, posix } from 'node:path';
import type {
  DependencyEdge,
  DependencyGraph,
  EdgeKind,
  ImporterNode,
  PackageNode,
} from '../model.js';
import { LockfileError } from './errors.js';

type Refs = Record<string, string> | undefined;

interface PnpmImporter {
  specifiers?: Record<string, string>;
  dependencies?: Refs;
  devDependencies?: Refs;
  optionalDependencies?: Refs;
}

interface PnpmPackage {
  name?: string;
  version?: string;
  dependencies?: Refs;
  optionalDependencies?: Refs;
}

/**
 * pnpm-lock.yaml v9, read with pnpm's own reader: it merges `packages` and
 * `snapshots`, skips the env document of multi-document lockfiles and
 * accepts workspace-only lockfiles that have no `packages:` at all.
 */
export async function parsePnpmLockfile(
  file: string,
): Promise<DependencyGraph> {
  if (basename(file) !== 'pnpm-lock.yaml') {
    throw new LockfileError(
      file,
      'pnpm lockfiles must be named pnpm-lock.yaml; pass that file to --lockfile',
    );
  }
  let lockfile: Awaited<ReturnType<typeof readWantedLockfile>>;
  try {
    lockfile = await readWantedLockfile(dirname(file), {
      ignoreIncompatible: false,
    });
  } catch (cause) {
    throw new LockfileError(file, (cause as Error).message, cause);
  }
  if (!lockfile) throw new LockfileError(file, 'the file is empty or missing');

  const packages = new Map<string, PackageNode>();
  for (const [depPath, raw] of Object.entries(lockfile.packages ?? {})) {
    const node = toPackageNode(depPath, raw as PnpmPackage);
    if (!node) continue;
    // Peer variants of one version collapse into one node with all edges.
    const seen = packages.get(node.key);
    if (seen) seen.edges.push(...node.edges);
    else packages.set(node.key, node);
  }

  const importers = new Map<string, ImporterNode>();
  for (const [id, raw] of Object.entries(lockfile.importers ?? {})) {
    importers.set(id, toImporter(id, raw as PnpmImporter));
  }

  return {
    format: 'pnpm',
    file,
    formatVersion: String(lockfile.lockfileVersion),
    importers,
    packages,
    notes: [],
  };
}

function toImporter(id: string, raw: PnpmImporter): ImporterNode {
  const groups: Array<[EdgeKind, Refs]> = [
    ['prod', raw.dependencies],
    ['dev', raw.devDependencies],
    ['optional', raw.optionalDependencies],
  ];
  const edges: DependencyEdge[] = [];
  for (const [kind, refs] of groups) {
    for (const [alias, ref] of Object.entries(refs ?? {})) {
      const range = raw.specifiers?.[alias];
      if (ref.startsWith('link:')) {
        const target = posix.normalize(posix.join(id, ref.slice(5)));
        edges.push({ alias, kind, range, importer: target });
      } else {
        edges.push({
          alias,
          kind,
          range,
          package: stripPeers(toDepPath(ref, alias)),
        });
      }
    }
  }
  return { id, edges };
}

function toPackageNode(
  depPath: string,
  raw: PnpmPackage,
): PackageNode | undefined {
  const key = stripPeers(depPath);
  const at = key.indexOf('@', 1);
  if (at <= 0) return undefined;
  const name = raw.name ?? key.slice(0, at);
  const version = raw.version ?? key.slice(at + 1);
  const edges: DependencyEdge[] = [];
  const groups: Array<[EdgeKind, Refs]> = [
    ['prod', raw.dependencies],
    ['optional', raw.optionalDependencies],
  ];
  for (const [kind, refs] of groups) {
    for (const [alias, ref] of Object.entries(refs ?? {})) {
      if (ref.startsWith('link:')) continue;
      edges.push({ alias, kind, package: stripPeers(toDepPath(ref, alias)) });
    }
  }
  return { key, name, version, edges };
}

// Same rule as pnpm's refToRelative: a reference is either a version of
// the aliased package or, for npm: aliases, a full `name@version`.
function toDepPath(reference: string, alias: string): string {
  if (reference.startsWith('@')) return reference;
  const at = reference.indexOf('@');
  if (at === -1) return `${alias}@${reference}`;
  const colon = reference.indexOf(':');
  const bracket = reference.indexOf('(');
  const isFull =
    (colon === -1 || at < colon) && (bracket === -1 || at < bracket);
  return isFull ? reference : `${alias}@${reference}`;
}

/** Peer suffixes make one version several depPaths; advisories see one. */
function stripPeers(depPath: string): string {
  const bracket = depPath.indexOf('(');
  return bracket === -1 ? depPath : depPath.slice(0, bracket);
}
