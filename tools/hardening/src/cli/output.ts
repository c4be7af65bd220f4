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
  /** Also write the JSON report here (Nx targets declare it as an output). */
  jsonFile?: string;
  /** Also write the SARIF report here, for code-scanning uploads. */
  sarifFile?: string;
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

/**
 * Writes the report to --output (creating folders) or to stdout, and the
 * extra machine-readable copies asked for with --json-file / --sarif-file.
 */
export function emitReport(
  report: Report,
  options: OutputOptions,
  rendering: Rendering = {},
): void {
  const body = renderReport(report, options.format ?? 'text', rendering);
  if (options.output) {
    writeReportFile('--output', options.output, body);
  } else {
    process.stdout.write(body);
  }

  if (options.jsonFile) {
    writeReportFile(
      '--json-file',
      options.jsonFile,
      renderReport(report, 'json'),
    );
  }
  if (options.sarifFile) {
    const sarif = renderReport(report, 'sarif', rendering);
    writeReportFile('--sarif-file', options.sarifFile, sarif);
  }
}

function writeReportFile(option: string, file: string, body: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  } catch (cause) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `${option} ${file}: cannot write the report there; choose a writable path.`,
      { cause },
    );
  }
}
