// Scan workers started from TypeScript sources (the CLI under tsx, vitest)
// need the same loader as the main thread before they import worker.ts.
import { register } from 'node:module';

const tsx = await import('tsx/esm/api');
tsx.register();
register('./source-condition.mjs', import.meta.url);
await import('../src/scan/worker.ts');
