import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { appLogger } from '../logger';

/**
 * Long-lived clients shared by every health request, so repeated checks
 * reuse sockets instead of paying a TCP (and TLS) handshake each time.
 * Keyed by their settings: a changed env gets fresh clients.
 */
interface Clients {
  supabase?: { key: string; client: SupabaseClient };
  pool?: { key: string; pool: pg.Pool };
}

const GLOBAL_KEY = Symbol.for('shipshape.web.health-clients');
const store = globalThis as typeof globalThis & { [GLOBAL_KEY]?: Clients };
const clients: Clients = (store[GLOBAL_KEY] ??= {});

export function supabaseClient(url: string, anonKey: string): SupabaseClient {
  const key = `${url}\n${anonKey}`;
  if (clients.supabase?.key === key) return clients.supabase.client;
  const client = createClient(url, anonKey, {
    auth: {
      persistSession: false,
      autoRefreshToken: false,
      detectSessionInUrl: false,
    },
    global: { fetch: noStoreFetch },
  });
  clients.supabase = { key, client };
  return client;
}

export function databasePool(
  connectionString: string,
  timeoutMs: number,
): pg.Pool {
  const key = `${connectionString}\n${timeoutMs}`;
  if (clients.pool?.key === key) return clients.pool.pool;
  void clients.pool?.pool.end().catch(() => undefined);

  const pool = new pg.Pool({
    connectionString,
    max: 2,
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    application_name: 'shipshape-web-health',
    allowExitOnIdle: true,
  });
  // An idle client dies when the server restarts; without a listener the
  // process would crash. Only the code is logged: messages can quote hosts.
  pool.on('error', (error) => {
    appLogger().warn(
      {
        check: 'database',
        code: (error as { code?: string }).code ?? 'UNKNOWN',
      },
      'idle database connection closed',
    );
  });
  clients.pool = { key, pool };
  return pool;
}

/** Drops every shared client; the next check connects afresh. */
export async function resetClients(): Promise<void> {
  const pool = clients.pool?.pool;
  clients.pool = undefined;
  clients.supabase = undefined;
  await pool?.end().catch(() => undefined);
}

// Next caches fetch in some contexts; a health probe must always go out.
const noStoreFetch: typeof fetch = (input, init) =>
  fetch(input, { ...init, cache: 'no-store' });
