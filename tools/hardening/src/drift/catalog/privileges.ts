import { addObject, type SchemaModel } from '../model.js';
import type { Queryable } from '../scratch/types.js';
import { notExtensionMember, REL_NAME, USER_SCHEMA } from './sql.js';

/** Every privilege a kind has, without the ones only some versions know. */
const FULL: Record<string, readonly string[]> = {
  table: [
    'DELETE',
    'INSERT',
    'REFERENCES',
    'SELECT',
    'TRIGGER',
    'TRUNCATE',
    'UPDATE',
  ],
  sequence: ['SELECT', 'UPDATE', 'USAGE'],
  function: ['EXECUTE'],
  schema: ['CREATE', 'USAGE'],
  column: ['INSERT', 'REFERENCES', 'SELECT', 'UPDATE'],
  type: ['USAGE'],
};

// PostgreSQL 17 added MAINTAIN to "all" on tables; 15 never grants it.
const VERSION_ONLY = new Set(['MAINTAIN']);

/**
 * Owners' own privileges are left out (owners are not compared), grantors
 * too, and a grant holding every privilege of its kind reads ALL on every
 * PostgreSQL version.
 */
export function privilegeText(
  kind: string,
  privileges: readonly Grant[],
): string {
  const full = FULL[kind] ?? [];
  const plain = new Set(
    privileges.filter((p) => !p.grantable).map((p) => p.privilege),
  );
  const grantable = new Set(
    privileges.filter((p) => p.grantable).map((p) => p.privilege),
  );
  const parts: string[] = [];
  for (const [set, suffix] of [
    [plain, ''],
    [grantable, ' with grant option'],
  ] as const) {
    if (set.size === 0) continue;
    if (full.length > 1 && full.every((privilege) => set.has(privilege))) {
      parts.push(`ALL${suffix}`);
      continue;
    }
    const named = [...set].filter(
      (privilege) => !VERSION_ONLY.has(privilege) || full.length === 0,
    );
    const kept = named.length > 0 ? named : [...set];
    parts.push(`${kept.sort().join(', ')}${suffix}`);
  }
  return parts.join(' + ');
}

interface Grant {
  privilege: string;
  grantable: boolean;
}

interface AclRow {
  kind: string;
  object: string;
  schema: string | null;
  grantee: string;
  privilege: string;
  grantable: boolean;
}

const ACL_OBJECTS = `
select 'table' as kind, ${REL_NAME} as object, n.nspname as schema, c.relowner as owner,
  coalesce(c.relacl, acldefault('r', c.relowner)) as acl
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'f') and ${USER_SCHEMA}
  and ${notExtensionMember('pg_class', 'c.oid')}
union all
select 'sequence', ${REL_NAME}, n.nspname, c.relowner, coalesce(c.relacl, acldefault('s', c.relowner))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'S' and ${USER_SCHEMA} and ${notExtensionMember('pg_class', 'c.oid')}
union all
select 'column', ${REL_NAME} || '.' || quote_ident(a.attname), n.nspname, c.relowner, a.attacl
from pg_attribute a join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
where a.attacl is not null and a.attnum > 0 and not a.attisdropped and ${USER_SCHEMA}
  and ${notExtensionMember('pg_class', 'c.oid')}
union all
select 'function', quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' ||
  pg_get_function_identity_arguments(p.oid) || ')', n.nspname, p.proowner,
  coalesce(p.proacl, acldefault('f', p.proowner))
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where ${USER_SCHEMA} and ${notExtensionMember('pg_proc', 'p.oid')}
union all
select 'schema', quote_ident(n.nspname), n.nspname, n.nspowner,
  coalesce(n.nspacl, acldefault('n', n.nspowner))
from pg_namespace n
where ${USER_SCHEMA} and ${notExtensionMember('pg_namespace', 'n.oid')}`;

const ACLS = `
select o.kind, o.object, o.schema,
  case when x.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(x.grantee)) end as grantee,
  x.privilege_type as privilege, x.is_grantable as grantable
from (${ACL_OBJECTS}) o, aclexplode(o.acl) x
where x.grantee <> o.owner`;

/** Table, column, sequence, function and schema grants, one object per grantee. */
export async function readGrants(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  const grouped = new Map<string, { row: AclRow; grants: Grant[] }>();
  for (const row of await db.query<AclRow>(ACLS)) {
    const key = `${row.kind}\u0000${row.object}\u0000${row.grantee}`;
    const entry = grouped.get(key) ?? { row, grants: [] };
    entry.grants.push({ privilege: row.privilege, grantable: row.grantable });
    grouped.set(key, entry);
  }
  for (const { row, grants } of grouped.values()) {
    addObject(model, {
      kind: 'grant',
      name: `on ${row.kind} ${row.object} to ${row.grantee}`,
      schema: row.schema ?? undefined,
      attrs: { privileges: privilegeText(row.kind, grants) },
    });
  }
}

interface DefaultAclRow {
  role: string;
  schema: string | null;
  objtype: string;
  grantee: string | null;
  privilege: string | null;
  grantable: boolean | null;
}

const DEFAULT_ACLS = `
select quote_ident(pg_get_userbyid(d.defaclrole)) as role,
  case when d.defaclnamespace = 0 then null else
    (select quote_ident(nspname) from pg_namespace where oid = d.defaclnamespace) end as schema,
  d.defaclobjtype::text as objtype,
  case when x.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(x.grantee)) end as grantee,
  x.privilege_type as privilege, x.is_grantable as grantable
from pg_default_acl d
left join lateral (select * from aclexplode(d.defaclacl) a
  where a.grantee <> d.defaclrole) x on true`;

const OBJTYPES: Record<string, [string, string]> = {
  r: ['tables', 'table'],
  S: ['sequences', 'sequence'],
  f: ['functions', 'function'],
  T: ['types', 'type'],
  n: ['schemas', 'schema'],
};

/** ALTER DEFAULT PRIVILEGES state: one object per (role, schema, object type). */
export async function readDefaultPrivileges(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  const grouped = new Map<
    string,
    { row: DefaultAclRow; byGrantee: Map<string, Grant[]> }
  >();
  for (const row of await db.query<DefaultAclRow>(DEFAULT_ACLS)) {
    const key = `${row.role}\u0000${row.schema ?? ''}\u0000${row.objtype}`;
    const entry = grouped.get(key) ?? {
      row,
      byGrantee: new Map<string, Grant[]>(),
    };
    if (row.grantee && row.privilege) {
      const grants = entry.byGrantee.get(row.grantee) ?? [];
      grants.push({
        privilege: row.privilege,
        grantable: row.grantable === true,
      });
      entry.byGrantee.set(row.grantee, grants);
    }
    grouped.set(key, entry);
  }
  for (const { row, byGrantee } of grouped.values()) {
    const [plural, singular] = OBJTYPES[row.objtype] ?? [
      row.objtype,
      row.objtype,
    ];
    const where = row.schema ? ` in schema ${row.schema}` : '';
    const grants = [...byGrantee.entries()]
      .map(
        ([grantee, privileges]) =>
          `${grantee}: ${privilegeText(singular, privileges)}`,
      )
      .sort();
    addObject(model, {
      kind: 'default privileges',
      name: `for role ${row.role}${where} on ${plural}`,
      schema: row.schema ?? undefined,
      role: row.role,
      attrs: { grants: grants.length > 0 ? grants.join('; ') : '(none)' },
    });
  }
}
