import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { BUILTIN_RULES } from '@shipshape/secrets';
import { z } from 'zod';
import { findConfigFile, loadConfigSection } from '../config/load.js';
import { ShipshapeError } from '../errors.js';
import { loadGitleaksConfig } from './gitleaks.js';
import type { ScanRule } from './types.js';

/** Files above this size are listed as skipped unless scan.maxFileSize says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 25 * 1024 * 1024;

const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);

const allowlist = z
  .object({
    paths: z
      .array(z.string())
      .default([])
      .describe('globs of files never scanned'),
    secrets: z
      .array(z.string())
      .default([])
      .describe('regexes: matching secrets are ignored'),
    lines: z
      .array(z.string())
      .default([])
      .describe('regexes: matches on such lines are ignored'),
    stopwords: z
      .array(z.string())
      .default([])
      .describe('secrets containing one are ignored'),
  })
  .strict();

const customRule = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'use lower-case letters, digits and dashes',
      ),
    description: z.string().min(1),
    severity: severity.default('high'),
    keywords: z.array(z.string().min(2)).default([]),
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'only i, m, s and u are allowed')
      .optional(),
    entropy: z.number().min(0).max(8).optional(),
    allowlist: allowlist.partial().optional(),
  })
  .strict();

/** The `scan` section of shipshape.config.{json,yaml}. */
export const scanConfigSchema = z
  .object({
    allowlist: allowlist.default({
      paths: [],
      secrets: [],
      lines: [],
      stopwords: [],
    }),
    rules: z.array(customRule).default([]),
    disableRules: z.array(z.string()).default([]),
    severity: z.record(z.string(), severity).default({}),
    ignoreFile: z.string().default('.shipshapeignore'),
    gitleaksConfig: z.string().optional(),
    exclude: z.array(z.string()).default([]),
    maxFileSize: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_MAX_FILE_SIZE)
      .describe('files larger than this many bytes are skipped (listed)'),
    workers: z.number().int().min(0).max(64).optional(),
  })
  .strict();

export type ScanConfig = z.output<typeof scanConfigSchema>;

export interface ResolvedConfig {
  config: ScanConfig;
  rules: ScanRule[];
  /** Folder the config's relative paths start from. */
  base: string;
  file?: string;
}

/**
 * Reads the scan config (from --config, the root, or the git top level) and
 * assembles the rule list: built-ins (unless a .gitleaks.toml without
 * `[extend] useDefault` replaces them), custom rules, overrides.
 */
export function resolveConfig(
  root: string,
  explicit: string | undefined,
  gitTop?: string,
): ResolvedConfig {
  const file = explicit
    ? resolve(explicit)
    : (findConfigFile(root) ?? (gitTop ? findConfigFile(gitTop) : undefined));
  if (explicit && !existsSync(file!)) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--config ${explicit}: no such file; pass the path of a shipshape.config.json.`,
    );
  }
  const { value } = loadConfigSection('scan', scanConfigSchema, { root, file });
  const base = file ? dirname(file) : root;
  const gitleaksFile = value.gitleaksConfig
    ? isAbsolute(value.gitleaksConfig)
      ? value.gitleaksConfig
      : join(base, value.gitleaksConfig)
    : [join(root, '.gitleaks.toml'), join(base, '.gitleaks.toml')].find(
        (candidate) => existsSync(candidate),
      );
  let rules: ScanRule[] = BUILTIN_RULES.map((rule) => ({
    ...rule,
    source: 'built-in rules',
  }));
  if (gitleaksFile) {
    const gitleaks = loadGitleaksConfig(gitleaksFile);
    rules = gitleaks.useDefault
      ? [...rules, ...gitleaks.rules]
      : gitleaks.rules;
    rules = rules.filter((rule) => !gitleaks.disabledRules.includes(rule.id));
    value.allowlist = mergeAllow(value.allowlist, gitleaks.allowlist);
  }
  const where = file ?? 'shipshape.config.json';
  rules = [
    ...rules,
    ...value.rules.map((rule) => ({
      ...rule,
      source: `${where} scan.rules[${rule.id}]`,
    })),
  ];
  checkIds(rules, value, where);
  rules = rules
    .filter((rule) => !value.disableRules.includes(rule.id))
    .map((rule) =>
      value.severity[rule.id]
        ? { ...rule, severity: value.severity[rule.id] }
        : rule,
    )
    .map((rule) => withGlobalAllow(rule, value.allowlist));
  return { config: value, rules, base, file };
}

function mergeAllow(
  a: ScanConfig['allowlist'],
  b: Partial<ScanConfig['allowlist']>,
): ScanConfig['allowlist'] {
  return {
    paths: [...a.paths, ...(b.paths ?? [])],
    secrets: [...a.secrets, ...(b.secrets ?? [])],
    lines: [...a.lines, ...(b.lines ?? [])],
    stopwords: [...a.stopwords, ...(b.stopwords ?? [])],
  };
}

function withGlobalAllow(
  rule: ScanRule,
  allow: ScanConfig['allowlist'],
): ScanRule {
  if (!allow.secrets.length && !allow.lines.length && !allow.stopwords.length)
    return rule;
  const own = rule.allowlist ?? {};
  return {
    ...rule,
    allowlist: {
      ...own,
      secrets: [...(own.secrets ?? []), ...allow.secrets],
      lines: [...(own.lines ?? []), ...allow.lines],
      stopwords: [...(own.stopwords ?? []), ...allow.stopwords],
    },
  };
}

function checkIds(
  rules: readonly ScanRule[],
  config: ScanConfig,
  where: string,
): void {
  const ids = new Set(rules.map((rule) => rule.id));
  const unknown = [
    ...config.disableRules,
    ...Object.keys(config.severity),
  ].filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new ShipshapeError(
      'BAD_CONFIG',
      `${where}: scan.disableRules/scan.severity name unknown rules (${[...new Set(unknown)].join(', ')}); use rule ids listed in docs/scan.md or your own rules.`,
    );
  }
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) {
      throw new ShipshapeError(
        'BAD_CONFIG',
        `${rule.source}: rule id ${rule.id} is already used; give the rule another id.`,
      );
    }
    seen.add(rule.id);
  }
}
