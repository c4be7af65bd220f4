#!/usr/bin/env node
// Builds the publishable package into dist/:
//  1. tsc compiles src/ file by file (same layout, so paths that code resolves
//     from import.meta.url stay valid) with declarations;
//  2. the private workspace libraries (@shipshape/secrets, logger, env) are
//     bundled into dist/vendor/, because they are not published on their own;
//  3. imports of those libraries are rewritten to the vendored copies;
//  4. non-TypeScript files under src/ (generator schemas, rule data) are copied.
// --skip-declarations leaves out step 1's .d.ts files (a quick local pack).
// The dependencies the vendored code needs must be in this package's own
// "dependencies"; the build fails naming any that is missing.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(root, '..', '..');
const distFlag = process.argv.indexOf('--dist');
// --dist DIR writes the JavaScript elsewhere (tests pack a staged copy).
const dist =
  distFlag > 0 ? resolve(process.argv[distFlag + 1]) : join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const require = createRequire(join(root, 'package.json'));

const VENDORED = {
  '@shipshape/secrets': 'libs/secrets',
  '@shipshape/logger': 'libs/logger',
  '@shipshape/env': 'libs/env',
};

rmSync(dist, { recursive: true, force: true });
await compile();
await vendor();
rewriteImports(dist);
copyAssets(join(root, 'src'), dist);
process.stdout.write(`built ${relative(workspace, dist)}\n`);

// esbuild transpiles file by file (layout kept, type errors do not block the
// JavaScript); tsc then writes the declarations and fails on type errors.
async function compile() {
  const { build } = await import(require.resolve('esbuild'));
  await build({
    entryPoints: listSources(join(root, 'src')),
    outdir: dist,
    outbase: join(root, 'src'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  if (process.argv.includes('--skip-declarations')) return;
  if (dist !== join(root, 'dist')) {
    throw new Error(
      'build: --dist needs --skip-declarations (tsc writes to dist/).',
    );
  }
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(
      process.execPath,
      [tsc, '--build', 'tsconfig.lib.json', '--emitDeclarationOnly'],
      { cwd: root, stdio: 'inherit' },
    );
  } catch {
    process.stderr.write(
      'build: tsc reported type errors (above); fix them and build again.\n',
    );
    process.exit(1);
  }
  rmSync(join(dist, 'tsconfig.lib.tsbuildinfo'), { force: true });
}

function listSources(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = join(folder, entry.name);
    if (entry.isDirectory()) return listSources(file);
    const source =
      /\.ts$/.test(entry.name) &&
      !/\.(spec|test)\.ts$|\.d\.ts$/.test(entry.name);
    return source ? [file] : [];
  });
}

async function vendor() {
  const { build } = await import(require.resolve('esbuild'));
  const own = new Set(Object.keys(pkg.dependencies ?? {}));
  for (const [name, folder] of Object.entries(VENDORED)) {
    const lib = JSON.parse(
      readFileSync(join(workspace, folder, 'package.json'), 'utf8'),
    );
    const external = Object.keys(lib.dependencies ?? {}).filter(
      (dep) => !(dep in VENDORED),
    );
    const base = name.split('/')[1];
    const result = await build({
      entryPoints: [join(workspace, folder, 'src', 'index.ts')],
      outfile: join(dist, 'vendor', `${base}.js`),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['@shipshape/source'],
      external: external.flatMap((dep) => [dep, `${dep}/*`]),
      plugins: [siblingsAsVendored()],
      metafile: true,
      logLevel: 'warning',
    });
    // Only what the bundle really imports must be installed with us.
    const missing = importedPackages(result.metafile).filter(
      (dep) => !own.has(dep),
    );
    if (missing.length > 0) {
      throw new Error(
        `tools/hardening/package.json: add ${missing.join(', ')} to "dependencies"; ` +
          `the vendored ${name} imports them.`,
      );
    }
    const types = join(workspace, folder, 'dist');
    if (existsSync(join(types, 'index.d.ts'))) {
      cpSync(types, join(dist, 'vendor', base), {
        recursive: true,
        filter: (file) =>
          !file.endsWith('.js') && !file.endsWith('.tsbuildinfo'),
      });
      writeFileSync(
        join(dist, 'vendor', `${base}.d.ts`),
        `export * from './${base}/index.js';\n`,
      );
    }
  }
}

function importedPackages(metafile) {
  const names = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const entry of output.imports) {
      if (
        !entry.external ||
        entry.path.startsWith('.') ||
        entry.path.startsWith('node:')
      )
        continue;
      const parts = entry.path.split('/');
      names.add(
        entry.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0],
      );
    }
  }
  return [...names].sort();
}

// logger and env import @shipshape/secrets: point them at its vendored copy.
function siblingsAsVendored() {
  return {
    name: 'shipshape-vendored',
    setup(build) {
      build.onResolve(
        { filter: /^@shipshape\/(secrets|logger|env)$/ },
        (args) => ({
          path: `./${args.path.split('/')[1]}.js`,
          external: true,
        }),
      );
    },
  };
}

function rewriteImports(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = join(folder, entry.name);
    if (entry.isDirectory()) {
      rewriteImports(file);
      continue;
    }
    if (!/\.(js|d\.ts)$/.test(entry.name)) continue;
    const text = readFileSync(file, 'utf8');
    const next = text.replace(
      /(from\s+|import\(\s*|import\s+)(['"])(@shipshape\/(?:secrets|logger|env))\2/g,
      (_, lead, quote, name) => {
        const target = join(dist, 'vendor', `${name.split('/')[1]}.js`);
        let path = relative(dirname(file), target).split(sep).join('/');
        if (!path.startsWith('.')) path = `./${path}`;
        return `${lead}${quote}${path}${quote}`;
      },
    );
    if (next !== text) writeFileSync(file, next);
  }
}

function copyAssets(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      copyAssets(source, join(to, entry.name));
    } else if (
      !/\.(ts|tsx|mts|cts)$/.test(entry.name) &&
      !entry.name.includes('.spec.')
    ) {
      cpSync(source, join(to, entry.name));
    }
  }
}
