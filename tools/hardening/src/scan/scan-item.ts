import { basename } from 'node:path';
import { hasInlineAllow, MAX_ALLOW_LINE } from './inline-allow.js';
import { isShipshapeReport } from '../report/own-files.js';
import { pathMatcher } from './paths.js';
import { detect, type DetectContext, type Detection } from './detect.js';
import {
  BinaryInput,
  fileWindows,
  maskDataUris,
  maskNotebook,
  textWindow,
  type Window,
} from './input.js';
import type { RuleSet } from './prefilter.js';
import type { ItemResult, RawFinding, ScanItem } from './types.js';

const LOCKFILES = new Set([
  'pnpm-lock.yaml',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'bun.lock',
  'composer.lock',
  'Gemfile.lock',
  'Cargo.lock',
  'poetry.lock',
  'go.sum',
]);

const CODE_FILE =
  /\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|rs|php|cs|swift|scala|vue|svelte)$/;

/** Scans one item with a compiled rule set (runs inside a worker). */
export class ItemScanner {
  private readonly pathRules: Array<{
    id: string;
    test: (path: string) => boolean;
  }>;

  constructor(
    private readonly set: RuleSet,
    private readonly revoked: ReadonlySet<string>,
  ) {
    this.pathRules = [...set.byId.values()]
      .filter((rule) => rule.allowlist?.paths?.length)
      .map((rule) => ({
        id: rule.id,
        test: pathMatcher(rule.allowlist!.paths!),
      }));
  }

  scan(item: ScanItem): ItemResult {
    if (item.kind === 'text' && item.binary) {
      return {
        rel: item.rel,
        bytes: 0,
        findings: [],
        skipped: 'binary content',
      };
    }
    const context = this.context(item.rel);
    const findings: RawFinding[] = [];
    let bytes = 0;
    try {
      for (const window of this.windows(item)) {
        if (window.offset === 0 && isShipshapeReport(window.text)) {
          return {
            rel: item.rel,
            bytes: 0,
            findings: [],
            skipped: 'a shipshape report (its fingerprints are not secrets)',
          };
        }
        bytes += window.keepBefore;
        findings.push(...this.scanWindow(item, window, context));
      }
    } catch (error) {
      if (error instanceof BinaryInput) {
        return {
          rel: item.rel,
          bytes: 0,
          findings: [],
          skipped: 'binary content',
        };
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code) {
        return {
          rel: item.rel,
          bytes: 0,
          findings: [],
          skipped: `unreadable (${code})`,
          unreadable: true,
        };
      }
      throw error;
    }
    return { rel: item.rel, bytes, findings };
  }

  private context(rel: string): DetectContext {
    const disabled = new Set(
      this.pathRules.filter((rule) => rule.test(rel)).map((rule) => rule.id),
    );
    return {
      lockfile: LOCKFILES.has(basename(rel)),
      code: CODE_FILE.test(rel),
      disabled,
      revoked: this.revoked,
    };
  }

  private *windows(item: ScanItem): Generator<Window> {
    const notebook = item.rel.endsWith('.ipynb');
    const transform = (text: string) =>
      maskDataUris(notebook ? maskNotebook(text) : text);
    if (item.kind === 'text') {
      const window = textWindow(item.text);
      yield { ...window, text: transform(window.text) };
      return;
    }
    yield* fileWindows(item.abs, transform);
  }

  private scanWindow(
    item: ScanItem,
    window: Window,
    context: DetectContext,
  ): RawFinding[] {
    const detections = detect(this.set, window.text, context).filter(
      (d) => d.start < window.keepBefore,
    );
    if (detections.length === 0) return [];
    const lines = new LineIndex(window.text);
    return detections.map((d) => this.toFinding(item, window, lines, d));
  }

  private toFinding(
    item: ScanItem,
    window: Window,
    lines: LineIndex,
    d: Detection,
  ): RawFinding {
    const [startLine, startColumn] = lines.position(d.start);
    const [endLine, endColumn] = lines.position(Math.max(d.start, d.end - 1));
    const realLine = (line: number) => {
      const absolute = window.line + line - 1;
      return item.kind === 'text' && item.lines
        ? (item.lines[absolute - 1] ?? absolute)
        : absolute;
    };
    // Columns count from the start of the line, also when it began in an
    // earlier window (one long line read in several chunks).
    const column = (line: number, col: number) =>
      line === 1 ? col + window.column : col;
    return {
      ruleId: d.ruleId,
      severity: d.severity,
      file: item.rel,
      line: realLine(startLine),
      column: column(startLine, startColumn),
      endLine: realLine(endLine),
      endColumn: column(endLine, endColumn) + 1,
      secretHash: d.secretHash,
      secretLength: d.secretLength,
      preview: d.preview,
      name: d.name?.slice(0, 60),
      note: d.note,
      via: d.via,
      inlineAllowed: allowedInline(window, d.start) || undefined,
      commit: item.kind === 'text' ? item.commit : undefined,
      date: item.kind === 'text' ? item.date : undefined,
    };
  }
}

// The finding's whole line; markers on very long (minified) lines are ignored.
function allowedInline(window: Window, at: number): boolean {
  const text = window.text;
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end === -1) end = text.length;
  const length = end - start + (start === 0 ? window.column : 0);
  if (length > MAX_ALLOW_LINE + 1) return false;
  return hasInlineAllow(text.slice(start, end).replace(/\r$/, ''));
}

/** Offset -> 1-based line and column, built lazily once per window. */
class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(offset: number): [number, number] {
    this.starts ??= lineStarts(this.text);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - this.starts[lo] + 1];
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (
    let at = text.indexOf('\n');
    at !== -1;
    at = text.indexOf('\n', at + 1)
  ) {
    starts.push(at + 1);
  }
  return starts;
}
