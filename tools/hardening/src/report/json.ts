import type { Report } from './model.js';

/** One JSON object, as DESIGN.md specifies; stable key order for diffing. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
