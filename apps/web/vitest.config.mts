import { defineConfig } from 'vitest/config';
import { join } from 'node:path';

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/web',
  resolve: {
    alias: {
      '@': join(import.meta.dirname, './src'),
    },
  },
  test: {
    name: 'web',
    watch: false,
    globals: true,
    environment: 'node',
    include: ['{src,tests,scripts}/**/*.{test,spec}.{ts,tsx}'],
    // One production build per run, shared by every file that starts the app.
    globalSetup: ['./tests/support/build.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    coverage: {
      reportsDirectory: './test-output/vitest/coverage',
      provider: 'v8' as const,
    },
  },
}));
