import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compressedSize,
  formatBudget,
  measureRoutes,
} from '../scripts/lib/budget';
import { guardrailsSchema } from '../scripts/lib/guardrails';

const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0))
    await rm(dir, { recursive: true, force: true });
});

// A build folder shaped like Next 16's: chunks plus route-bundle-stats.json.
async function fakeBuild(
  chunks: Record<string, Buffer>,
  routes: Record<string, string[]>,
) {
  const root = await mkdtemp(join(tmpdir(), 'budget-'));
  dirs.push(root);
  await mkdir(join(root, '.next', 'static', 'chunks'), { recursive: true });
  await mkdir(join(root, '.next', 'diagnostics'), { recursive: true });
  for (const [name, content] of Object.entries(chunks)) {
    await writeFile(join(root, '.next', 'static', 'chunks', name), content);
  }
  const stats = Object.entries(routes).map(([route, names]) => ({
    route,
    firstLoadUncompressedJsBytes: 0,
    firstLoadChunkPaths: names.map((name) => `.next/static/chunks/${name}`),
  }));
  await writeFile(
    join(root, '.next', 'diagnostics', 'route-bundle-stats.json'),
    JSON.stringify(stats),
  );
  return root;
}

describe('measureRoutes', () => {
  const incompressible = randomBytes(40 * 1024);
  const text = Buffer.from('x'.repeat(200 * 1024));

  it('sums compressed first-load chunks per route and flags the ones over their limit', async () => {
    const root = await fakeBuild(
      {
        'shared.js': incompressible,
        'big.js': randomBytes(30 * 1024),
        'text.js': text,
      },
      { '/': ['shared.js', 'text.js'], '/heavy': ['shared.js', 'big.js'] },
    );
    const config = guardrailsSchema.shape.budget.parse({ defaultKb: 60 });
    const rows = measureRoutes(root, '.next', config);
    expect(rows.map((row) => [row.route, row.over])).toEqual([
      ['/', false],
      ['/heavy', true],
    ]);
    expect(rows[0].bytes).toBeLessThan(incompressible.length + 2048);
    expect(formatBudget(rows, 'gzip')).toMatch(/\/heavy .* OVER by/);
  });

  it('takes per-route limits over the default', async () => {
    const root = await fakeBuild(
      { 'a.js': incompressible },
      { '/admin': ['a.js'] },
    );
    const config = guardrailsSchema.shape.budget.parse({
      defaultKb: 10,
      routes: { '/admin': 100 },
    });
    expect(measureRoutes(root, '.next', config)[0].over).toBe(false);
  });

  it('says to build first when the stats are missing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'budget-'));
    dirs.push(root);
    const config = guardrailsSchema.shape.budget.parse({ defaultKb: 10 });
    expect(() => measureRoutes(root, '.next', config)).toThrow(
      /run `nx build web` first/,
    );
  });

  it('measures the sizes a browser downloads', () => {
    expect(compressedSize(text, 'none')).toBe(text.length);
    expect(compressedSize(text, 'gzip')).toBeLessThan(text.length / 50);
    expect(compressedSize(text, 'brotli')).toBeLessThan(text.length / 50);
  });
});
