import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShipshapeError } from '../errors.js';
import {
  formatJson,
  formatSarif,
  formatText,
  type Report,
  type RuleDescriptor,
} from '../report/index.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputOptions {
  format?: Format;
  output?: string;
}

export interface Rendering {
  rules?: readonly RuleDescriptor[];
  /** Replaces the default text layout for engines that group or diff. */
  text?: (report: Report) => string;
}

export function renderReport(
  report: Report,
  format: Format,
  rendering: Rendering = {},
): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, rendering.rules);
    case 'text':
      return rendering.text ? rendering.text(report) : formatText(report);
  }
}

/** Writes the report to --output (creating folders) or to stdout. */
export function emitReport(
  report: Report,
  options: OutputOptions,
  rendering: Rendering = {},
): void {
  const body = renderReport(report, options.format ?? 'text', rendering);
  if (!options.output) {
    process.stdout.write(body);
    return;
  }

  try {
    mkdirSync(dirname(options.output), { recursive: true });
    writeFileSync(options.output, body);
  } catch (cause) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--output ${options.output}: cannot write the report there; choose a writable path.`,
      { cause },
    );
  }
}
