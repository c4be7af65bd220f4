import { addObject, type SchemaModel } from '../model.js';
import type { Queryable } from '../scratch/types.js';
import { notExtensionMember, REL_NAME, USER_SCHEMA } from './sql.js';
import {
  asArray,
  bool,
  list,
  literal,
  normaliseViewDefinition,
  withoutSemicolon,
} from './text.js';

interface RelationRow {
  oid: string;
  relkind: string;
  schema: string;
  name: string;
  rls: boolean;
  force_rls: boolean;
  persistence: string;
  options: unknown;
  comment: string | null;
  viewdef: string | null;
  partbound: string | null;
  partkey: string | null;
  inherits: string | null;
  seq: string | null;
}

const RELATIONS = `
select c.oid::int8::text as oid, c.relkind::text as relkind, n.nspname as schema,
  ${REL_NAME} as name, c.relrowsecurity as rls, c.relforcerowsecurity as force_rls,
  c.relpersistence::text as persistence, c.reloptions as options,
  obj_description(c.oid, 'pg_class') as comment,
  case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid) end as viewdef,
  case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as partbound,
  case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partkey,
  (select string_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname), ', '
     order by i.inhseqno)
   from pg_inherits i join pg_class pc on pc.oid = i.inhparent
   join pg_namespace pn on pn.oid = pc.relnamespace
   where i.inhrelid = c.oid and not c.relispartition) as inherits,
  (select format('as %s increment by %s minvalue %s maxvalue %s start with %s cache %s%s',
     format_type(s.seqtypid, null), s.seqincrement, s.seqmin, s.seqmax, s.seqstart,
     s.seqcache, case when s.seqcycle then ' cycle' else '' end)
   from pg_sequence s where s.seqrelid = c.oid) as seq
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and ${USER_SCHEMA}
  and ${notExtensionMember('pg_class', 'c.oid')}
  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
    and d.objid = c.oid and d.deptype = 'i' and c.relkind = 'S')`;

const KIND_OF: Record<
  string,
  'table' | 'view' | 'materialized view' | 'sequence'
> = {
  r: 'table',
  p: 'table',
  f: 'table',
  v: 'view',
  m: 'materialized view',
  S: 'sequence',
};

/** Tables, views, materialized views and sequences, with RLS flags and comments. */
export async function readRelations(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<RelationRow>(RELATIONS)) {
    const kind = KIND_OF[row.relkind];
    const options = list(asArray(row.options).sort());
    const attrs: Record<string, string | null> = { comment: row.comment };
    let ddl: string[];
    if (kind === 'table') {
      Object.assign(attrs, {
        rls: bool(row.rls),
        'forced rls': bool(row.force_rls),
        unlogged: row.persistence === 'u' ? 'yes' : null,
        options,
        partition: row.partbound,
        'partitioned by': row.partkey,
        inherits: row.inherits,
        foreign: row.relkind === 'f' ? 'yes' : null,
      });
      ddl = tableTail(row, options);
    } else if (kind === 'sequence') {
      attrs.definition = row.seq;
      ddl = [`create sequence ${row.name} ${row.seq};`];
    } else {
      attrs.definition = normaliseViewDefinition(row.viewdef);
      attrs.options = options;
      const withOptions = options ? ` with (${options})` : '';
      const body = withoutSemicolon(row.viewdef ?? '');
      ddl =
        kind === 'view'
          ? [`create view ${row.name}${withOptions} as\n${body};`]
          : [
              `create materialized view ${row.name}${withOptions} as\n${body}\nwith no data;`,
            ];
    }
    if (row.comment)
      ddl.push(
        `comment on ${commentKind(kind)} ${row.name} is ${literal(row.comment)};`,
      );
    addObject(model, {
      kind,
      name: row.name,
      schema: row.schema,
      attrs,
      ddl,
      order: Number(row.oid),
    });
  }
}

function commentKind(kind: string): string {
  return kind === 'table' ? 'table' : kind;
}

// The table's own statements besides CREATE TABLE (built from its columns later).
function tableTail(row: RelationRow, options: string | null): string[] {
  const ddl: string[] = [];
  if (row.rls) ddl.push(`alter table ${row.name} enable row level security;`);
  if (row.force_rls)
    ddl.push(`alter table ${row.name} force row level security;`);
  if (options) ddl.push(`alter table ${row.name} set (${options});`);
  return ddl;
}

interface ColumnRow {
  relname: string;
  schema: string;
  relkind: string;
  column: string;
  attnum: number;
  type: string;
  notnull: boolean;
  default: string | null;
  identity: string;
  generated: string;
  collation: string | null;
  comment: string | null;
}

const COLUMNS = `
select ${REL_NAME} as relname, n.nspname as schema, c.relkind::text as relkind,
  quote_ident(a.attname) as column, a.attnum::int as attnum,
  format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull,
  pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity::text as identity,
  a.attgenerated::text as generated,
  case when a.attcollation <> t.typcollation and a.attcollation <> 0 then
    (select quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
     from pg_collation co join pg_namespace cn on cn.oid = co.collnamespace
     where co.oid = a.attcollation) end as collation,
  col_description(a.attrelid, a.attnum) as comment
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f')
  and ${USER_SCHEMA} and ${notExtensionMember('pg_class', 'c.oid')}
  and not (c.relispartition and a.attinhcount > 0)
order by a.attrelid, a.attnum`;

const IDENTITY: Record<string, string> = { a: 'always', d: 'by default' };

/** Columns: type, nullability, default, identity, generated, collation, comment. */
export async function readColumns(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  const definitions = new Map<string, string[]>();
  for (const row of await db.query<ColumnRow>(COLUMNS)) {
    const isGenerated = row.generated === 's';
    const attrs = {
      type: row.type,
      'not null': bool(row.notnull),
      default: isGenerated ? null : row.default,
      identity: IDENTITY[row.identity] ?? null,
      generated: isGenerated ? row.default : null,
      collation: row.collation,
      comment: row.comment,
    };
    const name = `${row.relname}.${row.column}`;
    const ddl = row.comment
      ? [`comment on column ${name} is ${literal(row.comment)};`]
      : [];
    const fragment = columnDefinition(row, isGenerated);
    addObject(model, {
      kind: 'column',
      name,
      schema: row.schema,
      attrs,
      ddl,
      order: row.attnum,
      fragment,
      parent: row.relname,
    });
    const parts = definitions.get(row.relname) ?? [];
    parts.push(fragment);
    definitions.set(row.relname, parts);
  }
  for (const [relname, columns] of definitions) {
    const table = model.get(`table ${relname}`);
    if (!table) continue;
    const partitioned = table.attrs['partitioned by'];
    const inherits = table.attrs.inherits
      ? ` inherits (${table.attrs.inherits})`
      : '';
    const tail = partitioned ? ` partition by ${partitioned}` : inherits;
    const create = `create${table.attrs.unlogged ? ' unlogged' : ''} table ${relname} (\n  ${columns.join(',\n  ')}\n)${tail};`;
    table.ddl = [create, ...(table.ddl ?? [])];
  }
}

function columnDefinition(row: ColumnRow, generated: boolean): string {
  let text = `${row.column} ${row.type}`;
  if (row.collation) text += ` collate ${row.collation}`;
  if (generated) text += ` generated always as (${row.default}) stored`;
  else if (row.identity)
    text += ` generated ${IDENTITY[row.identity]} as identity`;
  else if (row.default) text += ` default ${row.default}`;
  if (row.notnull) text += ' not null';
  return text;
}
