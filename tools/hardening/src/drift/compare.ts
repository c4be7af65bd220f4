import {
  objectKey,
  OBJECT_KINDS,
  type AttrValue,
  type DbObject,
  type SchemaModel,
} from './model.js';
import { UNREADABLE } from './catalog/globals.js';
import {
  PLATFORM_EXTENSIONS,
  PLATFORM_ROLES,
  PLATFORM_SCHEMAS,
} from './prelude/prelude.js';

export type ChangeType = 'added' | 'removed' | 'changed';

/** One difference between what the migrations build and the target. */
export interface Change {
  type: ChangeType;
  key: string;
  object: DbObject;
  /** For `changed`: the attribute and its value on each side. */
  attribute?: string;
  from?: AttrValue;
  to?: AttrValue;
}

export interface CompareOptions {
  /**
   * Live databases carry the real platform objects, not the prelude's
   * stand-ins: platform objects are then compared only where the
   * migrations changed them.
   */
  live: boolean;
}

/** Objects the platform manages (schemas, admin roles' defaults, bundled extensions). */
export function isPlatform(object: DbObject): boolean {
  if (object.schema !== undefined && PLATFORM_SCHEMAS.has(object.schema))
    return true;
  if (object.kind === 'extension') return PLATFORM_EXTENSIONS.has(object.name);
  if (object.kind === 'publication') return object.name === 'supabase_realtime';
  if (object.kind === 'default privileges')
    return PLATFORM_ROLES.has(object.role ?? '');
  return false;
}

/**
 * Diffs the migrations' model (source) against the target. Platform objects
 * are compared three-way against the prelude's own state (baseline): only
 * where a side changed them.
 */
export function compareModels(
  source: SchemaModel,
  target: SchemaModel,
  baseline: SchemaModel,
  options: CompareOptions,
): Change[] {
  const changes: Change[] = [];
  const keys = new Set([...source.keys(), ...target.keys()]);
  const blind = new Set(
    [...source.values(), ...target.values()]
      .filter((object) => object.name === UNREADABLE)
      .map((object) => object.kind),
  );
  for (const key of keys) {
    const from = source.get(key);
    const to = target.get(key);
    const object = (to ?? from) as DbObject;
    if (blind.has(object.kind)) continue;
    if (isPlatform(object)) {
      const touched =
        differs(source.get(key), baseline.get(key)) ||
        (!options.live && differs(to, baseline.get(key)));
      if (!touched) continue;
    }
    if (!from && to) changes.push({ type: 'added', key, object: to });
    else if (from && !to) changes.push({ type: 'removed', key, object: from });
    else if (from && to) changes.push(...attributeChanges(key, from, to));
  }
  return changes.sort(compareChanges);
}

function differs(a: DbObject | undefined, b: DbObject | undefined): boolean {
  if (!a || !b) return a !== b;
  return attributeChanges('', a, b).length > 0;
}

function attributeChanges(key: string, from: DbObject, to: DbObject): Change[] {
  const names = new Set([...Object.keys(from.attrs), ...Object.keys(to.attrs)]);
  const changes: Change[] = [];
  for (const attribute of [...names].sort()) {
    const before = from.attrs[attribute] ?? null;
    const after = to.attrs[attribute] ?? null;
    if (before === after) continue;
    changes.push({
      type: 'changed',
      key,
      object: to,
      attribute,
      from: before,
      to: after,
    });
  }
  return changes;
}

const KIND_RANK = new Map<string, number>(
  OBJECT_KINDS.map((kind, index) => [kind, index]),
);

function compareChanges(a: Change, b: Change): number {
  return (
    (KIND_RANK.get(a.object.kind) ?? 99) -
      (KIND_RANK.get(b.object.kind) ?? 99) ||
    a.object.name.localeCompare(b.object.name) ||
    a.type.localeCompare(b.type) ||
    (a.attribute ?? '').localeCompare(b.attribute ?? '')
  );
}

/** Removes stub objects and records the stubbed extensions as if installed. */
export function withoutStubs(
  model: SchemaModel,
  stubbed: ReadonlyArray<{
    name: string;
    schema: string;
    ownSchema?: string;
    functions: string[];
  }>,
): SchemaModel {
  if (stubbed.length === 0) return model;
  const ownSchemas = new Set(
    stubbed.flatMap((stub) => (stub.ownSchema ? [stub.ownSchema] : [])),
  );
  const functions = stubbed.flatMap((stub) =>
    stub.functions.map((fn) => `${quoteIdent(stub.schema)}.${fn}`),
  );
  const kept: SchemaModel = new Map();
  for (const [key, object] of model) {
    if (object.schema !== undefined && ownSchemas.has(object.schema)) continue;
    if (
      functions.some(
        (fn) =>
          object.name === fn || object.name.startsWith(`on function ${fn} `),
      )
    ) {
      continue;
    }
    kept.set(key, object);
  }
  for (const stub of stubbed) {
    const extension: DbObject = {
      kind: 'extension',
      name: stub.name,
      attrs: { schema: quoteIdent(stub.schema) },
      ddl: [
        `create extension if not exists "${stub.name}" with schema ${quoteIdent(stub.schema)};`,
      ],
    };
    kept.set(objectKey(extension), extension);
  }
  return kept;
}

/** quote_ident for names we build ourselves. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name)
    ? name
    : `"${name.replace(/"/g, '""')}"`;
}
