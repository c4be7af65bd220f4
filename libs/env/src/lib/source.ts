/** Where variables come from: `process.env`, a parsed .env file, a test table. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * A copy of the source without empty or blank values, so `FOO=` counts as
 * missing and schema defaults apply. The caller's object (often
 * `process.env`) is never mutated.
 */
export function withoutEmptyValues(source: EnvSource): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') copy[name] = value;
  }
  return copy;
}

export const PUBLIC_PREFIX = 'NEXT_PUBLIC_';

export function isPublicName(name: string): boolean {
  return name.startsWith(PUBLIC_PREFIX);
}
