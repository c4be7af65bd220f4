/**
 * Minimal stand-ins for Supabase extensions an engine cannot load: enough
 * schema and function signatures for migrations that call them to apply.
 * Their objects are left out of the model; the extension itself is kept.
 */
export interface ExtensionStub {
  /** Schema the stub's objects live in when the extension owns one. */
  ownSchema?: string;
  /** Functions created in the target schema (`name(args)`), excluded from the model. */
  functions?: string[];
  sql: (schema: string) => string;
}

const PG_NET = `
create schema if not exists net;
create or replace function net.http_get(url text, params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000)
  returns bigint language sql as 'select 0::bigint';
create or replace function net.http_post(url text, body jsonb default '{}'::jsonb,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
  timeout_milliseconds integer default 5000)
  returns bigint language sql as 'select 0::bigint';
create or replace function net.http_delete(url text, params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000)
  returns bigint language sql as 'select 0::bigint';`;

const VAULT = `
create schema if not exists vault;
create table if not exists vault.secrets (
  id uuid primary key default gen_random_uuid(), name text unique, description text default '',
  secret text not null, key_id uuid, nonce bytea, created_at timestamptz default now(),
  updated_at timestamptz default now());
create or replace view vault.decrypted_secrets as
  select s.*, s.secret as decrypted_secret from vault.secrets s;
create or replace function vault.create_secret(new_secret text, new_name text default null,
  new_description text default '', new_key_id uuid default null) returns uuid language sql as
  $$ insert into vault.secrets (secret, name, description) values (new_secret, new_name,
     new_description) returning id $$;
create or replace function vault.update_secret(secret_id uuid, new_secret text default null,
  new_name text default null, new_description text default null, new_key_id uuid default null)
  returns void language sql as $$ select $$;`;

const PG_CRON = `
create schema if not exists cron;
create table if not exists cron.job (jobid bigserial primary key, schedule text not null,
  command text not null, jobname text, active boolean default true);
create or replace function cron.schedule(job_name text, schedule text, command text)
  returns bigint language sql as 'select 0::bigint';
create or replace function cron.schedule(schedule text, command text)
  returns bigint language sql as 'select 0::bigint';
create or replace function cron.unschedule(job_name text) returns boolean
  language sql as 'select true';
create or replace function cron.unschedule(job_id bigint) returns boolean
  language sql as 'select true';`;

export const EXTENSION_STUBS: Readonly<Record<string, ExtensionStub>> = {
  pg_net: { ownSchema: 'net', sql: () => PG_NET },
  supabase_vault: { ownSchema: 'vault', sql: () => VAULT },
  pg_cron: { ownSchema: 'cron', sql: () => PG_CRON },
  moddatetime: {
    functions: ['moddatetime()'],
    sql: (schema) => `
create or replace function ${schema}.moddatetime() returns trigger language plpgsql as $$
begin
  new := jsonb_populate_record(new, jsonb_build_object(tg_argv[0], now()));
  return new;
end $$;`,
  },
};

/** Any other extension: its schema only, so qualified names still resolve. */
export const GENERIC_STUB: ExtensionStub = { sql: () => '' };
