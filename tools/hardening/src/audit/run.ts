import type { Logger } from '@shipshape/logger';
import { relative, resolve, sep } from 'node:path';
import { ShipshapeError } from '../errors.js';
import type { Report, Severity, Warning } from '../report/index.js';
import { DEFAULT_HTTP, type HttpOptions } from './advisories/http.js';
import { SourceError, type Provenance } from './advisories/model.js';
import { createSource, resolveSourceSpec } from './advisories/resolve.js';
import { cacheDir, snapshotAgeDays } from './advisories/snapshot.js';
import { computeClosure, linkedImporters } from './graph/closure.js';
import { LockfileError } from './lockfile/errors.js';
import { findLockfile, readLockfile } from './lockfile/detect.js';
import { locatePackages } from './lockfile/locate.js';
import { matchAdvisories, queriesFor } from './match.js';
import type { DependencyGraph } from './model.js';
import {
  loadAuditConfig,
  toSeverity,
  type AuditConfig,
} from './policy/config.js';
import { applyPolicy } from './policy/evaluate.js';
import { displayed, reportBase, show, unknown } from './report/build.js';
import { projectSummaries } from './report/summary.js';

export interface AuditOptions {
  root: string;
  lockfile?: string;
  advisories?: string;
  level?: Severity | 'moderate';
  prod?: boolean;
  /** Importer folder (workspace-relative) whose closure to audit; all when unset. */
  project?: string;
  config?: string;
  now?: Date;
  http?: Partial<HttpOptions>;
  logger?: Logger;
}

export type Verdict = 'pass' | 'findings' | 'unknown';

export interface AuditResult {
  report: Report;
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
}

export const HOW_TO_SUPPLY =
  'supply advisories with --advisories PATH|URL (a folder of OSV JSON records, an OSV npm zip, ' +
  'or an npm bulk advisory endpoint), or download a snapshot with `shipshape advisories sync` (`--url URL` for a mirror)';

