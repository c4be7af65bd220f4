/** The object kinds the drift model knows, in the order reports list them. */
export const OBJECT_KINDS = [
  'schema',
  'extension',
  'type',
  'sequence',
  'table',
  'column',
  'constraint',
  'index',
  'view',
  'materialized view',
  'function',
  'trigger',
  'rls',
  'policy',
  'grant',
  'default privileges',
  'publication',
  'publication member',
  'bucket',
] as const;

export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** Compared attribute values: text, or null when unset. */
export type AttrValue = string | null;

/**
 * One database object, normalised: no owner, no oid, no position; names as
 * Postgres stores them (already truncated to 63 bytes by the server).
 */
export interface DbObject {
  kind: ObjectKind;
  /** How the object is named in reports: `public.profiles`, `"x" on public.profiles`. */
  name: string;
  /** The schema it lives in (the table's for child objects); undefined for global ones. */
  schema?: string;
  /** The role a default-privileges entry applies to. */
  role?: string;
  attrs: Record<string, AttrValue>;
  /** Statements --update writes for it; never compared. */
  ddl?: string[];
  /** A column's definition inside CREATE TABLE / ADD COLUMN. */
  fragment?: string;
  /** The table a column belongs to. */
  parent?: string;
  /** Creation order hint (oid) so --update replays dependencies in order. */
  order?: number;
}

/** Every object by `kind name`; lookups and comparison ignore order. */
export type SchemaModel = Map<string, DbObject>;

export function objectKey(object: Pick<DbObject, 'kind' | 'name'>): string {
  return `${object.kind} ${object.name}`;
}

export function addObject(model: SchemaModel, object: DbObject): void {
  model.set(objectKey(object), object);
}
