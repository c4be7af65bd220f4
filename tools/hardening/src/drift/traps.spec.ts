import { describe, expect, it, vi } from 'vitest';
import { buildSides } from './run.js';
import { compareModels } from './compare.js';
import { privilegeText } from './catalog/privileges.js';
import {
  driftLines,
  driftOptions,
  makeProject,
  TEST_ENGINES,
  TEST_PG_URL,
} from './testing.js';
import { loadFolder } from './run.js';

// Each case starts a database; machines under load need the room.
vi.setConfig({ testTimeout: 240_000 });

interface Trap {
  trap: string;
  migrations: Record<string, string>;
  schema: string;
}

// Each pair builds the same schema in a different way; none may report drift.
const TRAPS: Trap[] = [
  {
    trap: 'search_path: unqualified extension calls resolve through extensions',
    migrations: {
      '1_ext.sql':
        'create extension if not exists "uuid-ossp" with schema extensions;',
      '2_table.sql':
        'create table public.items (id uuid primary key default uuid_generate_v4());',
    },
    schema: `create extension if not exists "uuid-ossp" with schema extensions;
      create table public.items (id uuid primary key default extensions.uuid_generate_v4());`,
  },
  {
    trap: "search_path: a migration's own SET does not leak into the next file",
    migrations: {
      '1_dump.sql': `select pg_catalog.set_config('search_path', '', false);
        create table public.a (id int primary key);`,
      '2_next.sql': 'create table b (id int primary key references a (id));',
    },
    schema: `create table public.a (id int primary key);
      create table public.b (id int primary key references public.a (id));`,
  },
  {
    trap: 'ordering: columns, objects, policies and grants in another order',
    migrations: {
      '1.sql': `create table public.t (a int, b text, c date);
        create policy "p1" on public.t for select using (true);
        create policy "p2" on public.t for delete using (false);
        create index t_b on public.t (b);`,
    },
    schema: `create table public.t (c date, b text, a int);
      create index t_b on public.t (b);
      create policy "p2" on public.t for delete using (false);
      create policy "p1" on public.t for select using (true);`,
  },
  {
    trap: 'owners: objects owned by another role',
    migrations: {
      '1.sql': `create table public.t (id int);
        create function public.f() returns int language sql as $$ select 1 $$;`,
    },
    schema: `create table public.t (id int);
      alter table public.t owner to supabase_admin;
      create function public.f() returns int language sql as $$ select 1 $$;
      alter function public.f() owner to supabase_admin;`,
  },
  {
    trap: 'grant noise: grants the default privileges already give, in another spelling',
    migrations: {
      '1.sql': `create table public.t (id int);
        grant all on table public.t to anon, authenticated, service_role;
        grant select, insert, update, delete, truncate, references, trigger on public.t to anon;`,
    },
    schema: 'create table public.t (id int);',
  },
  {
    trap: 'whitespace and layout in function bodies and policies',
    migrations: {
      '1.sql': `create function public.f() returns int language plpgsql as $$
        begin
          return 1;
        end $$;
        create table public.t (id int);
        create policy "p" on public.t for select using (id   >   0);`,
    },
    schema: `create function public.f() returns int language plpgsql as $$ begin return 1; end $$;
      create table public.t (id int);
      create policy "p" on public.t for select using (
        id > 0
      );`,
  },
  {
    trap: 'names longer than 63 bytes compare as Postgres truncates them',
    migrations: {
      '1.sql': `create table public.t (id int);
        create index ${'i'.repeat(63)}_from_the_migrations on public.t (id);
        create policy "${'é'.repeat(32)} tail one" on public.t for select using (true);`,
    },
    schema: `create table public.t (id int);
      create index ${'i'.repeat(63)}_from_the_schema_file on public.t (id);
      create policy "${'é'.repeat(32)} tail two" on public.t for select using (true);`,
  },
  {
    trap: 'extension created without and with IF NOT EXISTS, repeated',
    migrations: {
      '1.sql': 'create extension pg_trgm with schema extensions;',
      '2.sql': 'create extension if not exists pg_trgm with schema extensions;',
    },
    schema:
      'create extension if not exists "pg_trgm" with schema "extensions";',
  },
];

describe.each(TEST_ENGINES)('false-drift traps on $name', (engine) => {
  it.each(TRAPS)('$trap', async ({ migrations, schema }) => {
    const files: Record<string, string> = { 'supabase/schema.sql': schema };
    for (const [name, text] of Object.entries(migrations)) {
      files[`supabase/migrations/${name}`] = text;
    }
    expect(await driftLines(makeProject(files), engine)).toEqual([]);
  });

  it('still reports a real difference next to a trap', async () => {
    const root = makeProject({
      'supabase/migrations/1.sql': 'create table public.t (b text, a int);',
      'supabase/schema.sql': 'create table public.t (a int, b varchar(10));',
    });
    expect(await driftLines(root, engine)).toEqual([
      '~ column public.t.b: type text -> character varying(10)',
    ]);
  });
});

describe('PostgreSQL version differences', () => {
  it('reads ALL on tables the same with and without MAINTAIN (PostgreSQL 17)', () => {
    const base = [
      'DELETE',
      'INSERT',
      'REFERENCES',
      'SELECT',
      'TRIGGER',
      'TRUNCATE',
      'UPDATE',
    ];
    const of = (names: string[]) =>
      names.map((privilege) => ({ privilege, grantable: false }));
    expect(privilegeText('table', of(base))).toBe('ALL');
    expect(privilegeText('table', of([...base, 'MAINTAIN']))).toBe('ALL');
    expect(privilegeText('table', of(['SELECT', 'MAINTAIN']))).toBe('SELECT');
    expect(privilegeText('table', of(['MAINTAIN']))).toBe('MAINTAIN');
    expect(privilegeText('function', of(['EXECUTE']))).toBe('EXECUTE');
  });

  it.runIf(TEST_PG_URL)(
    'builds the same model on PGlite (PostgreSQL 17) and the server',
    async () => {
      const all = TRAPS.flatMap((trap) =>
        Object.values(trap.migrations).slice(-1),
      );
      const root = makeProject({
        'supabase/migrations/1.sql': `create table public.p (id uuid primary key references auth.users (id),
            bio text default 'x', n int generated always as identity);
          alter table public.p enable row level security;
          create policy "own" on public.p for all to authenticated using (auth.uid() = id);
          create view public.v with (security_invoker = true) as select id, bio from public.p;
          create view public.j as select p.id, u.email from public.p join auth.users u on u.id = p.id;
          create type public.mood as enum ('a', 'b');
          revoke execute on function auth.uid() from anon;
          alter publication supabase_realtime add table public.p;`,
        'supabase/migrations/2.sql': all[4],
      });
      const pglite = await buildSides(
        loadFolder('supabase/migrations', '--migrations', root),
        undefined,
        driftOptions(root, { name: 'pglite' }),
      );
      const server = await buildSides(
        loadFolder('supabase/migrations', '--migrations', root),
        undefined,
        driftOptions(root, { name: 'postgres', scratchUrl: TEST_PG_URL }),
      );
      expect(
        compareModels(pglite.source, server.source, pglite.baseline, {
          live: false,
        }),
      ).toEqual([]);
      expect(pglite.source.size).toBeGreaterThan(pglite.baseline.size + 10);
    },
  );
});
