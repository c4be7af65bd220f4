import type { Result } from 'sarif';
import {
  SarifBuilder,
  SarifResultBuilder,
  SarifRuleBuilder,
  SarifRunBuilder,
} from 'node-sarif-builder';
import type { Finding, Report, RuleDescriptor, Severity } from './model.js';

const LEVELS: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning sorts alerts by this 0-10 score.
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/**
 * SARIF 2.1.0 that GitHub code scanning accepts: one run, rules declared
 * once, results carrying the finding's fingerprint so alerts stay stable.
 */
export function formatSarif(
  report: Report,
  rules: readonly RuleDescriptor[] = [],
): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: 'shipshape',
    toolDriverVersion: report.version,
    url: 'https://github.com/shipshape/shipshape',
  });
  run.run.automationDetails = { id: `shipshape/${report.command}/` };
  if (report.runProperties) run.run.properties = { ...report.runProperties };

  for (const rule of collectRules(report.findings, rules)) {
    const ruleBuilder = new SarifRuleBuilder().initSimple({
      ruleId: rule.id,
      shortDescriptionText: rule.name ?? rule.id,
      fullDescriptionText: rule.description,
      helpUri: rule.helpUri,
    });
    if (rule.severity) {
      ruleBuilder.rule.properties = {
        'security-severity': SECURITY_SEVERITY[rule.severity],
        tags: ['security', report.command],
      };
    }
    run.addRule(ruleBuilder);
  }

  for (const finding of report.findings) {
    run.addResult(toResult(finding));
  }

  builder.addRun(run);
  return `${builder.buildSarifJsonString({ indent: true })}\n`;
}

function toResult(finding: Finding): SarifResultBuilder {
  const { location } = finding;
  const result = new SarifResultBuilder().initSimple({
    level: LEVELS[finding.severity],
    messageText: finding.message,
    ruleId: finding.ruleId,
    fileUri: location.file,
    startLine: location.line ?? 1,
    startColumn: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
  });
  result.result.partialFingerprints = {
    'shipshape/v1': finding.fingerprint,
  };
  if (finding.suppressed) {
    result.result.suppressions = [
      {
        kind: 'external',
        justification: `${finding.suppressed.kind}: ${finding.suppressed.reason}`,
      },
    ];
  }
  if (location.commit) {
    result.result.properties = { commit: location.commit };
  }
  return result;
}

function collectRules(
  findings: readonly Finding[],
  declared: readonly RuleDescriptor[],
): RuleDescriptor[] {
  const byId = new Map(declared.map((rule) => [rule.id, rule]));
  for (const finding of findings) {
    if (!byId.has(finding.ruleId)) {
      byId.set(finding.ruleId, {
        id: finding.ruleId,
        description: finding.ruleId,
        severity: finding.severity,
      });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
