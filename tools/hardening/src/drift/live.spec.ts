import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRELUDE_SQL } from './prelude/prelude.js';
import { driftLines, makeProject, TEST_PG_URL } from './testing.js';

const MIGRATION = `
create extension if not exists pgcrypto with schema extensions;
create table public.notes (
  id uuid primary key default gen_random_uuid(),
  owner uuid not null references auth.users (id),
  body text not null default ''
);
alter table public.notes enable row level security;
create policy "own notes" on public.notes for all to authenticated
  using (auth.uid() = owner) with check (auth.uid() = owner);
create function public.touch() returns trigger language plpgsql as $$
  begin return new; end $$;
create trigger notes_touch before update on public.notes
  for each row execute function public.touch();
create trigger new_user after insert on auth.users
  for each row execute function public.touch();
alter publication supabase_realtime add table public.notes;
`;

// What the real platform has and the prelude does not: never drift.
const PLATFORM_EXTRAS = `
create extension if not exists pg_stat_statements with schema extensions;
create table auth.audit_log_entries (id uuid primary key, payload json);
create function auth.extra() returns int language sql as $$ select 1 $$;
create table storage.migrations (id int primary key, name text);
alter default privileges for role supabase_admin in schema public grant all on tables to anon;
`;

describe.runIf(TEST_PG_URL)('--live-url against a deployed database', () => {
  const name = `shipshape_live_${randomBytes(4).toString('hex')}`;
  const reader = `drift_reader_${randomBytes(3).toString('hex')}`;
  let admin: pg.Client;
  let live: pg.Client;
  let liveUrl: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.query(`create role ${reader} login`);
    const url = new URL(TEST_PG_URL as string);
    url.pathname = `/${name}`;
    live = new pg.Client({ connectionString: url.toString() });
    await live.connect();
    await live.query(PRELUDE_SQL);
    await live.query(`set search_path = "$user", public, extensions`);
    await live.query(PLATFORM_EXTRAS);
    await live.query(MIGRATION);
    url.username = reader;
    liveUrl = url.toString();
  }, 60_000);

  afterAll(async () => {
    await live?.end();
    await admin?.query(`drop database if exists ${name} with (force)`);
    await admin?.query(`drop role if exists ${reader}`);
    await admin?.end();
  });

  it('is in sync through a role that cannot write, ignoring platform extras', async () => {
    const root = makeProject({ 'supabase/migrations/1.sql': MIGRATION });
    expect(await driftLines(root, { name: 'pglite' }, { liveUrl })).toEqual([]);
  }, 120_000);

  it('reports what was changed on the live database by hand', async () => {
    await live.query(`
      create policy "peek" on public.notes for select to anon using (true);
      alter table public.notes alter column body drop default;
      drop trigger new_user on auth.users;
      grant usage on schema extensions to supabase_read_only_user;`);
    const before = await live.query('select count(*)::int as n from pg_policy');
    const root = makeProject({ 'supabase/migrations/1.sql': MIGRATION });
    expect(await driftLines(root, { name: 'pglite' }, { liveUrl })).toEqual([
      "~ column public.notes.body: default ''::text -> (none)",
      '- trigger new_user on auth.users',
      '+ policy "peek" on public.notes',
    ]);
    const after = await live.query('select count(*)::int as n from pg_policy');
    expect(after.rows).toEqual(before.rows);
  }, 120_000);
});

describe('PostgreSQL for the drift tests', () => {
  it('is configured whenever CI is set', () => {
    if (process.env.CI) {
      expect(
        TEST_PG_URL,
        'run scripts/services/postgres.sh start and export SHIPSHAPE_TEST_PG_URL',
      ).toBeDefined();
    }
  });
});
