import { describe, expect, it, vi } from 'vitest';
import { isShipshapeError } from '../errors.js';
import { runDrift } from './run.js';
import {
  driftLines,
  driftOptions,
  makeProject,
  TEST_ENGINES,
} from './testing.js';

// Each case starts a database; machines under load need the room.
vi.setConfig({ testTimeout: 240_000 });

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isShipshapeError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the run to fail');
}

describe.each(TEST_ENGINES)('failing migrations on $name', (engine) => {
  it('names the file, the statement line and the database message', async () => {
    const root = makeProject({
      'supabase/migrations/20240101_ok.sql': 'create table public.a (id int);',
      'supabase/migrations/20240102_bad.sql':
        '-- adds b\ncreate table public.b (id int);\n\ncreate view public.v as\n  select id, missing from public.b;\n',
      'supabase/schema.sql': '',
    });
    const message = await failure(runDrift(driftOptions(root, engine)));
    expect(message).toMatch(
      /^supabase\/migrations\/20240102_bad\.sql:5: the statement failed: column "missing" does not exist/,
    );
  });

  it('points at the statement when the server gives no position', async () => {
    const root = makeProject({
      'supabase/migrations/1.sql':
        'create table public.a (id int);\n\ncreate table public.a (id int);',
      'supabase/schema.sql': '',
    });
    const message = await failure(runDrift(driftOptions(root, engine)));
    expect(message).toMatch(
      /^supabase\/migrations\/1\.sql:3: .*"a" already exists/,
    );
  });

  it('names the canonical schema file when it fails', async () => {
    const root = makeProject({
      'supabase/migrations/1.sql': 'create table public.a (id int);',
      'supabase/schema.sql':
        'create table public.a (id int);\ncreate tabel oops;',
    });
    expect(await failure(runDrift(driftOptions(root, engine)))).toMatch(
      /^supabase\/schema\.sql:2: the statement failed: syntax error at or near "tabel"/,
    );
  });
});

describe('extensions the embedded engine lacks', () => {
  const migration = `create extension if not exists pg_net with schema extensions;
create extension if not exists supabase_vault;
create table public.hooks (id int);
create function public.ping() returns bigint language sql as $$
  select net.http_post('https://example.test/hook', '{}'::jsonb) $$;
select vault.create_secret('not-a-real-value', 'hook_token');`;

  it('names the migration, the line and the stub and skip options', async () => {
    const root = makeProject({
      'supabase/migrations/1_hooks.sql': migration,
      'supabase/schema.sql': '',
    });
    const message = await failure(
      runDrift(driftOptions(root, { name: 'pglite' })),
    );
    expect(message).toBe(
      'supabase/migrations/1_hooks.sql:1: extension "pg_net" is not available in the embedded PostgreSQL (PGlite); ' +
        'pass --stub-extension pg_net to stand in a minimal stub, --skip-extension pg_net to leave the statement out, ' +
        'or apply on a server that has it with --scratch-url URL.',
    );
  });

  it('applies with stubs and compares the extensions, not the stub objects', async () => {
    const root = makeProject({
      'supabase/migrations/1_hooks.sql': migration,
      'supabase/schema.sql': migration
        .split('\n')
        .slice(0, 5)
        .join('\n')
        .replace('with schema extensions', 'with schema public'),
    });
    const extensions = {
      stub: new Set(['pg_net', 'supabase_vault']),
      skip: new Set<string>(),
    };
    expect(await driftLines(root, { name: 'pglite' }, { extensions })).toEqual([
      '~ extension pg_net: schema extensions -> public',
    ]);
  });

  it('leaves skipped extensions out on both sides', async () => {
    const root = makeProject({
      'supabase/migrations/1.sql':
        'create extension if not exists pg_cron;\ncreate table public.a (id int);',
      'supabase/schema.sql': 'create table public.a (id int);',
    });
    const extensions = { stub: new Set<string>(), skip: new Set(['pg_cron']) };
    expect(await driftLines(root, { name: 'pglite' }, { extensions })).toEqual(
      [],
    );
  });
});
