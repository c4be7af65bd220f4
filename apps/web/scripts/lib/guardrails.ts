import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const impact = z.enum(['minor', 'moderate', 'serious', 'critical']);

/** apps/web/guardrails.json: what the a11y and budget targets enforce. */
export const guardrailsSchema = z.object({
  $comment: z.string().optional(),
  a11y: z
    .object({
      routes: z.array(z.string().startsWith('/')).min(1).default(['/']),
      failOn: impact.default('serious'),
    })
    .strict()
    .default({ routes: ['/'], failOn: 'serious' }),
  budget: z
    .object({
      compression: z.enum(['gzip', 'brotli', 'none']).default('gzip'),
      defaultKb: z.number().positive(),
      routes: z
        .record(z.string().startsWith('/'), z.number().positive())
        .default({}),
    })
    .strict(),
});

export type Guardrails = z.output<typeof guardrailsSchema>;

export function loadGuardrails(root: string): Guardrails {
  const file = join(root, 'guardrails.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${file}: cannot read it as JSON (${(error as Error).message}); fix the file.`,
    );
  }
  const parsed = guardrailsSchema.safeParse(raw, { reportInput: false });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.')}: ${issue.message}`,
  );
  throw new Error(`${file}: ${problems.join('; ')}. Fix these keys.`);
}
