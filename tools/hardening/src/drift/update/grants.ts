import { compareModels } from '../compare.js';
import type { DbObject, SchemaModel } from '../model.js';
import { grantStatements } from './render.js';

/**
 * GRANT and REVOKE statements that turn the privileges a rebuilt schema got
 * (from the platform's default privileges) into the ones the migrations
 * left. Found by comparing, so they never guess what defaults applied.
 */
export function grantFixes(
  source: SchemaModel,
  rebuilt: SchemaModel,
  baseline: SchemaModel,
): string[] {
  const out: string[] = [];
  for (const change of compareModels(source, rebuilt, baseline, {
    live: false,
  })) {
    if (change.object.kind !== 'grant') continue;
    const target = parseGrantName(change.object);
    if (!target) continue;
    const wanted = source.get(change.key);
    const all = target.column ? `all (${target.column})` : 'all';
    out.push(`revoke ${all} on ${target.on} from ${target.grantee};`);
    if (wanted) {
      const privileges = wanted.attrs.privileges ?? '';
      out.push(
        ...grantStatements(privileges, (list) =>
          target.column
            ? `grant ${columnPrivileges(list, target.column)} on ${target.on} to ${target.grantee}`
            : `grant ${list} on ${target.on} to ${target.grantee}`,
        ),
      );
    }
  }
  return out;
}

interface GrantTarget {
  /** What follows ON in GRANT: `table public.x`, `function public.f(a integer)`. */
  on: string;
  column?: string;
  grantee: string;
}

// `on column public.t.c to anon` -> on table public.t, column c.
function parseGrantName(object: DbObject): GrantTarget | undefined {
  const match = /^on (\w+) (.+) to (\S+)$/.exec(object.name);
  if (!match) return undefined;
  const [, kind, name, grantee] = match;
  if (kind !== 'column') return { on: `${kind} ${name}`, grantee };
  const split = /^(.*)\.("(?:[^"]|"")+"|[^.]+)$/.exec(name);
  if (!split) return undefined;
  return { on: `table ${split[1]}`, column: split[2], grantee };
}

function columnPrivileges(list: string, column: string): string {
  const names = list === 'ALL' ? ['ALL'] : list.split(', ');
  return names.map((name) => `${name} (${column})`).join(', ');
}
