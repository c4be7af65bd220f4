import { defineConfig } from 'vitest/config';

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/tools/hardening',
  // Workspace libraries from source, like the compiler sees them: a stale
  // dist/ must never decide a test.
  resolve: { conditions: ['@shipshape/source', 'module', 'node', 'default'] },
  ssr: {
    resolve: { conditions: ['@shipshape/source', 'module', 'node', 'default'] },
  },
  test: {
    name: 'hardening',
    watch: false,
    globals: true,
    environment: 'node',
    // Its JSON schema import lacks the import attribute Node 20 requires.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    include: ['{src,tests}/**/*.{test,spec}.{js,mjs,cjs,ts,mts,cts,jsx,tsx}'],
    reporters: ['default'],
    coverage: {
      reportsDirectory: './test-output/vitest/coverage',
      provider: 'v8' as const,
    },
  },
}));
