import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, WEB_ROOT, type RunningApp } from '../scripts/lib/serve';
import { TEST_DIST_DIR } from './support/build';

const ENV = {
  NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:9',
  NEXT_PUBLIC_SUPABASE_ANON_KEY: 'sb_publishable_0123456789abcdefghij',
};

describe('test-only endpoints', () => {
  it('are not compiled into the production build', () => {
    const manifest = JSON.parse(
      readFileSync(
        join(WEB_ROOT, TEST_DIST_DIR, 'server', 'app-paths-manifest.json'),
        'utf8',
      ),
    ) as Record<string, string>;
    expect(Object.keys(manifest)).toContain('/api/health/route');
    expect(
      Object.keys(manifest).filter((route) => route.startsWith('/api/test')),
    ).toEqual([]);
  });

  describe('under next dev', () => {
    let dev: RunningApp;

    beforeAll(async () => {
      dev = await startApp({
        mode: 'dev',
        distDir: 'test-output/next-dev',
        env: ENV,
        timeoutMs: 60_000,
      });
    });

    afterAll(async () => dev?.stop());

    it('answer, so they exist only where they are meant to', async () => {
      const response = await fetch(`${dev.url}/api/test/reset`, {
        method: 'POST',
      });
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toEqual({ reset: true });
    });
  });
});
