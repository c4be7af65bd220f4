import { ShipshapeError } from '../errors.js';

/** One slice of the work: shard `index` (1-based) of `total`. */
export interface ShardSpec {
  index: number;
  total: number;
}

export interface ProjectShard {
  /** 1-based, as CI matrices and `--shard k/N` count. */
  index: number;
  total: number;
  projects: string[];
  /** Sum of the weights of `projects`. */
  weight: number;
}

/**
 * Parses `k/N` (1 <= k <= N). The message names the option because both the
 * CLI and the history scanner pass user input straight through.
 */
export function parseShard(value: string, option = '--shard'): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = match ? Number(match[1]) : NaN;
  const total = match ? Number(match[2]) : NaN;
  if (!match || total < 1 || index < 1 || index > total) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `${option} ${JSON.stringify(value)}: write it as k/N with 1 <= k <= N, e.g. ${option} 2/4.`,
    );
  }
  return { index, total };
}

/**
 * The items of shard k/N when striding: item i goes to shard (i mod N) + 1.
 * Every item lands in exactly one shard and shard sizes differ by at most
 * one, whatever the order of cost in the list (old and new commits mix).
 */
export function strideSlice<T>(items: readonly T[], shard: ShardSpec): T[] {
  const slice: T[] = [];
  for (let i = shard.index - 1; i < items.length; i += shard.total) {
    slice.push(items[i] as T);
  }
  return slice;
}

/**
 * Splits projects over `total` shards so the heaviest shard is as light as a
 * greedy longest-first pass makes it. Deterministic: the same names and
 * weights give the same shards on every runner, whatever the input order.
 * Projects without a weight count as 1. Empty shards are kept so a CI matrix
 * of fixed size still has an entry per job.
 */
export function planShards(
  projects: readonly string[],
  total: number,
  weights: Readonly<Record<string, number>> = {},
): ProjectShard[] {
  if (!Number.isInteger(total) || total < 1) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--total ${total}: give a whole number of shards, 1 or more.`,
    );
  }
  const unique = [...new Set(projects)];
  const weightOf = (name: string) => {
    const weight = weights[name];
    return typeof weight === 'number' && weight > 0 ? weight : 1;
  };
  const ordered = unique.sort(
    (a, b) => weightOf(b) - weightOf(a) || (a < b ? -1 : a > b ? 1 : 0),
  );

  const shards: ProjectShard[] = Array.from({ length: total }, (_, i) => ({
    index: i + 1,
    total,
    projects: [],
    weight: 0,
  }));
  for (const name of ordered) {
    const lightest = shards.reduce((best, shard) =>
      shard.weight < best.weight ? shard : best,
    );
    lightest.projects.push(name);
    lightest.weight += weightOf(name);
  }
  for (const shard of shards) shard.projects.sort();
  return shards;
}
