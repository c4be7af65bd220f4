import { createHash } from 'node:crypto';
import { ROLES_SQL } from './roles.js';
import { AUTH_SQL, STORAGE_SQL } from './platform.js';

/**
 * What a Supabase project has before its first migration: roles, the auth,
 * storage, extensions and realtime schemas with the objects migrations
 * commonly reference, the API roles' default privileges and the platform's
 * search_path. Applied once to a fresh scratch database.
 */
export const PRELUDE_SQL = [
  ROLES_SQL,
  `
create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists storage;
create schema if not exists realtime;
create schema if not exists graphql_public;

grant usage on schema public to postgres, anon, authenticated, service_role;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema storage to postgres, anon, authenticated, service_role;
grant usage on schema graphql_public to postgres, anon, authenticated, service_role;

alter default privileges for role postgres in schema public
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on sequences to postgres, anon, authenticated, service_role;
`,
  AUTH_SQL,
  STORAGE_SQL,
  `
do $$ begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end $$;

do $$ begin
  execute format('alter database %I set search_path = "$user", public, extensions',
    current_database());
end $$;
`,
].join('\n');

/** The search_path Supabase gives every session; set on both sides. */
export const SUPABASE_SEARCH_PATH = '"$user", public, extensions';

/** Changes whenever the prelude does; keys the cached base state and Nx inputs. */
export const PRELUDE_VERSION = createHash('sha256')
  .update(PRELUDE_SQL)
  .digest('hex')
  .slice(0, 16);

/**
 * Schemas the platform owns: their objects are compared only where the
 * migrations changed them relative to the prelude (three-way).
 */
export const PLATFORM_SCHEMAS: ReadonlySet<string> = new Set([
  'auth',
  'storage',
  'extensions',
  'realtime',
  '_realtime',
  'graphql',
  'graphql_public',
  'vault',
  'net',
  'cron',
  'pgsodium',
  'pgsodium_masks',
  'pgbouncer',
  'supabase_functions',
  'supabase_migrations',
  '_analytics',
  '_supavisor',
  'pgtle',
]);

/** Roles the platform manages; their default privileges are platform state. */
export const PLATFORM_ROLES: ReadonlySet<string> = new Set([
  'supabase_admin',
  'supabase_auth_admin',
  'supabase_storage_admin',
  'supabase_realtime_admin',
  'supabase_replication_admin',
  'supabase_functions_admin',
  'supabase_read_only_user',
  'dashboard_user',
  'pgbouncer',
  'authenticator',
  'pgsodium_keyholder',
  'pgsodium_keyiduser',
  'pgsodium_keymaker',
]);

/** Extensions a Supabase project ships with; compared only where migrations touch them. */
export const PLATFORM_EXTENSIONS: ReadonlySet<string> = new Set([
  'plpgsql',
  'pg_graphql',
  'pg_stat_statements',
  'pgcrypto',
  'uuid-ossp',
  'supabase_vault',
  'pgsodium',
  'pgjwt',
]);
