import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectFacts } from '../facts.js';
import { rotationCheckTargets } from './rotation-check.js';

function facts(
  root: string,
  overrides: Partial<ProjectFacts> = {},
): ProjectFacts {
  return {
    root: '.',
    workspaceRoot: root,
    otherProjectRoots: ['apps/web'],
    engine: { kind: 'package', name: '@shipshape/hardening' },
    ...overrides,
  };
}

function workspace(withLedger: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'rotation-target-'));
  if (withLedger) {
    mkdirSync(join(root, '.shipshape'));
    writeFileSync(join(root, '.shipshape/revoked.txt'), '# empty ledger\n');
  }
  return root;
}

describe('rotation-check target inference', () => {
  it('appears on the root project only once a ledger exists', () => {
    expect(rotationCheckTargets(facts(workspace(false)))).toEqual({});
    expect(
      rotationCheckTargets(facts(workspace(true), { root: 'apps/web' })),
    ).toEqual({});
    expect(Object.keys(rotationCheckTargets(facts(workspace(true))))).toEqual([
      'rotation-check',
    ]);
  });

  it('is cached on every file, the ledger via the tree, the engines and HEAD', () => {
    const target = rotationCheckTargets(facts(workspace(true)))[
      'rotation-check'
    ];
    expect(target.cache).toBe(true);
    expect(target.options).toEqual({
      command:
        'shipshape rotate check --ledger .shipshape/revoked.txt --json-file dist/shipshape/_workspace/rotation-check.json --sarif-file dist/shipshape/_workspace/rotation-check.sarif',
      cwd: '{workspaceRoot}',
    });
    expect(target.inputs).toMatchInlineSnapshot(`
      [
        "{workspaceRoot}/**/*",
        "!{workspaceRoot}/.shipshape/rotate/**/*",
        "{workspaceRoot}/shipshape.config.json",
        "{workspaceRoot}/shipshape.config.yaml",
        "{workspaceRoot}/shipshape.config.yml",
        "{workspaceRoot}/.shipshapeignore",
        {
          "externalDependencies": [
            "@shipshape/hardening",
          ],
        },
        {
          "runtime": "git rev-parse HEAD",
        },
      ]
    `);
    expect(target.metadata?.help?.command).toBe(
      'pnpm exec shipshape rotate check --help',
    );
  });

  it('re-runs when the rotate, scan or ledger engine changes (source checkout)', () => {
    const target = rotationCheckTargets(
      facts(workspace(true), {
        engine: { kind: 'source', root: 'tools/hardening' },
      }),
    )['rotation-check'];
    const inputs = target.inputs as string[];
    for (const folder of ['rotate', 'scan', 'ledger']) {
      expect(inputs).toContain(
        `{workspaceRoot}/tools/hardening/src/${folder}/**/*`,
      );
    }
  });

  it('infers the same target twice (deterministic)', () => {
    const root = workspace(true);
    expect(rotationCheckTargets(facts(root))).toEqual(
      rotationCheckTargets(facts(root)),
    );
  });
});
