import { createHash } from 'node:crypto';
import {
  severityRank,
  type Finding,
  type Severity,
  type Warning,
} from '../../report/index.js';
import { classifyFix } from '../fix.js';
import type { Match } from '../match.js';
import type { AllowEntry } from './config.js';

export interface PolicyOptions {
  level: Severity;
  gateDev: boolean;
  allowlist: readonly AllowEntry[];
  /** Today as YYYY-MM-DD (UTC); entries expiring before it have expired. */
  today: string;
  /** Lockfile path as shown in findings. */
  lockfile: string;
  /** Config file as shown in allowlist findings. */
  configFile: string;
  /** Lockfile line of each `name@version`, when known. */
  lines?: ReadonlyMap<string, number>;
}

export interface PolicyOutcome {
  findings: Finding[];
  warnings: Warning[];
}

export const RULE_VULNERABLE = 'audit/vulnerable-dependency';
export const RULE_ALLOWLIST_EXPIRED = 'audit/allowlist-expired';

/**
 * Applies the policy: every match becomes a finding; below-level, dev-only
 * and allowlisted ones are kept but marked suppressed. Expired allowlist
 * entries fail on their own; unused ones warn.
 */
export function applyPolicy(
  matches: readonly Match[],
  options: PolicyOptions,
): PolicyOutcome {
  const used = new Set<AllowEntry>();
  const findings = matches.map((match) => {
    const finding = toFinding(match, options.lockfile, options.lines);
    const entry = options.allowlist.find((candidate) =>
      allows(candidate, match),
    );
    if (entry) used.add(entry);
    finding.suppressed = suppression(match, finding, entry, options);
    return finding;
  });

  const warnings: Warning[] = [];
  for (const entry of options.allowlist) {
    if (entry.expires < options.today) {
      findings.push(expiredFinding(entry, used.has(entry), options.configFile));
    } else if (!used.has(entry)) {
      warnings.push({
        code: 'AUDIT_ALLOWLIST_UNUSED',
        message: `${options.configFile}: allowlist entry ${entry.id} matches nothing in this scope; remove it if the advisory is gone.`,
      });
    }
  }
  return { findings, warnings };
}

function suppression(
  match: Match,
  finding: Finding,
  entry: AllowEntry | undefined,
  options: PolicyOptions,
): Finding['suppressed'] {
  if (entry && entry.expires >= options.today) {
    return {
      kind: 'allowlist',
      reason: `${entry.reason} (until ${entry.expires})`,
    };
  }
  if (severityRank(finding.severity) < severityRank(options.level)) {
    return { kind: 'below-level', reason: `below --level ${options.level}` };
  }
  const prod = match.pkg.reaches.some((reach) => reach.prod);
  if (!prod && !options.gateDev) {
    return { kind: 'dev', reason: 'dev dependency: reported, not gating' };
  }
  return undefined;
}

function allows(entry: AllowEntry, match: Match): boolean {
  const ids = [match.advisory.id, ...match.advisory.aliases].map((id) =>
    id.toUpperCase(),
  );
  if (!ids.includes(entry.id.toUpperCase())) return false;
  const { name, version } = match.pkg;
  if (
    entry.package &&
    entry.package !== name &&
    entry.package !== `${name}@${version}`
  ) {
    return false;
  }
  if (!entry.path) return true;
  const wanted = entry.path.split('>').map((part) => part.trim());
  return match.pkg.reaches.some((reach) => {
    const hops = reach.path.map(hopName);
    return wanted.every((part, index) => hops[index] === part);
  });
}

/** `pad (left-pad@1.3.0)` -> `pad`; `ms@2.0.0` -> `ms`. */
export function hopName(hop: string): string {
  const space = hop.indexOf(' (');
  if (space !== -1) return hop.slice(0, space);
  const at = hop.lastIndexOf('@');
  return at > 0 ? hop.slice(0, at) : hop;
}

function toFinding(
  match: Match,
  lockfile: string,
  lines: ReadonlyMap<string, number> | undefined,
): Finding {
  const { pkg, advisory } = match;
  const reach = pkg.reaches[0];
  const fix = classifyFix(pkg.version, advisory.fixedVersion, reach?.range);
  const prod = pkg.reaches.some((item) => item.prod);
  const ids = [advisory.id, ...advisory.aliases].join(', ');
  return {
    ruleId: RULE_VULNERABLE,
    severity: advisory.severity,
    message: `${pkg.name}@${pkg.version}: ${advisory.summary} (${ids})`,
    location: { file: lockfile, line: lines?.get(pkg.key) },
    fingerprint: fingerprint(`${advisory.id}|${pkg.name}|${pkg.version}`),
    properties: {
      advisory: {
        id: advisory.id,
        aliases: advisory.aliases,
        summary: advisory.summary,
        url: advisory.url,
        severitySource: advisory.severitySource,
      },
      package: pkg.name,
      version: pkg.version,
      dependencyType: prod ? 'prod' : 'dev',
      optional: pkg.reaches.every((item) => item.optionalOnly),
      importers: [...new Set(pkg.reaches.map((item) => item.importer))].sort(),
      paths: pkg.reaches.map((item) => item.path),
      fix,
    },
  };
}

function expiredFinding(
  entry: AllowEntry,
  matched: boolean,
  configFile: string,
): Finding {
  const still = matched
    ? 'the advisory still applies'
    : 'it no longer matches anything';
  return {
    ruleId: RULE_ALLOWLIST_EXPIRED,
    severity: 'high',
    message: `allowlist entry ${entry.id} expired on ${entry.expires} (${still}); fix the dependency or renew the entry with a new reason and date`,
    location: { file: configFile },
    fingerprint: fingerprint(
      `allowlist|${entry.id}|${entry.package ?? ''}|${entry.path ?? ''}`,
    ),
    properties: { allowlist: entry, matched },
  };
}

function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}
