import { isAbsolute, join, relative, sep } from 'node:path';
import type { Logger } from '@shipshape/logger';
import type { Report, SkippedInput, Warning } from '../report/index.js';
import { readLedger } from '../ledger/index.js';
import { VERSION } from '../version.js';
import { collectFiles } from './collect.js';
import { resolveConfig } from './config.js';
import { toFindings, ruleDescriptors } from './findings.js';
import {
  commitItems,
  gitRoot,
  listCommits,
  stagedItems,
  type CommitRef,
} from './git.js';
import { pathMatcher } from './paths.js';
import { scanItems } from './pool.js';
import { createProgress } from './progress.js';
import {
  baselineKey,
  readBaseline,
  readIgnoreFile,
  writeBaseline,
} from './suppress.js';
import type { ItemResult, ScanItem, ScanRule } from './types.js';
import { buildRuleSet } from './prefilter.js';
import { checkWriteTarget } from '../report/own-files.js';

export interface ScanOptions {
  cwd: string;
  paths: string[];
  includeIgnored?: boolean;
  history?: boolean;
  since?: string;
  staged?: boolean;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  revoked?: string;
  exclude?: string[];
  workers?: number;
  /** Between listing and scanning commits (e.g. a shard filter). */
  selectCommits?: (commits: CommitRef[]) => CommitRef[];
  /** More items from the selected commits (e.g. merge conflict resolutions). */
  extraCommitItems?: (
    root: string,
    commits: CommitRef[],
  ) => Promise<ScanItem[]>;
  logger?: Logger;
  progress?: boolean;
}

export interface ScanResult {
  report: Report;
  rules: ScanRule[];
}

/** collect -> scan (workers) -> suppress -> report. */
export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const started = Date.now();
  const gitModes = options.history || options.staged;
  const top = await gitRoot(options.cwd).catch(() => undefined);
  const root = gitModes ? await gitRoot(options.cwd) : options.cwd;
  if (options.writeBaseline) {
    checkWriteTarget(
      '--write-baseline',
      abs(options.cwd, options.writeBaseline),
      'baseline',
      options.writeBaseline,
    );
  }
  const resolved = resolveConfig(root, options.config, top);
  buildRuleSet(resolved.rules); // fail on bad config before any work
  const revoked = options.revoked
    ? [...readLedger(abs(options.cwd, options.revoked)).map((e) => e.sha256)]
    : [];
  const allowPaths = pathMatcher(resolved.config.allowlist.paths);
  // Our own bookkeeping files hold hashes that look like secrets.
  const own = [
    options.baseline,
    options.writeBaseline,
    options.revoked,
    abs(resolved.base, resolved.config.ignoreFile),
  ]
    .filter((file): file is string => Boolean(file))
    .map((file) => relative(root, abs(options.cwd, file)).split(sep).join('/'))
    .filter((file) => !file.startsWith('..'));
  const exclude = [
    ...resolved.config.exclude,
    ...(options.exclude ?? []),
    ...own,
  ];
  const excluded = pathMatcher(exclude);

  const { items, skipped, extra } = await gather(
    options,
    root,
    exclude,
    resolved.config.maxFileSize,
  );
  const kept = items.filter((item) => {
    if (allowPaths(item.rel)) {
      skipped.push({
        file: item.rel,
        reason: 'allowlisted in the scan config',
      });
      return false;
    }
    // Staged blobs and history text obey the same size cap as files.
    const limit = resolved.config.maxFileSize;
    if (item.kind === 'text' && Buffer.byteLength(item.text) > limit) {
      skipped.push({
        file: item.commit
          ? `${item.rel}@${item.commit.slice(0, 12)}`
          : item.rel,
        reason: `larger than the ${limit}-byte limit (${Buffer.byteLength(item.text)} bytes); raise scan.maxFileSize in shipshape.config.json to scan it`,
      });
      return false;
    }
    return gitModes ? !excluded(item.rel) : true;
  });
  options.logger?.debug(
    { items: kept.length, rules: resolved.rules.length },
    'scan collected',
  );

  const sizes = (item: ScanItem) =>
    item.kind === 'file'
      ? ((item as { size?: number }).size ?? 0)
      : item.text.length;
  const progress = createProgress({
    files: kept.length,
    bytes: kept.reduce((n, i) => n + sizes(i), 0),
  });
  const results = await scanItems(
    kept,
    {
      rules: resolved.rules,
      revoked,
      workers: options.workers ?? resolved.config.workers,
      onResult:
        options.progress === false ? undefined : (r) => progress.tick(r.bytes),
    },
    sizes,
  );
  progress.done();

  return {
    report: buildReport(results, skipped, {
      options,
      root,
      resolved,
      started,
      extra,
    }),
    rules: resolved.rules,
  };
}

