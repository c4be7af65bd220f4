import type { z } from 'zod';

export type EnvIssueCode =
  | 'missing'
  | 'invalid'
  | 'public_secret'
  | 'anon_key_role'
  | 'not_public';

/** One problem with one variable. Never carries the variable's value. */
export interface EnvIssue {
  variable: string;
  code: EnvIssueCode;
  /** What is wrong and, where it helps, what to do; no value. */
  problem: string;
}

/**
 * zod's own wording, rebuilt from the issue's structure so no input can
 * slip in: the allowed options of an enum are schema, the value is not.
 */
export function describeZodIssue(
  issue: z.core.$ZodIssue,
  present: boolean,
): Pick<EnvIssue, 'code' | 'problem'> {
  if (
    !present &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value')
  ) {
    return { code: 'missing', problem: 'is missing (unset or empty)' };
  }
  return { code: 'invalid', problem: invalidProblem(issue) };
}

function invalidProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be a ${issue.expected === 'number' ? 'number' : issue.expected}`;
    case 'invalid_value':
      return issue.values.length <= 12
        ? `must be one of: ${issue.values.map(String).join(', ')}`
        : 'is not one of the allowed values';
    case 'invalid_format':
      return issue.format === 'regex'
        ? 'does not match the expected pattern'
        : `must be a valid ${issue.format}`;
    case 'too_small':
      return `must be ${bound(issue.origin, 'at least', issue.minimum, issue.inclusive)}`;
    case 'too_big':
      return `must be ${bound(issue.origin, 'at most', issue.maximum, issue.inclusive)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      // Custom refinements: the schema author's message.
      return issue.message || 'is invalid';
  }
}

function bound(
  origin: string,
  word: string,
  limit: unknown,
  inclusive?: boolean,
): string {
  const strict =
    inclusive === false
      ? word === 'at least'
        ? 'more than'
        : 'less than'
      : word;
  const unit =
    origin === 'string' ? ' characters' : origin === 'array' ? ' items' : '';
  return `${strict} ${String(limit)}${unit}`;
}

/** One line per issue, ready for a terminal or a thrown error. */
export function formatEnvIssues(issues: readonly EnvIssue[]): string {
  return issues
    .map((issue) => `  - ${issue.variable} ${issue.problem}`)
    .join('\n');
}

/** Thrown by createEnv; its message lists every issue, never a value. */
export class EnvValidationError extends Error {
  override readonly name = 'EnvValidationError';

  constructor(readonly issues: readonly EnvIssue[]) {
    const noun = issues.length === 1 ? 'variable' : 'variables';
    super(
      `Invalid environment: ${issues.length} ${noun} to fix.\n${formatEnvIssues(issues)}`,
    );
  }
}
