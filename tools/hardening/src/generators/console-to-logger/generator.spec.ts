import { addProjectConfiguration, readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { consoleToLogger } from './generator.js';

function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('pnpm-workspace.yaml', "packages:\n  - 'libs/*'\n");
  addProjectConfiguration(tree, 'orders', {
    root: 'libs/orders',
    sourceRoot: 'libs/orders/src',
  });
  tree.write(
    'libs/orders/package.json',
    JSON.stringify({ name: '@acme/orders', dependencies: {} }),
  );
  return tree;
}

// Parsing with typescript-eslint is slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

describe('console-to-logger generator', () => {
  it('rewrites every fixable call, adds the import once and reports the rest', async () => {
    const tree = workspace();
    tree.write(
      'libs/orders/src/lib/save.ts',
      [
        "import { db } from './db.js';",
        '',
        'export async function save(order: { id: string }) {',
        "  console.log('saving', order.id);",
        '  try {',
        '    await db.insert(order);',
        '  } catch (err) {',
        "    console.error('insert failed', err);",
        '    throw err;',
        '  }',
        "  console.warn('slow path');",
        "  console.log('rows', ...db.rows());",
        '  console.table(db.rows());',
        '}',
        '',
      ].join('\n'),
    );
    tree.write('libs/orders/src/lib/clean.ts', 'export const x = 1;\n');
    tree.write(
      'libs/orders/src/lib/save.spec.ts',
      "console.log('tests keep console');\n",
    );

    const result = await consoleToLogger(tree, {
      project: 'orders',
      skipFormat: true,
    });

    expect(tree.read('libs/orders/src/lib/save.ts', 'utf-8'))
      .toMatchInlineSnapshot(`
      "import { db } from './db.js';
      import { logger } from '@shipshape/logger';

      export async function save(order: { id: string }) {
        logger.info({ id: order.id }, 'saving');
        try {
          await db.insert(order);
        } catch (err) {
          logger.error({ err }, 'insert failed');
          throw err;
        }
        logger.warn('slow path');
        console.log('rows', ...db.rows());
        console.table(db.rows());
      }
      "
    `);
    expect(result.callsRewritten).toBe(3);
    expect(result.filesChanged).toEqual(['libs/orders/src/lib/save.ts']);
    expect(result.leftovers.map((left) => [left.file, left.line])).toEqual([
      ['libs/orders/src/lib/save.ts', 13],
      ['libs/orders/src/lib/save.ts', 14],
    ]);
    expect(result.leftovers[0].message).toContain('spread arguments');
    expect(tree.read('libs/orders/src/lib/save.spec.ts', 'utf-8')).toContain(
      'console.log',
    );
    expect(readJson(tree, 'libs/orders/package.json').dependencies).toEqual({
      '@shipshape/logger': 'workspace:*',
    });
  });

  it("imports the edge logger in 'use client' files and handles JSX", async () => {
    const tree = workspace();
    tree.write(
      'libs/orders/src/button.tsx',
      "'use client';\nexport function B() {\n  return <button onClick={() => console.info('clicked')}>x</button>;\n}\n",
    );
    await consoleToLogger(tree, { project: 'orders', skipFormat: true });
    expect(tree.read('libs/orders/src/button.tsx', 'utf-8')).toBe(
      "'use client';\nimport { logger } from '@shipshape/logger/edge';\nexport function B() {\n" +
        "  return <button onClick={() => logger.info('clicked')}>x</button>;\n}\n",
    );
  });

  it('rewrites more calls than one ESLint run would (many passes)', async () => {
    const tree = workspace();
    const calls = Array.from(
      { length: 30 },
      (_, i) => `console.log('line ${i}');`,
    ).join('\n');
    tree.write('libs/orders/src/many.ts', `${calls}\n`);
    const result = await consoleToLogger(tree, {
      project: 'orders',
      skipFormat: true,
    });
    const text = tree.read('libs/orders/src/many.ts', 'utf-8') ?? '';
    expect(result.callsRewritten).toBe(30);
    expect(text).not.toContain('console.');
    expect(text.match(/import \{ logger \}/g)).toHaveLength(1);
  });

  it('changes nothing and adds no dependency when there is nothing to rewrite', async () => {
    const tree = workspace();
    tree.write('libs/orders/src/a.ts', 'export const a = 1;\n');
    const result = await consoleToLogger(tree, {
      project: 'orders',
      skipFormat: true,
    });
    expect(result).toEqual({
      filesChanged: [],
      callsRewritten: 0,
      leftovers: [],
    });
    expect(readJson(tree, 'libs/orders/package.json').dependencies).toEqual({});
  });

  it('names the file when it cannot parse it', async () => {
    const tree = workspace();
    tree.write('libs/orders/src/broken.ts', 'console.log(;\n');
    await expect(
      consoleToLogger(tree, { project: 'orders', skipFormat: true }),
    ).rejects.toThrow('libs/orders/src/broken.ts:1: cannot parse');
  });
});
