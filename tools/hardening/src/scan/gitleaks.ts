import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { ShipshapeError } from '../errors.js';
import type { Severity, ScanRule } from './types.js';

export interface GitleaksImport {
  rules: ScanRule[];
  useDefault: boolean;
  disabledRules: string[];
  allowlist: {
    paths: string[];
    secrets: string[];
    lines: string[];
    stopwords: string[];
  };
}

interface TomlAllowlist {
  paths?: string[];
  regexes?: string[];
  stopwords?: string[];
  regexTarget?: 'secret' | 'match' | 'line';
  condition?: string;
  commits?: string[];
}

interface TomlRule {
  id?: string;
  description?: string;
  regex?: string;
  secretGroup?: number;
  entropy?: number;
  keywords?: string[];
  path?: string;
  tags?: string[];
  allowlist?: TomlAllowlist;
  allowlists?: TomlAllowlist[];
}

/**
 * Loads a gitleaks config: rules, global and per-rule allowlists and
 * `[extend] useDefault` (our built-ins stand in for gitleaks' defaults).
 * Go (RE2) syntax is translated; what JavaScript cannot express is an error
 * naming the rule.
 */
export function loadGitleaksConfig(file: string): GitleaksImport {
  let doc: Record<string, unknown>;
  try {
    doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new ShipshapeError(
      'BAD_CONFIG',
      `${file}: not valid TOML (${(cause as Error).message.split('\n')[0]}); fix the syntax.`,
      { cause },
    );
  }
  const extend = (doc.extend ?? {}) as {
    useDefault?: boolean;
    disabledRules?: string[];
    path?: string;
  };
  if (extend.path) {
    throw new ShipshapeError(
      'UNSUPPORTED',
      `${file}: [extend] path is not supported; merge that file's rules into this one.`,
    );
  }
  const globals = [
    doc.allowlist,
    ...((doc.allowlists as unknown[]) ?? []),
  ].filter(Boolean) as TomlAllowlist[];
  const allowlist = {
    paths: [] as string[],
    secrets: [] as string[],
    lines: [] as string[],
    stopwords: [] as string[],
  };
  for (const entry of globals) {
    const converted = convertAllow(entry, file, 'the global allowlist');
    allowlist.paths.push(...(converted.paths ?? []));
    allowlist.secrets.push(...(converted.secrets ?? []));
    allowlist.lines.push(...(converted.lines ?? []));
    allowlist.stopwords.push(...(converted.stopwords ?? []));
  }
  const rules = ((doc.rules as TomlRule[]) ?? []).map((rule, index) =>
    convertRule(rule, index, file),
  );
  return {
    rules,
    useDefault: extend.useDefault === true,
    disabledRules: extend.disabledRules ?? [],
    allowlist,
  };
}

function convertRule(rule: TomlRule, index: number, file: string): ScanRule {
  const id = rule.id ?? `rules[${index}]`;
  const where = `${file} rule ${id}`;
  if (!rule.regex) {
    throw new ShipshapeError(
      'UNSUPPORTED',
      `${where}: path-only rules (no regex) are not supported; add a regex or remove the rule.`,
    );
  }
  const { source, flags } = goRegexToJs(rule.regex, where);
  const allow = [rule.allowlist, ...(rule.allowlists ?? [])].filter(
    Boolean,
  ) as TomlAllowlist[];
  const merged = allow.map((entry) => convertAllow(entry, file, `rule ${id}`));
  return {
    id,
    description: rule.description ?? id,
    severity: severityFromTags(rule.tags),
    keywords: (rule.keywords ?? []).map((word) => word.toLowerCase()),
    pattern: source,
    flags,
    secretGroup:
      rule.secretGroup && rule.secretGroup > 0 ? rule.secretGroup : undefined,
    entropy: rule.entropy,
    allowlist: {
      // TODO(gitleaks rule.path): rules limited to some paths run on every file.
      paths: merged.flatMap((m) => m.paths ?? []),
      secrets: merged.flatMap((m) => m.secrets ?? []),
      matches: merged.flatMap((m) => m.matches ?? []),
      lines: merged.flatMap((m) => m.lines ?? []),
      stopwords: merged.flatMap((m) => m.stopwords ?? []),
    },
    source: where,
  };
}

function severityFromTags(tags: string[] | undefined): Severity {
  const known: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  return known.find((level) => tags?.includes(level)) ?? 'high';
}

function convertAllow(entry: TomlAllowlist, file: string, what: string) {
  const regexes = (entry.regexes ?? [])
    .map((re) => goRegexToJs(re, `${file} ${what}`))
    .map((re) => (re.flags ? `(?:${re.source})` : re.source));
  const target = entry.regexTarget ?? 'secret';
  // gitleaks paths are regexes; we keep them as regexes over the path.
  return {
    paths: (entry.paths ?? []).map(
      (re) => `regex:${goRegexToJs(re, `${file} ${what}`).source}`,
    ),
    secrets: target === 'secret' ? regexes : [],
    matches: target === 'match' ? regexes : [],
    lines: target === 'line' ? regexes : [],
    stopwords: entry.stopwords ?? [],
  };
}

const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
};

/** Translates RE2 syntax to a JavaScript regex source and flags. */
export function goRegexToJs(
  go: string,
  where: string,
): { source: string; flags: string } {
  let source = go;
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    if (leading[1].includes('U')) unsupported(where, 'the (?U) ungreedy flag');
    flags = leading[1];
    source = source.slice(leading[0].length);
  }
  if (/\(\?[imsU-]+\)|\(\?[imsU-]+:/.test(source)) {
    unsupported(
      where,
      'an inline flag group such as (?i) in the middle of the pattern',
    );
  }
  if (/\\[QE]/.test(source)) unsupported(where, '\\Q...\\E quoting');
  if (/\\C/.test(source)) unsupported(where, '\\C (any byte)');
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^(?<![\\s\\S])')
    .replace(/\[:(\^?)([a-z]+):\]/g, (_, negate: string, name: string) => {
      const cls = POSIX[name];
      if (!cls) unsupported(where, `the POSIX class [:${name}:]`);
      if (negate) unsupported(where, `the negated POSIX class [:^${name}:]`);
      return cls;
    });
  if (/\\[pP]\{/.test(source)) flags += 'u';
  try {
    new RegExp(source, `${flags}gd`);
  } catch (cause) {
    throw new ShipshapeError(
      'UNSUPPORTED',
      `${where}: the regex cannot run in JavaScript (${(cause as Error).message}); rewrite that rule's regex.`,
    );
  }
  return { source, flags };
}

function unsupported(where: string, feature: string): never {
  throw new ShipshapeError(
    'UNSUPPORTED',
    `${where}: uses ${feature}, which JavaScript regexes cannot express; rewrite that rule's regex.`,
  );
}
