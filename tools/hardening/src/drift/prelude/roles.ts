const ROLES: ReadonlyArray<[string, string]> = [
  ['postgres', 'login createrole createdb'],
  ['anon', 'nologin noinherit'],
  ['authenticated', 'nologin noinherit'],
  ['service_role', 'nologin noinherit bypassrls'],
  ['authenticator', 'login noinherit'],
  ['supabase_admin', 'login createrole createdb bypassrls'],
  ['supabase_auth_admin', 'login noinherit createrole'],
  ['supabase_storage_admin', 'login noinherit createrole'],
  ['supabase_realtime_admin', 'nologin noinherit'],
  ['supabase_replication_admin', 'login replication'],
  ['supabase_functions_admin', 'login noinherit createrole'],
  ['supabase_read_only_user', 'login bypassrls'],
  ['dashboard_user', 'nologin createrole createdb replication'],
  ['pgbouncer', 'login'],
];

/**
 * The platform's roles. Roles belong to the whole cluster, so on a real
 * server they may already exist: each is created only when missing.
 */
export const ROLES_SQL = `
do $$
declare
  wanted record;
begin
  for wanted in select * from (values ${ROLES.map(
    ([name, options]) => `('${name}', '${options}')`,
  ).join(', ')}) as r(name, options) loop
    if not exists (select 1 from pg_roles where rolname = wanted.name) then
      execute format('create role %I %s', wanted.name, wanted.options);
    end if;
  end loop;
end $$;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;
`;
