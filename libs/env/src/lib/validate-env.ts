import type { z } from 'zod';

export interface EnvIssue {
  variable: string;
  problem: string;
}

export type EnvResult<T> =
  | { ok: true; value: T }
  | { ok: false; issues: EnvIssue[] };

/**
 * Validates a source of variables against a zod schema and reports every
 * problem at once, by name, never with the value.
 * TODO(issue 7): empty strings as missing, client/server split, secret shapes.
 */
export function validateEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: Record<string, string | undefined>,
): EnvResult<z.output<Schema>> {
  const parsed = schema.safeParse(source, { reportInput: false });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      variable: issue.path.join('.') || '(root)',
      problem: issue.code === 'invalid_type' ? 'is missing or has the wrong type' : issue.code,
    })),
  };
}
