import { z } from 'zod';
import { loadConfigSection } from '../../config/load.js';
import { SEVERITIES, type Severity } from '../../report/index.js';

/** `moderate` is npm's and GitHub's word for medium. */
export const LEVELS = [...SEVERITIES, 'moderate'] as const;

export function toSeverity(level: (typeof LEVELS)[number]): Severity {
  return level === 'moderate' ? 'medium' : level;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD')
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)),
    'not a real date',
  );

const allowEntry = z
  .object({
    id: z.string().min(1, 'name the advisory (GHSA-..., CVE-... or OSV id)'),
    reason: z.string().trim().min(1, 'say why this advisory is accepted'),
    expires: isoDate,
    package: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
  })
  .strict();

export const auditConfigSchema = z
  .object({
    level: z.enum(LEVELS).default('low'),
    /** Default advisory source: a folder, a zip, or a URL. */
    advisories: z.string().min(1).optional(),
    /** Where `advisories sync` keeps the OSV snapshot (workspace-relative). */
    cacheDir: z.string().min(1).optional(),
    /** Download URL for `advisories sync`. */
    syncUrl: z.url().optional(),
    /** A snapshot older than this many days draws a warning. */
    maxSnapshotAgeDays: z.number().int().positive().default(7),
    /** Dev dependency findings fail the run too (default: reported only). */
    gateDev: z.boolean().default(false),
    timeoutMs: z.number().int().positive().default(30_000),
    retries: z.number().int().min(0).max(10).default(3),
    allowlist: z.array(allowEntry).default([]),
  })
  .strict();

export type AuditConfig = z.output<typeof auditConfigSchema>;
export type AllowEntry = z.output<typeof allowEntry>;

export function loadAuditConfig(
  root: string,
  file?: string,
): { config: AuditConfig; file?: string } {
  const loaded = loadConfigSection('audit', auditConfigSchema, { root, file });
  return { config: loaded.value, file: loaded.file };
}
