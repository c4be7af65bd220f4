import picomatch from 'picomatch';
import { z } from 'zod';
import { loadConfigSection } from '../config/load.js';
import type { ArtifactClass } from './classify.js';
import { parseSize } from './size.js';

const CLASS_NAMES = [
  'secret',
  'dependency',
  'build',
  'cache',
  'test-report',
  'archive',
  'log',
  'large-binary',
  'ignored',
  'ignore-gap',
] as const;

const allowEntry = z.union([
  z.string().min(1),
  z.strictObject({
    path: z.string().min(1),
    reason: z.string().min(1).optional(),
    classes: z.array(z.enum(CLASS_NAMES)).min(1).optional(),
  }),
]);

/** The `hygiene` section of shipshape.config.json. */
export const hygieneConfigSchema = z.strictObject({
  maxSize: z
    .union([z.string(), z.number()])
    .refine((value) => parseSize(value) !== undefined, {
      message: 'use a size such as 500KB, 1MB or 2MiB',
    })
    .optional(),
  allow: z.array(allowEntry).default([]),
});

export type AllowClass = ArtifactClass | 'ignore-gap';

/** One allowlist entry, compiled. */
export interface AllowRule {
  path: string;
  reason: string;
  classes?: readonly AllowClass[];
  matches: (path: string) => boolean;
}

export interface HygieneConfig {
  maxSize?: number;
  allow: AllowRule[];
  file?: string;
}

export function loadHygieneConfig(root: string, file?: string): HygieneConfig {
  const { value, file: source } = loadConfigSection(
    'hygiene',
    hygieneConfigSchema,
    {
      root,
      file,
    },
  );
  return {
    maxSize: value.maxSize === undefined ? undefined : parseSize(value.maxSize),
    allow: value.allow.map(compileAllow),
    file: source,
  };
}

/**
 * A glob over repository paths (picomatch, dotfiles included). A folder
 * artifact such as `apps/web/public/` matches `apps/web/public/**` too.
 */
export function compileAllow(entry: z.infer<typeof allowEntry>): AllowRule {
  const spec = typeof entry === 'string' ? { path: entry } : entry;
  const glob = spec.path.replace(/^\.\//, '');
  const match = picomatch(glob, { dot: true });
  return {
    path: spec.path,
    reason: spec.reason ?? 'allowlisted',
    classes: spec.classes,
    matches: (path) => match(path) || match(path.replace(/\/$/, '')),
  };
}

/** The first entry that keeps this artifact, if any. */
export function findAllow(
  rules: readonly AllowRule[],
  path: string,
  cls: AllowClass,
): AllowRule | undefined {
  return rules.find(
    (rule) =>
      (!rule.classes || rule.classes.includes(cls)) && rule.matches(path),
  );
}
