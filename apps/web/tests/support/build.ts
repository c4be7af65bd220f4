import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nextBin, WEB_ROOT } from '../../scripts/lib/serve';

/** Where the test run's own production build goes (ignored by git). */
export const TEST_DIST_DIR = 'test-output/next-build';

/**
 * vitest globalSetup: one production build per test run, in its own
 * distDir so it never races `nx build web` over .next. Set
 * SHIPSHAPE_WEB_REUSE_BUILD=1 to reuse the last one while iterating.
 */
export default function setup(): void {
  const reuse = process.env.SHIPSHAPE_WEB_REUSE_BUILD === '1';
  if (reuse && existsSync(join(WEB_ROOT, TEST_DIST_DIR, 'BUILD_ID'))) return;
  const result = spawnSync(process.execPath, [nextBin(), 'build'], {
    cwd: WEB_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      SHIPSHAPE_NEXT_DIST_DIR: TEST_DIST_DIR,
    },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `next build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}
