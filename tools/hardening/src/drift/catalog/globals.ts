import { addObject, type SchemaModel } from '../model.js';
import type { Queryable } from '../scratch/types.js';
import { notExtensionMember, USER_SCHEMA } from './sql.js';
import { bool, literal } from './text.js';

interface SchemaRow {
  oid: string;
  name: string;
  raw: string;
  comment: string | null;
}

const SCHEMAS = `
select n.oid::int8::text as oid, quote_ident(n.nspname) as name, n.nspname as raw,
  obj_description(n.oid, 'pg_namespace') as comment
from pg_namespace n
where ${USER_SCHEMA} and ${notExtensionMember('pg_namespace', 'n.oid')}`;

export async function readSchemas(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<SchemaRow>(SCHEMAS)) {
    const ddl = [`create schema if not exists ${row.name};`];
    if (row.comment)
      ddl.push(`comment on schema ${row.name} is ${literal(row.comment)};`);
    addObject(model, {
      kind: 'schema',
      name: row.name,
      schema: row.raw,
      attrs: { comment: row.comment },
      ddl,
      order: Number(row.oid),
    });
  }
}

interface ExtensionRow {
  oid: string;
  name: string;
  schema: string;
}

// The version is left out: each server ships its own build of an extension.
const EXTENSIONS = `
select e.oid::int8::text as oid, e.extname as name, quote_ident(n.nspname) as schema
from pg_extension e join pg_namespace n on n.oid = e.extnamespace`;

/** Extensions by name and schema, not their member objects. */
export async function readExtensions(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<ExtensionRow>(EXTENSIONS)) {
    addObject(model, {
      kind: 'extension',
      name: row.name,
      attrs: { schema: row.schema },
      ddl: [
        `create extension if not exists "${row.name}" with schema ${row.schema};`,
      ],
      order: Number(row.oid),
    });
  }
}

interface PublicationRow {
  oid: string;
  name: string;
  alltables: boolean;
  publish: string;
  viaroot: boolean;
}

const PUBLICATIONS = `
select p.oid::int8::text as oid, quote_ident(p.pubname) as name, p.puballtables as alltables,
  concat_ws(', ', case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
    case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end) as publish,
  p.pubviaroot as viaroot
from pg_publication p`;

interface MemberRow {
  publication: string;
  schema: string;
  relname: string;
  filter: string | null;
  columns: string | null;
}

const MEMBERS = `
select quote_ident(p.pubname) as publication, n.nspname as schema,
  quote_ident(n.nspname) || '.' || quote_ident(c.relname) as relname,
  pg_get_expr(pr.prqual, pr.prrelid) as filter,
  (select string_agg(quote_ident(a.attname), ', ' order by a.attnum) from pg_attribute a
   where a.attrelid = pr.prrelid and a.attnum = any(pr.prattrs)) as columns
from pg_publication_rel pr
join pg_publication p on p.oid = pr.prpubid
join pg_class c on c.oid = pr.prrelid
join pg_namespace n on n.oid = c.relnamespace`;

/** Publications and which tables they carry (the realtime publication included). */
export async function readPublications(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  for (const row of await db.query<PublicationRow>(PUBLICATIONS)) {
    const forAll = row.alltables ? ' for all tables' : '';
    addObject(model, {
      kind: 'publication',
      name: row.name,
      attrs: {
        'all tables': bool(row.alltables),
        publish: row.publish,
        'via root': bool(row.viaroot),
      },
      ddl: [
        `create publication ${row.name}${forAll} with (publish = ${literal(row.publish)}, publish_via_partition_root = ${row.viaroot});`,
      ],
      order: Number(row.oid),
    });
  }
  for (const row of await db.query<MemberRow>(MEMBERS)) {
    const columns = row.columns ? ` (${row.columns})` : '';
    const where = row.filter ? ` where (${row.filter})` : '';
    addObject(model, {
      kind: 'publication member',
      name: `${row.relname} in ${row.publication}`,
      schema: row.schema,
      attrs: { columns: row.columns, filter: row.filter },
      ddl: [
        `alter publication ${row.publication} add table ${row.relname}${columns}${where};`,
      ],
    });
  }
}

/** Marks a side whose buckets could not be read; buckets are then not compared. */
export const UNREADABLE = '(unreadable)';

interface BucketRow {
  id: string;
  name: string;
  public: boolean | null;
  file_size_limit: string | null;
  allowed_mime_types: string | null;
}

/**
 * Storage buckets are rows, but migrations create them and policies name
 * them, so they are part of the schema a project ships.
 */
export async function readBuckets(
  db: Queryable,
  model: SchemaModel,
): Promise<void> {
  await db.query('savepoint shipshape_buckets');
  let rows: BucketRow[];
  try {
    const exists = await db.query<{ found: boolean }>(
      `select to_regclass('storage.buckets') is not null as found`,
    );
    if (!exists[0]?.found) return;
    rows = await db.query<BucketRow>(
      `select id, name, public, file_size_limit::text as file_size_limit,
         allowed_mime_types::text as allowed_mime_types from storage.buckets`,
    );
  } catch {
    // A read-only role may not see storage rows: buckets are then not compared.
    await db.query('rollback to savepoint shipshape_buckets');
    addObject(model, { kind: 'bucket', name: UNREADABLE, attrs: {} });
    return;
  }
  for (const row of rows) {
    const mime = row.allowed_mime_types
      ? `${literal(row.allowed_mime_types)}::text[]`
      : 'null';
    addObject(model, {
      kind: 'bucket',
      name: literal(row.id),
      schema: 'storage',
      attrs: {
        name: row.name,
        public: bool(row.public),
        'file size limit': row.file_size_limit,
        'allowed mime types': row.allowed_mime_types,
      },
      ddl: [
        `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)\n  values (${literal(row.id)}, ${literal(row.name)}, ${row.public === true}, ${row.file_size_limit ?? 'null'}, ${mime})\n  on conflict (id) do nothing;`,
      ],
    });
  }
}
