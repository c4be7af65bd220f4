/** Small text helpers shared by the catalog reader and the schema writer. */

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Whitespace runs collapsed: layout is not drift, only tokens are.
 * TODO(string literals): runs inside quoted literals collapse too, so a body
 * differing only in a literal's inner spacing reads as in sync.
 */
export function squash(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();
  return text;
}

/** Drops the ";" pg_get_viewdef ends with. */
export function withoutSemicolon(sql: string): string {
  return sql.trim().replace(/;$/, '');
}

export function list(
  values: readonly string[] | null | undefined,
): string | null {
  if (!values || values.length === 0) return null;
  return values.join(', ');
}

/** Postgres arrays come back as JS arrays from both drivers; text from some casts. */
export function asArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('{')) {
    const inner = value.slice(1, -1);
    if (inner === '') return [];
    return inner.split(',').map((item) => item.replace(/^"|"$/g, ''));
  }
  return [];
}

export function bool(value: unknown): string {
  return value === true || value === 't' ? 'yes' : 'no';
}

/**
 * View definitions as both sides deparse them. PostgreSQL 16 stopped
 * qualifying columns of a view over a single table (`p.id` became `id`), so
 * for single-table views the qualifier is dropped on every version.
 */
export function normaliseViewDefinition(
  definition: string | null,
): string | null {
  const text = squash(definition);
  if (text === null || /\bjoin\b/i.test(text)) return text;
  const froms = [
    ...text.matchAll(
      /\bfrom\s+([\w."]+)(?:\s+(?:as\s+)?(?!where\b|group\b|order\b|limit\b|union\b|having\b|window\b)(\w+))?/gi,
    ),
  ];
  if (froms.length !== 1 || /\bfrom\s+[\w."]+(?:\s+\w+)?\s*,/i.test(text))
    return text;
  const [, relation, alias] = froms[0];
  const qualifier = alias ?? relation.split('.').pop() ?? '';
  const escaped = qualifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(
    new RegExp(`(?<![\\w."])${escaped}\\.(?=[\\w"])`, 'g'),
    '',
  );
}