/**
 * collect (lockfile -> closure) -> advisories -> policy -> report. Any
 * failure to read the lockfile or the advisories ends as verdict unknown.
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const result = await audit(options);
  const { report } = result;
  report.runProperties = {
    verdict: result.verdict,
    advisories: report.advisories,
    lockfile: report.lockfile,
    scope: report.scope,
  };
  return result;
}

async function audit(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const root = resolve(options.root);
  const { config, file: configFile } = loadAuditConfig(root, options.config);
  const level = toSeverity(options.level ?? config.level);
  const http = httpOptions(config, options);
  const cache = cacheDir(root, config.cacheDir);
  const spec = resolveSourceSpec(
    options.advisories ?? config.advisories,
    root,
    cache,
    options.advisories ? '--advisories' : 'audit.advisories',
  );
  const base = reportBase(root, now, started);

  const lockfile = options.lockfile
    ? resolve(root, options.lockfile)
    : findLockfile(root);
  if (!lockfile) {
    return unknown(
      base(),
      `no lockfile in ${root}`,
      'run the package manager install, or pass --lockfile FILE',
    );
  }
  let graph: DependencyGraph;
  try {
    graph = await readLockfile(lockfile);
  } catch (error) {
    if (!(error instanceof LockfileError)) throw error;
    return unknown(
      base(),
      `the lockfile could not be read: ${show(root, error.file)}: ${error.reason}`,
      'fix or regenerate the lockfile',
    );
  }
  for (const note of graph.notes)
    options.logger?.debug({ note }, 'lockfile note');

  const roots = scopeRoots(graph, options.project, root, lockfile);
  const closure = computeClosure(graph, { roots, prodOnly: options.prod });
  const scope = {
    projects: roots,
    includes: options.project ? linkedImporters(graph, roots[0]) : roots,
    prodOnly: options.prod === true,
  };
  const lockInfo = {
    file: show(root, lockfile),
    format: graph.format,
    formatVersion: graph.formatVersion,
    packages: closure.size,
  };

  if (spec.kind === 'none') {
    return unknown(
      base({ lockfile: lockInfo, scope }),
      'no advisory source is configured and no snapshot has been synced',
      HOW_TO_SUPPLY,
    );
  }

  const source = createSource(spec, http);
  const queries = queriesFor(closure.values());
  let advisories;
  try {
    advisories = await source.lookup(queries);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const what = error.empty
      ? 'the advisory source holds no usable advisories'
      : 'the advisory source could not be read';
    return unknown(
      base({
        lockfile: lockInfo,
        scope,
        advisories: displayed(root, source.provenance()),
      }),
      `${what}: ${show(root, error.location)}: ${error.reason}`,
      HOW_TO_SUPPLY,
    );
  }
  const provenance = displayed(root, source.provenance());
  const warnings = sourceWarnings(spec, provenance, config, now);

  const matches = matchAdvisories(closure.values(), advisories);
  const outcome = applyPolicy(matches, {
    level,
    gateDev: config.gateDev,
    allowlist: config.allowlist,
    today: now.toISOString().slice(0, 10),
    lockfile: lockInfo.file,
    configFile: configFile ? show(root, configFile) : 'shipshape.config.json',
    lines:
      matches.length > 0 ? locatePackages(lockfile, graph.format) : undefined,
  });
  const gating = outcome.findings.filter((finding) => !finding.suppressed);
  const verdict: Verdict = gating.length > 0 ? 'findings' : 'pass';
  const report = base({ lockfile: lockInfo, scope, advisories: provenance });
  report.ok = verdict === 'pass';
  report.verdict = verdict;
  report.level = level;
  report.findings = outcome.findings;
  report.warnings = [...warnings, ...outcome.warnings];
  report.summary = projectSummaries(roots, closure, outcome.findings);
  return { report, verdict, exitCode: verdict === 'pass' ? 0 : 1 };
}

function scopeRoots(
  graph: DependencyGraph,
  project: string | undefined,
  root: string,
  lockfile: string,
): string[] {
  const all = [...graph.importers.keys()].sort();
  if (project === undefined) return all;
  const lockDir = resolve(lockfile, '..');
  const id =
    relative(lockDir, resolve(root, project)).split(sep).join('/') || '.';
  if (!graph.importers.has(id)) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--project ${project}: ${show(root, lockfile)} has no importer "${id}"; pass a workspace package folder (one of: ${all.join(', ')}).`,
    );
  }
  return [id];
}

function sourceWarnings(
  spec: ReturnType<typeof resolveSourceSpec>,
  provenance: Provenance,
  config: AuditConfig,
  now: Date,
): Warning[] {
  const warnings: Warning[] = [];
  if (spec.kind === 'osv-snapshot') {
    const age = snapshotAgeDays(spec.meta, now);
    if (age > config.maxSnapshotAgeDays) {
      warnings.push({
        code: 'AUDIT_SNAPSHOT_STALE',
        message: `the advisory snapshot is ${age} days old (limit ${config.maxSnapshotAgeDays}, audit.maxSnapshotAgeDays); run \`shipshape advisories sync\` to refresh it.`,
      });
    }
  }
  const malformed = provenance.skipped?.malformed ?? 0;
  if (malformed > 0) {
    warnings.push({
      code: 'AUDIT_RECORDS_MALFORMED',
      message: `${malformed} advisory records could not be parsed and were skipped; check the advisory source.`,
    });
  }
  return warnings;
}

function httpOptions(config: AuditConfig, options: AuditOptions): HttpOptions {
  return {
    ...DEFAULT_HTTP,
    retries: config.retries,
    timeoutMs: config.timeoutMs,
    ...options.http,
    onRetry: (attempt, reason, delayMs) =>
      options.logger?.debug(
        { attempt, reason, delayMs },
        'advisory source failed; retrying',
      ),
  };
}
