import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  id: string;
  impact: Impact | null;
  help: string;
  helpUrl: string;
  nodes: number;
  targets: string[];
}

let source: string | undefined;

function axeSource(): string {
  source ??= readFileSync(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  return source;
}

/** Runs axe-core (WCAG 2.x A and AA rules plus best practices) in the page. */
export async function runAxe(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource() });
  return page.evaluate(async () => {
    interface AxeNode {
      target: unknown[];
    }
    interface AxeViolation {
      id: string;
      impact?: string | null;
      help: string;
      helpUrl: string;
      nodes: AxeNode[];
    }
    type AxeRun = (
      context: unknown,
      options: unknown,
    ) => Promise<{ violations: AxeViolation[] }>;
    const axe = (globalThis as unknown as { axe: { run: AxeRun } }).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: (violation.impact ?? null) as Impact | null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.length,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
}

const RANK: Record<Impact, number> = {
  minor: 1,
  moderate: 2,
  serious: 3,
  critical: 4,
};

/** Violations at or above the threshold (default: serious). */
export function blocking(
  violations: Violation[],
  threshold: Impact = 'serious',
): Violation[] {
  return violations.filter(
    (v) => v.impact !== null && RANK[v.impact] >= RANK[threshold],
  );
}
