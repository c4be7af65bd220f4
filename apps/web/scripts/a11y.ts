import { blocking, runAxe, type Violation } from './lib/axe';
import { launchBrowser } from './lib/browser';
import { loadGuardrails } from './lib/guardrails';
import { startApp, WEB_ROOT } from './lib/serve';

/**
 * `nx a11y web`: serves the production build with `next start` on loopback,
 * opens each configured route in Debian's chromium and runs axe-core.
 * Exit 1 on any violation at or above `failOn` (serious by default).
 */
async function main(): Promise<number> {
  const config = loadGuardrails(WEB_ROOT).a11y;
  // No real backends: the pages render their degraded states, which carry
  // the most markup (failure badges, skipped checks) to check.
  const app = await startApp({
    distDir: process.env.SHIPSHAPE_NEXT_DIST_DIR || '.next',
    env: { HEALTH_TIMEOUT_MS: '500' },
  });
  const browser = await launchBrowser();
  let failures = 0;
  try {
    for (const route of config.routes) {
      const page = await browser.context.newPage();
      await page.goto(`${app.url}${route}`, { waitUntil: 'load' });
      const violations = await runAxe(page);
      await page.close();
      const failing = blocking(violations, config.failOn);
      failures += failing.length;
      report(route, violations, failing);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  process.stdout.write(
    failures === 0
      ? `a11y: ${config.routes.length} routes, no ${config.failOn} or worse violations.\n`
      : `a11y: ${failures} violation(s) at ${config.failOn} or worse; fix them (see the help links).\n`,
  );
  return failures === 0 ? 0 : 1;
}

function report(route: string, all: Violation[], failing: Violation[]): void {
  process.stdout.write(
    `${route}: ${all.length} violation(s), ${failing.length} blocking\n`,
  );
  for (const violation of all) {
    const mark = failing.includes(violation) ? 'FAIL' : 'note';
    process.stdout.write(
      `  ${mark} ${violation.impact ?? 'n/a'} ${violation.id}: ${violation.help} (${violation.nodes} node(s): ${violation.targets.join(', ')})\n      ${violation.helpUrl}\n`,
    );
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`a11y: could not run (${(error as Error).message})\n`);
    process.exitCode = 2;
  },
);
