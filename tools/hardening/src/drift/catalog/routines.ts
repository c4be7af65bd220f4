import { addObject, type SchemaModel } from '../model.js';
import type { Queryable } from '../scratch/types.js';
import { notExtensionMember, USER_SCHEMA } from './sql.js';
import { asArray, bool, list, literal, squash } from './text.js';

interface FunctionRow {
  oid: string;
  schema: string;
  name: string;
  kind: string;
  result: string | null;
  language: string;
  volatility: string;
  security_definer: boolean;
  strict: boolean;
  leakproof: boolean;
  parallel: string;
  config: unknown;
  body: string | null;
  comment: string | null;
  ddl: string | null;
}

const FUNCTIONS = `
select p.oid::int8::text as oid, n.nspname as schema,
  quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' ||
    pg_get_function_identity_arguments(p.oid) || ')' as name,
  p.prokind::text as kind, pg_get_function_result(p.oid) as result,
  l.lanname as language, p.provolatile::text as volatility,
  p.prosecdef as security_definer, p.proisstrict as strict, p.proleakproof as leakproof,
  p.proparallel::text as parallel, p.proconfig as config,
  case when p.prosqlbody is not null then pg_get_function_sqlbody(p.oid) else p.prosrc end as body,
  obj_description(p.oid, 'pg_proc') as comment,
  case when p.prokind in ('f', 'p') then pg_get_functiondef(p.oid) end as ddl
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
where ${USER_SCHEMA} and ${notExtensionMember('pg_proc', 'p.oid')}`;

const VOLATILITY: Record<string, string> = {
  i: 'immutable',
  s: 'stable',
  v: 'volatile',
};
const PARALLEL: Record<string, string> = {
  s: 'safe',
  r: 'restricted',
  u: 'unsafe',
};
const KINDS: Record<string, string> = {
  f: 'function',
  p: 'procedure',
  a: 'aggregate',
  w: 'window',
};

/** Functions and procedures: signature, language, volatility, security, config, body. */
export async function readFunctions(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<FunctionRow>(FUNCTIONS)) {
    const kind = KINDS[row.kind] ?? row.kind;
    const ddl = row.ddl ? [`${row.ddl.trim()};`] : [];
    if (row.comment) {
      const what = kind === 'procedure' ? 'procedure' : 'function';
      ddl.push(`comment on ${what} ${row.name} is ${literal(row.comment)};`);
    }
    addObject(model, {
      kind: 'function',
      name: row.name,
      schema: row.schema,
      attrs: {
        kind: kind === 'function' ? null : kind,
        returns: row.result,
        language: row.language,
        volatility: VOLATILITY[row.volatility] ?? row.volatility,
        'security definer': bool(row.security_definer),
        strict: bool(row.strict),
        leakproof: row.leakproof ? 'yes' : null,
        parallel: PARALLEL[row.parallel] ?? row.parallel,
        config: list(asArray(row.config).map(normaliseSetting).sort()),
        body: squash(row.body),
        comment: row.comment,
      },
      ddl,
      order: Number(row.oid),
    });
  }
}

// `search_path=""` and `search_path=''` are the same setting; keys are case-blind.
function normaliseSetting(setting: string): string {
  const at = setting.indexOf('=');
  if (at === -1) return setting;
  const key = setting.slice(0, at).toLowerCase();
  let value = setting.slice(at + 1).trim();
  if (key === 'search_path') {
    value = value
      .split(',')
      .map((part) => part.trim().replace(/^''$/, '""'))
      .join(', ');
  }
  return `${key}=${value}`;
}

interface TypeRow {
  oid: string;
  schema: string;
  name: string;
  typtype: string;
  labels: unknown;
  base: string | null;
  notnull: boolean;
  default: string | null;
  checks: unknown;
  attributes: unknown;
  comment: string | null;
}

const TYPES = `
select t.oid::int8::text as oid, n.nspname as schema,
  quote_ident(n.nspname) || '.' || quote_ident(t.typname) as name, t.typtype::text as typtype,
  case when t.typtype = 'e' then array(select e.enumlabel::text from pg_enum e
    where e.enumtypid = t.oid order by e.enumsortorder) end as labels,
  case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end as base,
  t.typnotnull as notnull, t.typdefault as default,
  case when t.typtype = 'd' then array(select 'constraint ' || quote_ident(c.conname) || ' '
    || pg_get_constraintdef(c.oid) from pg_constraint c where c.contypid = t.oid
    and c.contype <> 'n' order by 1) end as checks,
  case when t.typtype = 'c' then array(select quote_ident(a.attname) || ' ' ||
    format_type(a.atttypid, a.atttypmod) from pg_attribute a where a.attrelid = t.typrelid
    and a.attnum > 0 and not a.attisdropped order by a.attnum) end as attributes,
  obj_description(t.oid, 'pg_type') as comment
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where ${USER_SCHEMA} and ${notExtensionMember('pg_type', 't.oid')}
  and (t.typtype in ('e', 'd') or (t.typtype = 'c' and exists (select 1 from pg_class c
    where c.oid = t.typrelid and c.relkind = 'c')))`;

/** Enums (labels in their order), domains and composite types. */
export async function readTypes(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<TypeRow>(TYPES)) {
    const attrs: Record<string, string | null> = { comment: row.comment };
    let create: string;
    if (row.typtype === 'e') {
      const labels = asArray(row.labels);
      attrs.labels = labels.map(literal).join(', ');
      create = `create type ${row.name} as enum (${attrs.labels});`;
    } else if (row.typtype === 'd') {
      const checks = asArray(row.checks);
      Object.assign(attrs, {
        domain: row.base,
        'not null': bool(row.notnull),
        default: row.default,
        constraints: list(checks),
      });
      create = `create domain ${row.name} as ${row.base}${row.default ? ` default ${row.default}` : ''}${row.notnull ? ' not null' : ''}${checks.map((check) => ` ${check}`).join('')};`;
    } else {
      attrs.attributes = list(asArray(row.attributes));
      create = `create type ${row.name} as (${attrs.attributes ?? ''});`;
    }
    const ddl = [create];
    if (row.comment)
      ddl.push(`comment on type ${row.name} is ${literal(row.comment)};`);
    addObject(model, {
      kind: 'type',
      name: row.name,
      schema: row.schema,
      attrs,
      ddl,
      order: Number(row.oid),
    });
  }
}
