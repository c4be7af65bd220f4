import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneWorkspace, type ClonedWorkspace } from './clone-workspace.js';

// Checks issue 2's "done means" on a real clone of this workspace.
describe('the shipshape workspace', () => {
  let ws: ClonedWorkspace;

  beforeAll(() => {
    ws = cloneWorkspace();
  }, 60_000);
  afterAll(() => ws?.remove());

  it('lists its projects', () => {
    const projects = JSON.parse(
      ws.nx('show', 'projects', '--json'),
    ) as string[];
    expect(projects.sort()).toEqual(
      expect.arrayContaining([
        'env',
        'hardening',
        'logger',
        'secrets',
        'web',
        'workspace',
      ]),
    );
  }, 120_000);

  it('selects only env and its dependents after a change to libs/env', () => {
    appendFileSync(
      join(ws.root, 'libs/env/src/index.ts'),
      '\n// touched by a test\n',
    );
    ws.git('commit', '-qam', 'test: touch env');

    const affected = JSON.parse(
      ws.nx(
        'show',
        'projects',
        '--affected',
        '--base=HEAD~1',
        '--head=HEAD',
        '--json',
      ),
    ) as string[];
    expect(affected.sort()).toEqual(['env', 'hardening', 'web']);
  }, 120_000);

  it('writes the project graph offline', () => {
    ws.nx('graph', '--file=graph.json');
    const graph = JSON.parse(readFileSync(join(ws.root, 'graph.json'), 'utf8'));
    expect(Object.keys(graph.graph.nodes)).toContain('web');
    expect(
      graph.graph.dependencies.web.map((d: { target: string }) => d.target),
    ).toEqual(expect.arrayContaining(['logger', 'env']));
  }, 120_000);

  it('replays lint from the cache on the second run', () => {
    const first = ws.nx('run', 'secrets:lint', '--output-style=static');
    const second = ws.nx('run', 'secrets:lint', '--output-style=static');
    expect(first).not.toMatch(/local cache/);
    expect(second).toMatch(/\[local cache\]|existing outputs match the cache/);
  }, 180_000);

  it('re-runs scan when the scanner changes, and only then', () => {
    const scan = () => ws.nx('run', 'env:scan', '--output-style=static');
    const fromCache = /\[local cache\]|existing outputs match the cache/;

    expect(scan()).not.toMatch(fromCache);
    appendFileSync(join(ws.root, 'README.md'), '\nAn unrelated change.\n');
    expect(scan()).toMatch(fromCache);

    appendFileSync(
      join(ws.root, 'tools/hardening/src/scan/engine.ts'),
      '\n// a change to the scanner\n',
    );
    expect(scan()).not.toMatch(fromCache);
  }, 180_000);

  it('keeps the sync generators satisfied', () => {
    expect(() => ws.nx('sync:check')).not.toThrow();
    expect(existsSync(join(ws.root, 'tsconfig.json'))).toBe(true);
  }, 120_000);
});
