/** Shared SQL fragments for the catalog queries. */

/** Schemas the server itself owns: never part of a project's schema. */
export const USER_SCHEMA = `
  n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname !~ '^pg_(temp|toast_temp)_'`;

/** True when the object belongs to an extension (its members are not compared). */
export function notExtensionMember(catalog: string, oid: string): string {
  return `not exists (
    select 1 from pg_depend dep
    where dep.classid = '${catalog}'::regclass and dep.objid = ${oid} and dep.deptype = 'e')`;
}

export const REL_NAME = `quote_ident(n.nspname) || '.' || quote_ident(c.relname)`;
