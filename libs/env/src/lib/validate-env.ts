import type { z } from 'zod';
import {
  isEnvDefinition,
  type EnvDefinition,
  type ServerEnv,
} from './define.js';
import { describeZodIssue, type EnvIssue } from './issues.js';
import { secretShapeIssues } from './secret-shapes.js';
import { withoutEmptyValues, type EnvSource } from './source.js';

export type { EnvIssue };

export type EnvResult<T> =
  | { ok: true; value: T }
  | { ok: false; issues: EnvIssue[] };

export interface ValidateOptions {
  /** Look for secrets in the wrong variables (default true). */
  secretShapes?: boolean;
}

type Output<S> = S extends EnvDefinition
  ? ServerEnv<S>
  : S extends z.ZodType
    ? z.output<S>
    : never;

/**
 * Validates a source of variables against a zod schema (or a whole
 * `defineEnv` definition) and reports every problem at once, by name,
 * never with the value. Empty strings count as missing; the source is not
 * modified. Secret-shape checks run over every variable in the source.
 */
export function validateEnv<Schema extends z.ZodType | EnvDefinition>(
  schema: Schema,
  source: EnvSource,
  options: ValidateOptions = {},
): EnvResult<Output<Schema>> {
  const values = withoutEmptyValues(source);
  const zodSchema: z.ZodType = isEnvDefinition(schema) ? schema.all : schema;
  const parsed = zodSchema.safeParse(values, { reportInput: false });
  const issues: EnvIssue[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = issue.path.map(String).join('.') || '(environment)';
      const present = variable in values;
      issues.push({ variable, ...describeZodIssue(issue, present) });
    }
  }
  if (options.secretShapes !== false) issues.push(...secretShapeIssues(values));
  if (issues.length > 0) return { ok: false, issues: dedupe(issues) };
  return { ok: true, value: (parsed as { data: Output<Schema> }).data };
}

// One line per variable and code; secret-shape issues come first.
function dedupe(issues: EnvIssue[]): EnvIssue[] {
  const seen = new Set<string>();
  const order = (issue: EnvIssue) =>
    issue.code === 'public_secret' || issue.code === 'anon_key_role' ? 0 : 1;
  return [...issues]
    .sort((a, b) => order(a) - order(b))
    .filter((issue) => {
      const key = `${issue.variable}\u0000${issue.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
