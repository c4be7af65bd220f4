// Templates and stand-ins that people commit on purpose: `${VAR}`, `{{ x }}`,
// `<your-key>`, `[YOUR-PASSWORD]`, `xxxx`, `changeme`, `****`.
const TEMPLATE =
  /\$\{[^}]*\}?|\{\{|\}\}|%\([a-z_]+\)s|^\$[A-Z_][A-Z0-9_]*$|^<[^>]*>?$|<[a-z_-]+>|\[[A-Z_ -]+\]/i;
const REPEATED = /(.)\1{5,}|x{4,}|\*{3,}|\.{3}|0{8,}/i;
const WORDS = [
  'changeme',
  'change_me',
  'change-me',
  'your_',
  'your-',
  'yourkey',
  'placeholder',
  'example',
  'dummy',
  'redacted',
  'replace_me',
  'replace-me',
  'insert',
  'sample',
  'notreal',
  'not_real',
  'not-a-real',
  'fake',
  'todo',
  'secret_here',
  'password123',
  // The local Supabase stack's published JWT secret.
  'super-secret-jwt-token-with-at-least-32-characters-long',
];

/** True when the value is a template, a placeholder or an obvious stand-in. */
export function isPlaceholder(value: string): boolean {
  if (TEMPLATE.test(value) || REPEATED.test(value)) return true;
  const lower = value.toLowerCase();
  if (WORDS.some((word) => lower.includes(word))) return true;
  return /^(?:null|none|nil|undefined|true|false|empty|secret|password|token)$/i.test(
    value,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

// Values that name a secret rather than hold one: env lookups, calls,
// property paths and identifiers.
const CODE_REFERENCE =
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|^[.*#/]|^(?:process\.env|import\.meta|env\.|os\.environ|getenv|secrets\.|vars\.|ctx\.|this\.|req\.|config\.)|\(|\)$|^[a-z]+(?:[A-Z][a-z0-9]+)+$|^[a-z_]+\.[a-z_.]+$|^[A-Z][A-Z0-9_]*$|^[a-z]+(?:[-_][a-z]+)*$|^\/|^\.\.?\//;

export function isCodeReference(value: string): boolean {
  return CODE_REFERENCE.test(value);
}
