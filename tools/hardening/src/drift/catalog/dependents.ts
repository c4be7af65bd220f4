import { addObject, type SchemaModel } from '../model.js';
import type { Queryable } from '../scratch/types.js';
import { notExtensionMember, REL_NAME, USER_SCHEMA } from './sql.js';
import { asArray, literal } from './text.js';

const ON_USER_TABLE = `${USER_SCHEMA} and ${notExtensionMember('pg_class', 'c.oid')}`;

interface ChildRow {
  oid: string;
  schema: string;
  relname: string;
  name: string;
  def: string;
  comment: string | null;
}

const CONSTRAINTS = `
select co.oid::int8::text as oid, n.nspname as schema, ${REL_NAME} as relname,
  quote_ident(co.conname) as name, pg_get_constraintdef(co.oid) as def,
  obj_description(co.oid, 'pg_constraint') as comment
from pg_constraint co
join pg_class c on c.oid = co.conrelid
join pg_namespace n on n.oid = c.relnamespace
where co.contype in ('p', 'u', 'f', 'c', 'x', 't') and ${ON_USER_TABLE}
  and not (c.relispartition and co.conparentid <> 0)`;

const INDEXES = `
select i.indexrelid::int8::text as oid, n.nspname as schema, ${REL_NAME} as relname,
  quote_ident(n.nspname) || '.' || quote_ident(ic.relname) as name,
  pg_get_indexdef(i.indexrelid) as def,
  obj_description(i.indexrelid, 'pg_class') as comment
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = ic.relnamespace
where ${ON_USER_TABLE}
  and not exists (select 1 from pg_constraint co where co.conindid = i.indexrelid
    and co.conrelid = i.indrelid and co.contype in ('p', 'u', 'x'))
  and not exists (select 1 from pg_inherits inh where inh.inhrelid = i.indexrelid)`;

const TRIGGERS = `
select t.oid::int8::text as oid, n.nspname as schema, ${REL_NAME} as relname,
  quote_ident(t.tgname) as name, pg_get_triggerdef(t.oid) as def,
  obj_description(t.oid, 'pg_trigger') as comment, t.tgenabled::text as enabled
from pg_trigger t
join pg_class c on c.oid = t.tgrelid
join pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal and t.tgparentid = 0 and ${ON_USER_TABLE}`;

const POLICIES = `
select pol.oid::int8::text as oid, n.nspname as schema, ${REL_NAME} as relname,
  '"' || replace(pol.polname, '"', '""') || '"' as name,
  pol.polcmd::text as cmd, pol.polpermissive as permissive,
  array(select case when r = 0 then 'public' else quote_ident(pg_get_userbyid(r)) end
        from unnest(pol.polroles) r order by 1) as roles,
  pg_get_expr(pol.polqual, pol.polrelid) as using,
  pg_get_expr(pol.polwithcheck, pol.polrelid) as check,
  obj_description(pol.oid, 'pg_policy') as comment
from pg_policy pol
join pg_class c on c.oid = pol.polrelid
join pg_namespace n on n.oid = c.relnamespace
where ${ON_USER_TABLE}`;

/** Constraints (not-null ones are column attributes), by name on their table. */
export async function readConstraints(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<ChildRow>(CONSTRAINTS)) {
    const name = `${row.name} on ${row.relname}`;
    const ddl = [
      `alter table ${row.relname} add constraint ${row.name} ${row.def};`,
    ];
    if (row.comment) {
      ddl.push(
        `comment on constraint ${row.name} on ${row.relname} is ${literal(row.comment)};`,
      );
    }
    addObject(model, {
      kind: 'constraint',
      name,
      schema: row.schema,
      attrs: { definition: row.def, comment: row.comment },
      ddl,
      order: Number(row.oid),
    });
  }
}

/** Indexes that no constraint owns. */
export async function readIndexes(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<ChildRow>(INDEXES)) {
    const ddl = [`${row.def};`];
    if (row.comment)
      ddl.push(`comment on index ${row.name} is ${literal(row.comment)};`);
    addObject(model, {
      kind: 'index',
      name: row.name,
      schema: row.schema,
      attrs: { definition: row.def, comment: row.comment },
      ddl,
      order: Number(row.oid),
    });
  }
}

const TRIGGER_STATE: Record<string, string> = {
  O: 'enabled',
  D: 'disabled',
  R: 'replica',
  A: 'always',
};

/** User triggers, also on platform tables such as auth.users. */
export async function readTriggers(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  const rows = await db.query<ChildRow & { enabled: string }>(TRIGGERS);
  for (const row of rows) {
    const state = TRIGGER_STATE[row.enabled] ?? row.enabled;
    const ddl = [`${row.def};`];
    if (state !== 'enabled') {
      const verb = state === 'disabled' ? 'disable' : `enable ${state}`;
      ddl.push(`alter table ${row.relname} ${verb} trigger ${row.name};`);
    }
    if (row.comment) {
      ddl.push(
        `comment on trigger ${row.name} on ${row.relname} is ${literal(row.comment)};`,
      );
    }
    addObject(model, {
      kind: 'trigger',
      name: `${row.name} on ${row.relname}`,
      schema: row.schema,
      attrs: { definition: row.def, state, comment: row.comment },
      ddl,
      order: Number(row.oid),
    });
  }
}

interface PolicyRow extends ChildRow {
  cmd: string;
  permissive: boolean;
  roles: unknown;
  using: string | null;
  check: string | null;
}

const COMMANDS: Record<string, string> = {
  r: 'select',
  a: 'insert',
  w: 'update',
  d: 'delete',
  '*': 'all',
};

/** Row-level security policies: command, roles, USING and WITH CHECK. */
export async function readPolicies(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<PolicyRow>(POLICIES)) {
    const roles = asArray(row.roles).join(', ');
    const command = COMMANDS[row.cmd] ?? row.cmd;
    const as = row.permissive ? 'permissive' : 'restrictive';
    let create = `create policy ${row.name} on ${row.relname} as ${as} for ${command} to ${roles}`;
    if (row.using) create += `\n  using (${row.using})`;
    if (row.check) create += `\n  with check (${row.check})`;
    const ddl = [`${create};`];
    if (row.comment) {
      ddl.push(
        `comment on policy ${row.name} on ${row.relname} is ${literal(row.comment)};`,
      );
    }
    addObject(model, {
      kind: 'policy',
      name: `${row.name} on ${row.relname}`,
      schema: row.schema,
      attrs: {
        command,
        mode: as,
        roles,
        using: row.using,
        'with check': row.check,
        comment: row.comment,
      },
      ddl,
      order: Number(row.oid),
    });
  }
}
