import type { CreateNodesContext } from '@nx/devkit';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportFiles } from './facts.js';
import { createNodes, createNodesV2 } from './index.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

// A small workspace: the root project, an app with migrations, two libs.
function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-plugin-'));
  made.push(root);
  const files: Record<string, unknown> = {
    'package.json': {
      name: 'acme',
      nx: { name: 'workspace' },
      devDependencies: { nx: '23.2.1' },
    },
    'apps/site/package.json': {
      name: '@acme/site',
      dependencies: { next: '16.5.0' },
    },
    'libs/util/package.json': { name: '@acme/util' },
    'libs/ui/project.json': { name: 'ui' },
  };
  for (const [file, body] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), JSON.stringify(body));
  }
  mkdirSync(join(root, 'apps/site/supabase/migrations'), { recursive: true });
  writeFileSync(
    join(root, 'apps/site/supabase/migrations/0001_init.sql'),
    'select 1;\n',
  );
  return root;
}

async function infer(workspaceRoot: string) {
  const files = [
    'package.json',
    'apps/site/package.json',
    'libs/util/package.json',
    'libs/ui/project.json',
  ];
  const context: CreateNodesContext = {
    workspaceRoot,
    nxJsonConfiguration: {},
  } as CreateNodesContext;
  return createNodes[1](files, {}, context);
}

describe('createNodes', () => {
  it('is exported under the v2 name as well', () => {
    expect(createNodesV2).toBe(createNodes);
    expect(createNodes[0]).toBe('**/{package.json,project.json}');
  });

  it('infers the same targets on every run and from every checkout path', async () => {
    const first = makeWorkspace();
    const second = mkdtempSync(join(tmpdir(), 'shipshape-plugin-copy-'));
    made.push(second);
    cpSync(first, second, { recursive: true });

    const once = JSON.stringify(await infer(first));
    const twice = JSON.stringify(await infer(first));
    const elsewhere = JSON.stringify(await infer(second));

    expect(twice).toBe(once);
    expect(elsewhere).toBe(once);
    expect(once).not.toContain(first);
  });

  it('leaves plain package folders that are not projects alone', async () => {
    const root = makeWorkspace();
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'no-nx-key' }),
    );
    const results = await infer(root);
    const rootResult = results.find(([file]) => file === 'package.json');
    expect(rootResult?.[1]).toEqual({});
  });

  it('honours renamed and disabled targets', async () => {
    const root = makeWorkspace();
    const context = {
      workspaceRoot: root,
      nxJsonConfiguration: {},
    } as CreateNodesContext;
    const all = await createNodes[1](['libs/util/package.json'], {}, context);
    const names = Object.keys(
      all[0]?.[1].projects?.['libs/util']?.targets ?? {},
    );
    expect(names).toContain('scan');

    const [first] = names;
    const renamed = await createNodes[1](
      ['libs/util/package.json'],
      { targetNames: { [first]: `${first}-renamed` } },
      context,
    );
    const disabled = await createNodes[1](
      ['libs/util/package.json'],
      { targetNames: { [first]: false } },
      context,
    );
    const renamedTargets =
      renamed[0]?.[1].projects?.['libs/util']?.targets ?? {};
    const disabledTargets =
      disabled[0]?.[1].projects?.['libs/util']?.targets ?? {};
    expect(Object.keys(renamedTargets)).toContain(`${first}-renamed`);
    expect(Object.keys(disabledTargets)).not.toContain(first);
  });
});

describe('reportFiles', () => {
  it.each([
    ['.', 'workspace', 'dist/shipshape/_workspace/hygiene'],
    ['apps/web', 'workspace', 'dist/shipshape/apps/web/hygiene'],
    ['apps/web', 'project', '../../dist/shipshape/apps/web/hygiene'],
    ['libs/a/b', 'project', '../../../dist/shipshape/libs/a/b/hygiene'],
  ] as const)('%s from the %s folder', (root, cwd, prefix) => {
    const { args, outputs } = reportFiles({ root }, 'hygiene', cwd);
    expect(args).toBe(
      `--json-file ${prefix}.json --sarif-file ${prefix}.sarif`,
    );
    const folder = root === '.' ? '_workspace' : root;
    expect(outputs).toEqual([
      `{workspaceRoot}/dist/shipshape/${folder}/hygiene.json`,
      `{workspaceRoot}/dist/shipshape/${folder}/hygiene.sarif`,
    ]);
  });
});
