/**
 * The normalised dependency model every lockfile parser produces: importers
 * (workspace packages) and installed package instances, linked by edges.
 * Two versions of one package are two nodes.
 */
export type LockfileFormat = 'pnpm' | 'npm' | 'yarn-classic' | 'yarn-berry';

export type EdgeKind = 'prod' | 'dev' | 'optional';

export interface DependencyEdge {
  /** The name the dependent uses (differs from the package name for aliases). */
  alias: string;
  kind: EdgeKind;
  /** The range the dependent declared, when the lockfile records it. */
  range?: string;
  /** Key of the package node this edge resolves to. */
  package?: string;
  /** Id of the workspace importer this edge links to. */
  importer?: string;
}

export interface PackageNode {
  /** `name@version`, unique per installed instance. */
  key: string;
  name: string;
  version: string;
  edges: DependencyEdge[];
}

export interface ImporterNode {
  /** Folder relative to the lockfile's folder, '.' for the root. */
  id: string;
  name?: string;
  edges: DependencyEdge[];
}

export interface DependencyGraph {
  format: LockfileFormat;
  /** Lockfile path as given (absolute). */
  file: string;
  /** e.g. '9.0' for pnpm, 3 for npm, 'v1' / '8' for yarn. */
  formatVersion: string;
  importers: Map<string, ImporterNode>;
  packages: Map<string, PackageNode>;
  /** Non-fatal parse problems (unresolved edges, missing manifests). */
  notes: string[];
}

export function packageKey(name: string, version: string): string {
  return `${name}@${version}`;
}

/** Splits `name@range` where name may be scoped (`@scope/name@range`). */
export function splitDescriptor(
  descriptor: string,
): { name: string; range: string } | undefined {
  const at = descriptor.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/** `npm:real-name@1.2.3` -> { name: 'real-name', range: '1.2.3' }. */
export function parseNpmAlias(
  range: string,
): { name: string; range: string } | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const target = range.slice(4);
  const split = splitDescriptor(target);
  return split ?? undefined;
}
