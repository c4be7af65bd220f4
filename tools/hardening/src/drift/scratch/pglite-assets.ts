import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Extension, PGliteOptions } from '@electric-sql/pglite';

const require = createRequire(import.meta.url);

/** The installed PGlite package: where its wasm, data and extension bundles live. */
export function pgliteDist(): string {
  return dirname(require.resolve('@electric-sql/pglite'));
}

export function pgliteVersion(): string {
  const pkg = join(pgliteDist(), '..', 'package.json');
  return (require(pkg) as { version: string }).version;
}

let bundles: Set<string> | undefined;

/** Extension names PGlite ships a bundle for (plpgsql is built in). */
export function pgliteExtensions(): ReadonlySet<string> {
  bundles ??= new Set([
    'plpgsql',
    ...readdirSync(pgliteDist())
      .filter((file) => file.endsWith('.tar.gz'))
      .map((file) => file.slice(0, -'.tar.gz'.length)),
  ]);
  return bundles;
}

/** A PGlite extension entry for a bundled contrib or vector extension. */
export function pgliteExtension(name: string): Extension {
  const bundlePath = pathToFileURL(join(pgliteDist(), `${name}.tar.gz`));
  return { name, setup: async () => ({ bundlePath }) };
}

type Runtime = Required<Pick<PGliteOptions, 'wasmModule' | 'fsBundle'>>;

// Node's global; the TypeScript lib here carries no WebAssembly types.
const wasm = (
  globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<Runtime['wasmModule']> };
  }
).WebAssembly;

let compiled: Promise<Runtime> | undefined;

/** Compiled once per process: every scratch instance shares it. */
export function pgliteRuntime(): Promise<Runtime> {
  compiled ??= (async () => {
    const dist = pgliteDist();
    const [bytes, data] = await Promise.all([
      readFile(join(dist, 'pglite.wasm')),
      readFile(join(dist, 'pglite.data')),
    ]);
    return {
      wasmModule: await wasm.compile(bytes),
      fsBundle: new Blob([data]),
    };
  })();
  return compiled;
}
