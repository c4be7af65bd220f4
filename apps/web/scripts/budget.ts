import { loadGuardrails } from './lib/guardrails';
import { formatBudget, measureRoutes } from './lib/budget';
import { WEB_ROOT } from './lib/serve';

/**
 * `nx budget web`: fails (exit 1) when any route's first-load JavaScript is
 * over its limit in guardrails.json; exit 2 when it cannot measure.
 */
function main(): number {
  try {
    const config = loadGuardrails(WEB_ROOT).budget;
    const distDir = process.env.SHIPSHAPE_NEXT_DIST_DIR || '.next';
    const rows = measureRoutes(WEB_ROOT, distDir, config);
    process.stdout.write(`${formatBudget(rows, config.compression)}\n`);
    const over = rows.filter((row) => row.over);
    if (over.length === 0) {
      process.stdout.write(
        `budget: ${rows.length} routes within their limits.\n`,
      );
      return 0;
    }
    process.stdout.write(
      `budget: ${over.length} route(s) over their limit; shrink the client code or raise budget.routes in apps/web/guardrails.json.\n`,
    );
    return 1;
  } catch (error) {
    process.stderr.write(`budget: ${(error as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main();
