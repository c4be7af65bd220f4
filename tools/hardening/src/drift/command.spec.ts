import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from './testing.js';

const BIN = new URL('../../bin/shipshape.mjs', import.meta.url).pathname;
const shipshape = (cwd: string, ...args: string[]) =>
  execa('node', [BIN, 'drift', ...args], {
    cwd,
    reject: false,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });

const MIGRATION = `create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  bio text default 'hello'
);
alter table public.profiles enable row level security;
create policy "own profile" on public.profiles for select using (auth.uid() = id);
`;

describe('shipshape drift (CLI)', () => {
  it('exits 0 quietly when in sync, 1 with readable lines on drift', async () => {
    const root = makeProject({
      'supabase/migrations/20240101000000_profiles.sql': MIGRATION,
      'supabase/schema.sql': MIGRATION,
    });
    const clean = await shipshape(root);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toMatch(/^shipshape drift: ok \(2 files, [\d.]+s\)$/);

    writeFileSync(
      join(root, 'supabase/schema.sql'),
      MIGRATION.replace("'hello'", "'hi'") +
        'create policy "admins" on public.profiles for all to service_role using (true);\n',
    );
    const drift = await shipshape(root);
    expect(drift.exitCode).toBe(1);
    expect(drift.stdout.split('\n')).toEqual([
      'drift: supabase/migrations (1 files) -> supabase/schema.sql',
      "~ column public.profiles.bio: default 'hello'::text -> 'hi'::text",
      '    at supabase/migrations/20240101000000_profiles.sql:3',
      '+ policy "admins" on public.profiles',
      '    at supabase/schema.sql:7',
      expect.stringMatching(
        /^shipshape drift: 2 findings \(2 files, [\d.]+s\)$/,
      ),
    ]);
  }, 120_000);

  it('prints the DESIGN.md JSON shape and SARIF with stable fingerprints', async () => {
    const root = makeProject({
      'supabase/migrations/1.sql': MIGRATION,
      'supabase/schema.sql': MIGRATION.replace(
        'enable row level',
        'disable row level',
      ),
    });
    const json = JSON.parse((await shipshape(root, '--format', 'json')).stdout);
    expect(json).toMatchObject({
      tool: 'shipshape',
      command: 'drift',
      ok: false,
      findings: [
        {
          ruleId: 'drift/changed',
          severity: 'high',
          message: '~ table public.profiles: rls yes -> no',
          location: { file: 'supabase/migrations/1.sql', line: 5 },
          properties: {
            kind: 'table',
            attribute: 'rls',
            from: 'yes',
            to: 'no',
          },
        },
      ],
      stats: { files: 2 },
      drift: { engine: 'pglite', changed: 1, extra: 0, missing: 0 },
    });
    const sarif = JSON.parse(
      (await shipshape(root, '--format', 'sarif')).stdout,
    );
    const [result] = sarif.runs[0].results;
    expect(sarif.version).toBe('2.1.0');
    expect(result.ruleId).toBe('drift/changed');
    expect(result.partialFingerprints['shipshape/v1']).toBe(
      json.findings[0].fingerprint,
    );
  }, 120_000);

  it('exits 2 naming what to do when there is no canonical schema', async () => {
    const root = makeProject({ 'supabase/migrations/1.sql': MIGRATION });
    const result = await shipshape(root);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--schema: no canonical schema at');
    expect(result.stderr).toContain('shipshape drift --update');
  }, 60_000);

  it('--update writes a schema that is then in sync, and rewrites nothing twice', async () => {
    const root = makeProject({
      'supabase/migrations/1.sql': `${MIGRATION}
create function public.handle_new_user() returns trigger language plpgsql security definer
  set search_path = '' as $$ begin insert into public.profiles (id) values (new.id); return new; end $$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function public.handle_new_user();
revoke execute on function public.handle_new_user() from public, anon, authenticated;
grant select (bio) on public.profiles to anon;
create view public.bios as select bio from public.profiles;
insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true);
create policy "avatar reads" on storage.objects for select using (bucket_id = 'avatars');
alter publication supabase_realtime add table public.profiles;
alter default privileges in schema public revoke execute on functions from anon;`,
    });
    const first = await shipshape(root, '--update');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe('shipshape drift: wrote supabase/schema.sql');
    const schema = readFileSync(join(root, 'supabase/schema.sql'), 'utf8');
    expect(schema).toContain(
      'CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users',
    );
    expect(schema).toContain(
      'revoke all on function public.handle_new_user() from PUBLIC;',
    );
    expect((await shipshape(root)).exitCode).toBe(0);
    const again = await shipshape(root, '--update');
    expect(again.stdout).toBe(
      'shipshape drift: supabase/schema.sql already up to date',
    );
  }, 180_000);

  it('--update keeps a backup only when git cannot restore the old file', async () => {
    const root = makeProject({
      'supabase/migrations/1.sql': 'create table public.a (id int);',
      'supabase/schema.sql':
        '-- hand-written\ncreate table public.a (id int);\n',
    });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root });
    git('init', '-q');
    git('config', 'user.email', 'drift@example.test');
    git('config', 'user.name', 'drift test');
    git('add', '.');
    git('commit', '-qm', 'init');
    await shipshape(root, '--update');
    expect(existsSync(join(root, 'supabase/schema.sql.bak'))).toBe(false);

    writeFileSync(
      join(root, 'supabase/schema.sql'),
      '-- edited, not committed\n',
    );
    const result = await shipshape(root, '--update');
    expect(result.stdout).toContain(
      'previous content kept in supabase/schema.sql.bak',
    );
    expect(readFileSync(join(root, 'supabase/schema.sql.bak'), 'utf8')).toBe(
      '-- edited, not committed\n',
    );
  }, 180_000);

  it('reads declarative schemas in the order config.toml lists them', async () => {
    const root = makeProject({
      'supabase/migrations/1.sql': MIGRATION,
      'supabase/schemas/a_policies.sql': MIGRATION.split('\n')
        .slice(4)
        .join('\n'),
      'supabase/schemas/b_tables.sql': MIGRATION.split('\n')
        .slice(0, 4)
        .join('\n'),
      'supabase/config.toml':
        '[db.migrations]\nschema_paths = ["./schemas/b_tables.sql", "./schemas/*.sql"]\n',
    });
    const result = await shipshape(root);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  }, 60_000);
});
