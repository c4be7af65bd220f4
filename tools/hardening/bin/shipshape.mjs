#!/usr/bin/env node
// Runs the CLI from TypeScript sources inside the shipshape workspace and
// from the compiled dist/ everywhere else (the published package has no src/).
import { existsSync } from 'node:fs';
import { register } from 'node:module';

// `shipshape scan --help | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const source = new URL('../src/cli.ts', import.meta.url);
let entry = new URL('../dist/cli.js', import.meta.url);

if (existsSync(source)) {
  try {
    const tsx = await import('tsx/esm/api');
    tsx.register();
    register('./source-condition.mjs', import.meta.url);
    entry = source;
  } catch {
    // tsx is a workspace devDependency; without it, fall back to dist/.
  }
}

const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
