import { validateEnv, type EnvIssue } from '@shipshape/env';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * What the server side of the app reads. Only NEXT_PUBLIC_* names may reach
 * the browser; DATABASE_URL and the knobs below stay on the server.
 */
export const serverEnvSchema = z.object({
  NEXT_PUBLIC_SUPABASE_URL: z.url({ protocol: /^https?$/ }),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z
    .string()
    .min(20)
    .refine(isPublicKey, 'must be the anon or publishable key, not a secret key'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  SUPABASE_HEALTH_TABLE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/)
    .optional(),
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type ServerEnv = z.output<typeof serverEnvSchema>;

export type LoadedEnv =
  | { ok: true; env: ServerEnv }
  | { ok: false; issues: EnvIssue[] };

const NAMES = Object.keys(serverEnvSchema.shape) as Array<keyof ServerEnv>;

/**
 * Validates the server env without touching process.env: only the names the
 * schema knows are copied, and empty strings count as missing.
 */
export function loadServerEnv(
  source: Record<string, string | undefined> = process.env,
): LoadedEnv {
  const picked: Record<string, string | undefined> = {};
  for (const name of NAMES) {
    const value = source[name];
    picked[name] = value === '' ? undefined : value;
  }
  const result = validateEnv(serverEnvSchema, picked);
  return result.ok ? { ok: true, env: result.value } : { ok: false, issues: result.issues };
}

// A service-role JWT or an sb_secret_ key in a NEXT_PUBLIC_ variable would
// ship to every browser: refuse it even though the server could use it.
function isPublicKey(value: string): boolean {
  if (value.startsWith('sb_secret_')) return false;
  const parts = value.split('.');
  if (parts.length !== 3) return true;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload?.role === undefined || payload.role === 'anon';
  } catch {
    return true;
  }
}
