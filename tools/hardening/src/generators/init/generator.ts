import {
  addDependenciesToPackageJson,
  formatFiles,
  readNxJson,
  updateNxJson,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { VERSION } from '../../version.js';

export interface InitGeneratorSchema {
  skipFormat?: boolean;
  skipPackageJson?: boolean;
  keepExistingVersions?: boolean;
  skipConfig?: boolean;
}

export const PACKAGE_NAME = '@shipshape/hardening';
/** The entry Nx loads createNodes from in an installed package. */
export const PLUGIN_SPECIFIER = `${PACKAGE_NAME}/plugin`;

const CONFIG_FILES = [
  'shipshape.config.json',
  'shipshape.config.yaml',
  'shipshape.config.yml',
];

/**
 * Every section empty: each engine's defaults apply, and the file shows
 * where to tune them (docs/configuration.md lists the keys).
 */
export const DEFAULT_CONFIG = {
  scan: {},
  audit: {},
  hygiene: {},
  drift: {},
};

/**
 * `nx add @shipshape/hardening` and `nx g @shipshape/hardening:init`:
 * registers the plugin and writes default config. Idempotent: a second run
 * leaves every file as it was.
 */
export async function initGenerator(
  tree: Tree,
  options: InitGeneratorSchema = {},
): Promise<GeneratorCallback> {
  registerPlugin(tree);
  if (!options.skipConfig) writeDefaultConfig(tree);

  let install: GeneratorCallback = () => undefined;
  if (!options.skipPackageJson && !isDeclared(tree)) {
    install = addDependenciesToPackageJson(
      tree,
      {},
      { [PACKAGE_NAME]: VERSION },
      undefined,
      options.keepExistingVersions ?? true,
    );
  }

  if (!options.skipFormat) await formatFiles(tree);
  return install;
}

export default initGenerator;

/** True when nx.json already loads the plugin, by package or local path. */
export function hasPlugin(tree: Tree): boolean {
  const nxJson = readNxJson(tree);
  return (nxJson?.plugins ?? []).some((entry) => {
    const name = typeof entry === 'string' ? entry : entry.plugin;
    return (
      name === PACKAGE_NAME ||
      name === PLUGIN_SPECIFIER ||
      /(^|\/)hardening\/src\/plugin(\/index(\.[cm]?[jt]s)?)?$/.test(name)
    );
  });
}

function registerPlugin(tree: Tree): void {
  if (hasPlugin(tree)) return;
  const nxJson = readNxJson(tree) ?? {};
  nxJson.plugins = [
    ...(nxJson.plugins ?? []),
    { plugin: PLUGIN_SPECIFIER, options: {} },
  ];
  updateNxJson(tree, nxJson);
}

function writeDefaultConfig(tree: Tree): void {
  if (CONFIG_FILES.some((file) => tree.exists(file))) return;
  tree.write(
    'shipshape.config.json',
    `${JSON.stringify(DEFAULT_CONFIG, null, 2)}\n`,
  );
}

function isDeclared(tree: Tree): boolean {
  if (!tree.exists('package.json')) return true;
  const pkg = JSON.parse(tree.read('package.json', 'utf8') ?? '{}') as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return Boolean(
    pkg.dependencies?.[PACKAGE_NAME] ?? pkg.devDependencies?.[PACKAGE_NAME],
  );
}
