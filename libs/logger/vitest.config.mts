import { defineConfig } from 'vitest/config';

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/libs/logger',
  // Workspace libraries from source, like the compiler sees them.
  resolve: { conditions: ['@shipshape/source', 'module', 'node', 'default'] },
  ssr: {
    resolve: { conditions: ['@shipshape/source', 'module', 'node', 'default'] },
  },
  test: {
    name: 'logger',
    watch: false,
    globals: true,
    environment: 'node',
    include: ['{src,tests}/**/*.{test,spec}.{js,mjs,cjs,ts,mts,cts,jsx,tsx}'],
    reporters: ['default'],
    coverage: {
      reportsDirectory: './test-output/vitest/coverage',
      provider: 'v8' as const,
    },
  },
}));
