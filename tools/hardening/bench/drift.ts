/**
 * Drift on a generated 50-migration Supabase project, on embedded PGlite and
 * on a real PostgreSQL server, with the canonical schema in sync. Prints
 * both times (median of three warm runs, plus PGlite's first run in this
 * process) against the target: PGlite within 3x of the server, under 3 s.
 *
 *   pnpm bench:drift                     (server from SHIPSHAPE_TEST_PG_URL)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@shipshape/logger';
import { runDrift, type DriftOptions } from '../src/drift/run.js';

const MIGRATIONS = 50;
const RUNS = 3;

function migration(n: number): string {
  const t = `public.items_${n}`;
  const previous =
    n > 1 ? `,\n  parent_id bigint references public.items_${n - 1} (id)` : '';
  return `create type public.state_${n} as enum ('draft', 'live', 'archived');
create table ${t} (
  id bigint generated always as identity primary key,
  owner uuid not null references auth.users (id) on delete cascade,
  title text not null check (char_length(title) < 200),
  state public.state_${n} not null default 'draft',
  created_at timestamptz not null default now()${previous}
);
comment on table ${t} is 'generated table ${n}';
create index items_${n}_owner on ${t} (owner, created_at desc);
alter table ${t} enable row level security;
create policy "owners read ${n}" on ${t} for select to authenticated
  using ((select auth.uid()) = owner);
create policy "owners write ${n}" on ${t} for insert to authenticated
  with check ((select auth.uid()) = owner);
create function public.touch_${n}() returns trigger language plpgsql
  set search_path = '' as $$ begin new.created_at := now(); return new; end $$;
create trigger items_${n}_touch before update on ${t}
  for each row execute function public.touch_${n}();
revoke all on ${t} from anon;
create view public.live_${n} with (security_invoker = true) as
  select id, title from ${t} where state = 'live';
`;
}

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-bench-drift-'));
  mkdirSync(join(root, 'supabase', 'migrations'), { recursive: true });
  const all: string[] = [];
  for (let n = 1; n <= MIGRATIONS; n += 1) {
    const text = migration(n);
    all.push(text);
    const stamp = `202401${String(n).padStart(2, '0')}000000`.slice(0, 14);
    writeFileSync(
      join(root, 'supabase', 'migrations', `${stamp}_${n}.sql`),
      text,
    );
  }
  writeFileSync(join(root, 'supabase', 'schema.sql'), all.join('\n'));
  return root;
}

async function time(options: DriftOptions): Promise<number> {
  const started = performance.now();
  const run = await runDrift(options);
  if (run.changes.length > 0) {
    throw new Error(`bench project drifted: ${run.changes[0].key}`);
  }
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const root = project();
  const base: DriftOptions = {
    cwd: root,
    migrations: 'supabase/migrations',
    extensions: { stub: new Set(), skip: new Set() },
    logger: createLogger({ service: 'bench', level: 'silent' }),
  };
  const url = process.env.SHIPSHAPE_TEST_PG_URL;

  const first = await time(base);
  const pglite: number[] = [];
  for (let i = 0; i < RUNS; i += 1) pglite.push(await time(base));
  const server: number[] = [];
  if (url) {
    await time({ ...base, scratchUrl: url });
    for (let i = 0; i < RUNS; i += 1)
      server.push(await time({ ...base, scratchUrl: url }));
  }

  const p = median(pglite);
  const lines = [
    `drift bench: ${MIGRATIONS} migrations + schema.sql, in sync, median of ${RUNS}`,
    `  PGlite (embedded)   ${(p / 1000).toFixed(2)} s   (first run in process ${(first / 1000).toFixed(2)} s)`,
  ];
  if (url) {
    const s = median(server);
    const ratio = p / s;
    lines.push(`  PostgreSQL server   ${(s / 1000).toFixed(2)} s`);
    lines.push(
      `  ratio ${ratio.toFixed(2)}x (target <= 3x): ${ratio <= 3 ? 'met' : 'missed'}; ` +
        `PGlite under 3 s: ${p < 3000 ? 'met' : 'missed'}`,
    );
  } else {
    lines.push(
      '  PostgreSQL server   skipped: set SHIPSHAPE_TEST_PG_URL (scripts/services/postgres.sh start)',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
