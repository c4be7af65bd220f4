import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FIXTURES,
  materialise,
  WORKSPACE_FORMATS,
} from '../__fixtures__/helpers.js';
import type { DependencyGraph } from '../model.js';
import { findLockfile, readLockfile } from './detect.js';
import { LockfileError } from './errors.js';

async function load(
  format: keyof typeof WORKSPACE_FORMATS,
): Promise<DependencyGraph> {
  const { dir, lockfile } = WORKSPACE_FORMATS[format];
  return readLockfile(join(materialise(dir), lockfile));
}

function importerEdges(graph: DependencyGraph, id: string): string[] {
  return (graph.importers.get(id)?.edges ?? [])
    .map(
      (edge) =>
        `${edge.kind}:${edge.alias}->${edge.importer ? `workspace:${edge.importer}` : edge.package}`,
    )
    .sort();
}

describe('lockfile parsers', () => {
  const formats = Object.keys(WORKSPACE_FORMATS) as Array<
    keyof typeof WORKSPACE_FORMATS
  >;

  it.each(formats)(
    '%s: reads the same packages, two ms versions kept apart',
    async (format) => {
      const graph = await load(format);
      expect([...graph.packages.keys()].sort()).toEqual([
        'debug@2.6.9',
        'is-number@7.0.0',
        'kind-of@6.0.2',
        'left-pad@1.3.0',
        'lru-cache@6.0.0',
        'minimist@1.2.5',
        'ms@2.0.0',
        'ms@2.1.3',
        'semver@7.5.1',
        'yallist@4.0.0',
      ]);
    },
  );

  it.each(formats)(
    '%s: importers, aliases, dev/optional and workspace links',
    async (format) => {
      const graph = await load(format);
      expect([...graph.importers.keys()].sort()).toEqual([
        '.',
        'packages/app',
        'packages/lib',
      ]);
      expect(importerEdges(graph, 'packages/app')).toEqual([
        'optional:is-number->is-number@7.0.0',
        'prod:@fx/lib->workspace:packages/lib',
        'prod:debug->debug@2.6.9',
        'prod:ms->ms@2.1.3',
        'prod:pad->left-pad@1.3.0',
      ]);
      expect(importerEdges(graph, 'packages/lib')).toEqual([
        'dev:kind-of->kind-of@6.0.2',
        'prod:minimist->minimist@1.2.5',
      ]);
      expect(importerEdges(graph, '.')).toEqual(['dev:semver->semver@7.5.1']);
      expect(
        graph.packages.get('debug@2.6.9')?.edges.map((edge) => edge.package),
      ).toEqual(['ms@2.0.0']);
      expect(graph.notes).toEqual([]);
    },
  );

  it('names the format of each lockfile', async () => {
    expect((await load('pnpm')).format).toBe('pnpm');
    expect((await load('npm-v2')).formatVersion).toBe('2');
    expect((await load('npm-v3')).formatVersion).toBe('3');
    expect((await load('yarn-classic')).format).toBe('yarn-classic');
    expect((await load('yarn-berry')).format).toBe('yarn-berry');
  });

  it('skips the env document of a multi-document pnpm lockfile', async () => {
    const graph = await readLockfile(
      join(FIXTURES, 'pnpm-multi-document', 'pnpm-lock.yaml'),
    );
    expect(graph.packages.has('pnpm@11.0.0')).toBe(false);
    expect(graph.packages.has('minimist@1.2.5')).toBe(true);
    expect(graph.importers.size).toBe(3);
  });

  it('reads a workspace-only pnpm lockfile with no packages section', async () => {
    const graph = await readLockfile(
      join(FIXTURES, 'pnpm-workspace-only', 'pnpm-lock.yaml'),
    );
    expect(graph.packages.size).toBe(0);
    expect(importerEdges(graph, 'packages/a')).toEqual([
      'prod:@w/b->workspace:packages/b',
    ]);
  });

  it.each(['npm', 'pnpm', 'yarn-classic', 'yarn-berry'])(
    'large %s lockfile: over 100 packages, every edge resolved',
    async (format) => {
      const dir = materialise(`large/${format}`);
      const file = findLockfile(dir);
      expect(file).toBeDefined();
      const graph = await readLockfile(file as string);
      expect(graph.packages.size).toBeGreaterThan(100);
      expect(graph.notes).toEqual([]);
      expect(graph.packages.has('express@4.17.1')).toBe(true);
    },
  );

  it.each([
    [
      'package-lock.json',
      '{"lockfileVersion": 1, "dependencies": {}}',
      /lockfileVersion 1/,
    ],
    ['package-lock.json', '{ not json', /not valid JSON/],
    ['pnpm-lock.yaml', 'lockfileVersion: [unclosed', /broken|lockfile/i],
    ['yarn.lock', 'not a lockfile at all', /not a valid yarn\.lock/],
    ['Gemfile.lock', 'GEM', /unknown lockfile type/],
  ])('rejects %s with %s', async (name, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-audit-bad-'));
    writeFileSync(join(dir, name), text);
    const error = await readLockfile(join(dir, name)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LockfileError);
    expect((error as Error).message).toMatch(message);
  });
});
