import { isPlatform } from '../compare.js';
import type { DbObject, SchemaModel } from '../model.js';

// TODO(update coverage): partition children (PARTITION OF ... FOR VALUES),
// sequence OWNED BY, aggregates and drops of prelude objects a migration
// removed are not written; the verification pass reports them as inexact.
const CREATED_IN_ORDER = new Set([
  'type',
  'sequence',
  'table',
  'function',
  'view',
  'materialized view',
]);

/**
 * Writes the migrations' schema as one SQL file that rebuilds it on top of
 * the Supabase platform: only what the migrations added or changed, in an
 * order that replays dependencies (creation order for relations, types and
 * functions; constraints, indexes, triggers and policies after them).
 */
export function renderSchema(
  source: SchemaModel,
  baseline: SchemaModel,
  header: string,
): string {
  const fresh = (object: DbObject, key: string) =>
    !baseline.has(key) && keep(object, key, baseline);
  const pick = (
    kinds: string[],
    filter: (o: DbObject, key: string) => boolean = fresh,
  ) =>
    [...source.entries()]
      .filter(
        ([key, object]) => kinds.includes(object.kind) && filter(object, key),
      )
      .map(([, object]) => object)
      .sort(
        (a, b) =>
          (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name),
      );

  const sections: Array<[string, string[]]> = [
    ['schemas', statements(pick(['schema']))],
    ['extensions', statements(pick(['extension']))],
    [
      'types, sequences, tables, functions and views',
      statements(pick([...CREATED_IN_ORDER])),
    ],
    [
      'changes to platform tables and functions',
      alteredPlatform(source, baseline),
    ],
    ['columns added to existing tables', addedColumns(source, baseline)],
    ['constraints', statements(pick(['constraint']).sort(foreignKeysLast))],
    ['indexes', statements(pick(['index']))],
    ['triggers', statements(pick(['trigger']))],
    ['policies', statements(pick(['policy']))],
    ['default privileges', defaultPrivileges(source, baseline)],
    ['publications', statements(pick(['publication', 'publication member']))],
    ['storage buckets', statements(pick(['bucket']))],
  ];
  const body = sections
    .filter(([, lines]) => lines.length > 0)
    .map(([title, lines]) => `-- ${title}\n\n${lines.join('\n\n')}`)
    .join('\n\n');
  return `${header}\nset check_function_bodies = false;\n\n${body}\n`;
}

// Columns of new tables come with CREATE TABLE; comments on them still need writing.
function keep(object: DbObject, key: string, baseline: SchemaModel): boolean {
  if (object.kind === 'column') return false;
  return !baseline.has(key);
}

function statements(objects: readonly DbObject[]): string[] {
  return objects.flatMap((object) =>
    object.ddl && object.ddl.length > 0 ? [object.ddl.join('\n')] : [],
  );
}

function foreignKeysLast(a: DbObject, b: DbObject): number {
  const fk = (o: DbObject) =>
    String(o.attrs.definition).startsWith('FOREIGN KEY') ? 1 : 0;
  return fk(a) - fk(b);
}

// Objects the prelude has that the migrations changed: replayed without CREATE.
function alteredPlatform(source: SchemaModel, baseline: SchemaModel): string[] {
  const out: string[] = [];
  for (const [key, object] of source) {
    const before = baseline.get(key);
    if (
      !before ||
      JSON.stringify(before.attrs) === JSON.stringify(object.attrs)
    )
      continue;
    if (object.kind === 'function') out.push((object.ddl ?? []).join('\n'));
    if (object.kind === 'table') {
      const tail = (object.ddl ?? []).filter(
        (line) => !line.startsWith('create '),
      );
      if (tail.length > 0) out.push(tail.join('\n'));
    }
    if (
      object.kind === 'schema' &&
      object.attrs.comment !== before.attrs.comment
    ) {
      out.push(
        (object.ddl ?? [])
          .filter((line) => line.startsWith('comment'))
          .join('\n'),
      );
    }
  }
  return out.filter(Boolean);
}

function addedColumns(source: SchemaModel, baseline: SchemaModel): string[] {
  const out: string[] = [];
  for (const [key, object] of source) {
    if (object.kind !== 'column') continue;
    const tableExisted =
      object.parent !== undefined && baseline.has(`table ${object.parent}`);
    if (!baseline.has(key) && tableExisted) {
      out.push(`alter table ${object.parent} add column ${object.fragment};`);
    }
    if (!baseline.has(key) || tableExisted) out.push(...(object.ddl ?? []));
  }
  return out;
}

function defaultPrivileges(
  source: SchemaModel,
  baseline: SchemaModel,
): string[] {
  const out: string[] = [];
  for (const [key, object] of source) {
    if (object.kind !== 'default privileges' || isPlatform(object)) continue;
    const before = baseline.get(key);
    if (before && before.attrs.grants === object.attrs.grants) continue;
    const target = `alter default privileges ${object.name.replace(/ on (\w+)$/, '')}`;
    const objects = /on (\w+)$/.exec(object.name)?.[1] ?? 'tables';
    for (const grantee of grantees(before?.attrs.grants ?? null)) {
      out.push(`${target} revoke all on ${objects} from ${grantee};`);
    }
    for (const [grantee, privileges] of parseGrants(
      object.attrs.grants ?? null,
    )) {
      out.push(
        ...grantStatements(
          privileges,
          (p) => `${target} grant ${p} on ${objects} to ${grantee}`,
        ),
      );
    }
  }
  return out;
}

function grantees(grants: string | null): string[] {
  return parseGrants(grants).map(([grantee]) => grantee);
}

function parseGrants(grants: string | null): Array<[string, string]> {
  if (!grants || grants === '(none)') return [];
  return grants.split('; ').flatMap((entry) => {
    const at = entry.indexOf(': ');
    return at === -1
      ? []
      : [[entry.slice(0, at), entry.slice(at + 2)] as [string, string]];
  });
}

/** `ALL`, `SELECT, UPDATE` or `... with grant option` parts as GRANT statements. */
export function grantStatements(
  privileges: string,
  build: (privileges: string) => string,
): string[] {
  return privileges.split(' + ').map((part) => {
    const option = part.endsWith(' with grant option');
    const list = option ? part.slice(0, -' with grant option'.length) : part;
    return `${build(list)}${option ? ' with grant option' : ''};`;
  });
}
