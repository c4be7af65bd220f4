import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocking, runAxe } from '../scripts/lib/axe';
import { launchBrowser, type Browser } from '../scripts/lib/browser';
import { startApp, type RunningApp } from '../scripts/lib/serve';
import { TEST_DIST_DIR } from './support/build';
import { fakeSupabaseJwt } from './support/fake-secrets';
import {
  startFakePostgrest,
  type FakePostgrest,
} from './support/fake-postgrest';
import { PG_URL, requirePostgres } from './support/postgres';

requirePostgres();

describe.skipIf(!PG_URL)('/status in chromium', () => {
  const anonKey = fakeSupabaseJwt('anon');
  let rest: FakePostgrest;
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    rest = await startFakePostgrest(anonKey);
    [app, browser] = await Promise.all([
      startApp({
        distDir: TEST_DIST_DIR,
        env: {
          NEXT_PUBLIC_SUPABASE_URL: rest.url,
          NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
          DATABASE_URL: PG_URL ?? '',
          // Generous: a loaded CI machine must not turn a healthy check into a timeout.
          HEALTH_TIMEOUT_MS: '5000',
        },
      }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await rest?.close();
  });

  it('renders every check from the server, with no client JS needed', async () => {
    rest.mode = 'healthy';
    const page = await browser.context.newPage();
    await page.route('**/_next/static/**/*.js', (route) => route.abort());
    await page.goto(`${app.url}/status`);
    const rows = page.locator('table.checks tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    const statuses = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-check'),
        tr.getAttribute('data-status'),
      ]),
    );
    expect(statuses).toEqual([
      ['env', 'ok'],
      ['rest', 'ok'],
      ['database', 'ok'],
    ]);
    await expect(page.getByTestId('overall').textContent()).resolves.toContain(
      'All systems operational',
    );
    await page.close();
  });

  it('shows a failing dependency in words, not only in colour', async () => {
    rest.mode = 'error-503';
    const page = await browser.context.newPage();
    await page.goto(`${app.url}/status`);
    rest.mode = 'healthy';
    const row = page.locator('tr[data-check="rest"]');
    await expect(row.getAttribute('data-status')).resolves.toBe('fail');
    await expect(row.textContent()).resolves.toContain('Failing');
    await expect(page.getByTestId('overall').textContent()).resolves.toContain(
      'Degraded',
    );
    await page.close();
  });

  it.each([
    ['healthy', 'healthy'],
    ['degraded', 'error-503'],
  ] as const)(
    'passes axe with no serious violations when %s',
    async (_label, mode) => {
      rest.mode = mode;
      const page = await browser.context.newPage();
      await page.goto(`${app.url}/status`);
      const violations = await runAxe(page);
      rest.mode = 'healthy';
      expect(blocking(violations)).toEqual([]);
      await page.close();
    },
  );

  it('catches a serious violation when one is there', async () => {
    const page = await browser.context.newPage();
    await page.setContent(
      '<html lang="en"><body><main><p style="color:#aaa;background:#fff">faint</p>' +
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>',
    );
    const ids = blocking(await runAxe(page)).map((violation) => violation.id);
    expect(ids).toEqual(
      expect.arrayContaining(['color-contrast', 'image-alt']),
    );
    await page.close();
  });

  it('has landmarks and a skip link that moves keyboard focus to the content', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${app.url}/status`);
    for (const role of [
      'banner',
      'navigation',
      'main',
      'contentinfo',
    ] as const) {
      await expect(page.getByRole(role).count()).resolves.toBe(1);
    }
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() =>
      document.activeElement?.textContent?.trim(),
    );
    expect(focused).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#main');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(
      () => document.activeElement?.closest('main') !== null,
    );
    expect(next).toBe(true);
    await page.close();
  });
});
