import type { DependencyEdge, DependencyGraph, EdgeKind } from '../model.js';

/** How one root importer reaches an installed package. */
export interface Reach {
  importer: string;
  /** True when some path starts with a prod or optional dependency. */
  prod: boolean;
  /** True when every path passes an optional edge. */
  optionalOnly: boolean;
  /** Shortest path: importer, then each hop as written (`alias` or `alias (name)`). */
  path: string[];
  /** The range the last hop declared, when the lockfile records it. */
  range?: string;
}

export interface InstalledPackage {
  key: string;
  name: string;
  version: string;
  reaches: Reach[];
}

export interface ClosureOptions {
  /** Importer ids to start from; their workspace links are followed. */
  roots: readonly string[];
  /** Leave dev dependencies out entirely. */
  prodOnly?: boolean;
}

interface State {
  node: string;
  prod: boolean;
  required: boolean;
}

/**
 * Every installed package the roots reach, with dev/prod and a shortest
 * path per root. A workspace library a root depends on contributes its
 * prod and optional dependencies; its dev dependencies stay its own.
 */
export function computeClosure(
  graph: DependencyGraph,
  options: ClosureOptions,
): Map<string, InstalledPackage> {
  const result = new Map<string, InstalledPackage>();
  for (const root of [...options.roots].sort()) {
    walkFrom(graph, root, options.prodOnly === true, result);
  }
  return result;
}

/** The importers a project's audit covers: itself and its linked libraries. */
export function linkedImporters(graph: DependencyGraph, id: string): string[] {
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0) {
    const importer = graph.importers.get(queue.shift() as string);
    for (const edge of importer?.edges ?? []) {
      if (!edge.importer || seen.has(edge.importer)) continue;
      if (importer?.id !== id && edge.kind === 'dev') continue;
      seen.add(edge.importer);
      queue.push(edge.importer);
    }
  }
  return [...seen].sort();
}

function walkFrom(
  graph: DependencyGraph,
  root: string,
  prodOnly: boolean,
  result: Map<string, InstalledPackage>,
): void {
  const parent = new Map<string, { from: string; edge: DependencyEdge }>();
  const seen = new Set<string>();
  const reached = new Map<string, { prod: boolean; required: boolean }>();
  const start = `i:${root}`;
  const queue: State[] = [{ node: start, prod: true, required: true }];
  seen.add(stateId(queue[0]));

  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    for (const edge of edgesOf(graph, state.node, state.node === start)) {
      if (prodOnly && edge.kind === 'dev') continue;
      const next: State = {
        node:
          edge.importer !== undefined
            ? `i:${edge.importer}`
            : `p:${edge.package}`,
        prod: state.prod && edge.kind !== 'dev',
        required: state.required && edge.kind !== 'optional',
      };
      if (next.node === start) continue;
      const id = stateId(next);
      if (seen.has(id)) continue;
      seen.add(id);
      if (!parent.has(next.node))
        parent.set(next.node, { from: state.node, edge });
      if (next.node.startsWith('p:')) {
        const seenBefore = reached.get(next.node);
        reached.set(next.node, {
          prod: (seenBefore?.prod ?? false) || next.prod,
          required: (seenBefore?.required ?? false) || next.required,
        });
      }
      queue.push(next);
    }
  }

  for (const [node, flags] of reached) {
    const pkg = graph.packages.get(node.slice(2));
    if (!pkg) continue;
    const entry = result.get(pkg.key) ?? {
      key: pkg.key,
      name: pkg.name,
      version: pkg.version,
      reaches: [],
    };
    result.set(pkg.key, entry);
    const { path, range } = pathTo(graph, parent, node, root);
    entry.reaches.push({
      importer: root,
      prod: flags.prod,
      optionalOnly: !flags.required,
      path,
      range,
    });
  }
}

// A linked workspace library is installed for its prod/optional deps only.
function edgesOf(
  graph: DependencyGraph,
  node: string,
  isRoot: boolean,
): DependencyEdge[] {
  const id = node.slice(2);
  if (node.startsWith('p:')) return graph.packages.get(id)?.edges ?? [];
  const edges = graph.importers.get(id)?.edges ?? [];
  return isRoot ? edges : edges.filter((edge) => edge.kind !== 'dev');
}

function pathTo(
  graph: DependencyGraph,
  parent: Map<string, { from: string; edge: DependencyEdge }>,
  node: string,
  root: string,
): { path: string[]; range?: string } {
  const hops: string[] = [];
  let range: string | undefined;
  let current = node;
  for (let guard = 0; guard < 10_000; guard++) {
    const link = parent.get(current);
    if (!link) break;
    range ??= link.edge.range;
    hops.push(hopLabel(graph, link.edge));
    current = link.from;
  }
  return { path: [root, ...hops.reverse()], range };
}

function hopLabel(graph: DependencyGraph, edge: DependencyEdge): string {
  if (edge.importer !== undefined) return edge.importer;
  const pkg = graph.packages.get(edge.package ?? '');
  if (!pkg) return edge.alias;
  const label = `${pkg.name}@${pkg.version}`;
  return pkg.name === edge.alias ? label : `${edge.alias} (${label})`;
}

function stateId(state: State): string {
  return `${state.node}|${state.prod ? 1 : 0}${state.required ? 1 : 0}`;
}

export type { EdgeKind };
