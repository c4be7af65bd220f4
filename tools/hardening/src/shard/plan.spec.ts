import { describe, expect, it } from 'vitest';
import { ShipshapeError } from '../errors.js';
import { parseShard, planShards, strideSlice } from './plan.js';

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, total: 1 }],
    ['2/4', { index: 2, total: 4 }],
    [' 3 / 3 ', { index: 3, total: 3 }],
  ])('reads %j', (value, expected) => {
    expect(parseShard(value)).toEqual(expected);
  });

  it.each(['0/2', '3/2', '1/0', 'a/b', '1', '-1/2', '1/2/3'])(
    'rejects %j',
    (value) => {
      expect(() => parseShard(value)).toThrow(ShipshapeError);
      expect(() => parseShard(value)).toThrow(/^--shard .*k\/N/);
    },
  );
});

describe('strideSlice', () => {
  it('puts every item in exactly one shard, sizes within one of each other', () => {
    const items = Array.from({ length: 1003 }, (_, i) => i);
    for (const total of [1, 2, 3, 7, 16]) {
      const slices = Array.from({ length: total }, (_, i) =>
        strideSlice(items, { index: i + 1, total }),
      );
      const seen = slices.flat().sort((a, b) => a - b);
      expect(seen).toEqual(items);
      const sizes = slices.map((slice) => slice.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('strides rather than cutting contiguous ranges', () => {
    expect(
      strideSlice(['a', 'b', 'c', 'd', 'e'], { index: 2, total: 2 }),
    ).toEqual(['b', 'd']);
  });
});

describe('planShards', () => {
  const projects = [
    'web',
    'logger',
    'env',
    'secrets',
    'hardening',
    'workspace',
  ];

  it('covers every project exactly once', () => {
    const shards = planShards(projects, 4);
    expect(shards.flatMap((s) => s.projects).sort()).toEqual(
      [...projects].sort(),
    );
    expect(shards.map((s) => s.index)).toEqual([1, 2, 3, 4]);
  });

  it('does not depend on the input order', () => {
    const reversed = [...projects].reverse();
    expect(planShards(reversed, 3)).toEqual(planShards(projects, 3));
  });

  it('balances by weight', () => {
    const weights = {
      web: 10,
      hardening: 6,
      logger: 2,
      env: 2,
      secrets: 1,
      workspace: 1,
    };
    const shards = planShards(projects, 2, weights);
    expect(shards.map((s) => s.weight)).toEqual([11, 11]);
    expect(shards[0]?.projects).toEqual(['secrets', 'web']);
  });

  it('keeps empty shards when there are fewer projects than shards', () => {
    const shards = planShards(['a'], 3);
    expect(shards.map((s) => s.projects)).toEqual([['a'], [], []]);
  });

  it('drops duplicate names', () => {
    const shards = planShards(['a', 'a', 'b'], 2);
    expect(shards.flatMap((s) => s.projects)).toEqual(['a', 'b']);
  });

  it('rejects a bad total', () => {
    expect(() => planShards(projects, 0)).toThrow(/--total 0/);
    expect(() => planShards(projects, 1.5)).toThrow(ShipshapeError);
  });
});
