import {
  validateEnv,
  type EnvIssue,
  type ServerEnv as Resolved,
} from '@shipshape/env';
import envDefinition from '../env.schema';

export type ServerEnv = Resolved<typeof envDefinition>;

export type LoadedEnv =
  | { ok: true; env: ServerEnv }
  | { ok: false; issues: EnvIssue[] };

/**
 * Validates the whole server env (both halves) without touching
 * process.env; @shipshape/env also refuses secrets in NEXT_PUBLIC_* names
 * and privileged keys in the anon slot. Issues carry names, never values.
 */
export function loadServerEnv(
  source: Record<string, string | undefined> = process.env,
): LoadedEnv {
  const result = validateEnv(envDefinition, source);
  return result.ok
    ? { ok: true, env: result.value }
    : { ok: false, issues: result.issues };
}