function abs(cwd: string, path: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
}

async function gather(
  options: ScanOptions,
  root: string,
  exclude: string[],
  maxFileSize?: number,
): Promise<{
  items: ScanItem[];
  skipped: SkippedInput[];
  extra: Record<string, unknown>;
}> {
  if (options.staged) {
    return {
      items: await stagedItems(root),
      skipped: [],
      extra: { mode: 'staged' },
    };
  }
  if (options.history) {
    let commits = await listCommits(root, options.since);
    if (options.selectCommits) commits = options.selectCommits(commits);
    return {
      items: [
        ...(await commitItems(root, commits)),
        ...((await options.extraCommitItems?.(root, commits)) ?? []),
      ],
      skipped: [],
      extra: { mode: 'history', commits: commits.length },
    };
  }
  const collected = collectFiles({
    root,
    paths: options.paths,
    includeIgnored: Boolean(options.includeIgnored),
    exclude,
    maxFileSize,
  });
  return {
    items: collected.items as ScanItem[],
    skipped: collected.skipped,
    extra: { mode: 'paths' },
  };
}

function buildReport(
  results: ItemResult[],
  skippedBefore: Report['stats']['skipped'],
  ctx: {
    options: ScanOptions;
    root: string;
    resolved: ReturnType<typeof resolveConfig>;
    started: number;
    extra: Record<string, unknown>;
  },
): Report {
  const { options, resolved } = ctx;
  const skipped = [...skippedBefore];
  const warnings: Warning[] = [];
  let bytes = 0;
  let files = 0;
  for (const result of results) {
    if (result.skipped) {
      skipped.push({ file: result.rel, reason: result.skipped });
      if (result.unreadable) {
        warnings.push({
          code: 'UNREADABLE_FILE',
          message: `${result.rel}: ${result.skipped}; it was not scanned.`,
        });
      }
      continue;
    }
    files++;
    bytes += result.bytes;
  }
  const raw = results.flatMap((r) => r.findings);
  const ignoreFile = abs(resolved.base, resolved.config.ignoreFile);
  const ignored = readIgnoreFile(ignoreFile);
  const baseline = options.baseline
    ? readBaseline(abs(options.cwd, options.baseline))
    : undefined;
  let findings = toFindings(
    raw,
    new Map(resolved.rules.map((r) => [r.id, r])),
    { ignored, baseline },
  );
  if (options.writeBaseline) {
    writeBaseline(
      abs(options.cwd, options.writeBaseline),
      raw.map(baselineKey),
    );
    findings = findings.map((f) =>
      f.suppressed
        ? f
        : {
            ...f,
            suppressed: {
              kind: 'baseline',
              reason: 'written to the new baseline',
            },
          },
    );
  }
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  return {
    tool: 'shipshape',
    command: 'scan',
    version: VERSION,
    ok: findings.every((f) => f.suppressed),
    findings,
    stats: {
      files,
      bytes,
      skipped,
      durationMs: Date.now() - ctx.started,
      rules: resolved.rules.length,
      secrets: new Set(findings.map((f) => f.properties?.secretId)).size,
      ...ctx.extra,
    },
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export { ruleDescriptors };
