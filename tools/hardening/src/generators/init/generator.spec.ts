import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { initGenerator, PLUGIN_SPECIFIER } from './generator.js';

function snapshot(tree: Tree): Record<string, string> {
  const files: Record<string, string> = {};
  for (const change of tree.listChanges()) {
    files[change.path] = change.content?.toString('utf8') ?? '';
  }
  return files;
}

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('registers the plugin, writes the default config and the dev dependency', async () => {
    await initGenerator(tree, { skipFormat: true });
    const plugins = readNxJson(tree)?.plugins ?? [];
    expect(plugins).toContainEqual({ plugin: PLUGIN_SPECIFIER, options: {} });
    expect(
      JSON.parse(tree.read('shipshape.config.json', 'utf8') ?? ''),
    ).toEqual({
      scan: {},
      audit: {},
      hygiene: {},
      drift: {},
    });
    const pkg = JSON.parse(tree.read('package.json', 'utf8') ?? '');
    expect(pkg.devDependencies['@shipshape/hardening']).toMatch(
      /^\d+\.\d+\.\d+/,
    );
  });

  it('is idempotent: a second run changes nothing', async () => {
    await initGenerator(tree, { skipFormat: true });
    const first = snapshot(tree);
    await initGenerator(tree, { skipFormat: true });
    expect(snapshot(tree)).toEqual(first);
    const entries = (readNxJson(tree)?.plugins ?? []).filter(
      (entry) => typeof entry !== 'string' && entry.plugin === PLUGIN_SPECIFIER,
    );
    expect(entries).toHaveLength(1);
  });

  it('keeps an existing config file and plugin options', async () => {
    tree.write('shipshape.config.yaml', 'scan:\n  exclude: []\n');
    const nxJson = readNxJson(tree) ?? {};
    nxJson.plugins = [
      {
        plugin: '@shipshape/hardening/plugin',
        options: { targetNames: { scan: 'secrets' } },
      },
    ];
    updateNxJson(tree, nxJson);
    await initGenerator(tree, { skipFormat: true });
    expect(tree.exists('shipshape.config.json')).toBe(false);
    expect(readNxJson(tree)?.plugins).toEqual(nxJson.plugins);
  });

  it('recognises the plugin registered from source, as in the shipshape repo', async () => {
    const nxJson = readNxJson(tree) ?? {};
    nxJson.plugins = [
      { plugin: './tools/hardening/src/plugin/index.ts', options: {} },
    ];
    updateNxJson(tree, nxJson);
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.plugins).toHaveLength(1);
  });

  it('keeps a declared version when asked to', async () => {
    const pkg = JSON.parse(tree.read('package.json', 'utf8') ?? '');
    pkg.devDependencies = { '@shipshape/hardening': 'workspace:*' };
    tree.write('package.json', JSON.stringify(pkg));
    await initGenerator(tree, { skipFormat: true });
    const after = JSON.parse(tree.read('package.json', 'utf8') ?? '');
    expect(after.devDependencies['@shipshape/hardening']).toBe('workspace:*');
  });

  it('honours skipConfig and skipPackageJson', async () => {
    await initGenerator(tree, {
      skipFormat: true,
      skipConfig: true,
      skipPackageJson: true,
    });
    expect(tree.exists('shipshape.config.json')).toBe(false);
    const pkg = JSON.parse(tree.read('package.json', 'utf8') ?? '');
    expect(pkg.devDependencies?.['@shipshape/hardening']).toBeUndefined();
  });
});
