import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PRELUDE_SQL, SUPABASE_SEARCH_PATH } from '../prelude/prelude.js';
import { ShipshapeError } from '../../errors.js';
import type { Scratch } from './types.js';

/**
 * TODO(cluster roles): roles are cluster-wide, so roles the migrations create
 * outlive the scratch database on that server.
 *
 * A scratch database on a real PostgreSQL server: created with a unique
 * name for this run, given the prelude, and dropped on close.
 */
export async function openServerScratch(
  url: string,
  option = '--scratch-url',
): Promise<Scratch> {
  const admin = await connect(url, option);
  const name = `shipshape_drift_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`create database ${name}`);
  } catch (cause) {
    await admin.end();
    throw new ShipshapeError(
      'SOURCE_UNAVAILABLE',
      `${option}: the server refused to create a scratch database (${messageOf(cause)}); ` +
        'use a role with CREATEDB.',
      { cause },
    );
  }

  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  let client: pg.Client | undefined;
  try {
    client = await connect(scratchUrl.toString(), option);
    await client.query(PRELUDE_SQL);
    await client.query(`set search_path = ${SUPABASE_SEARCH_PATH}`);
    const available = new Set(
      (
        await client.query<{ name: string }>(
          'select name from pg_available_extensions',
        )
      ).rows.map((row) => row.name),
    );
    return wrap(client, available, async () => {
      await client?.end();
      await dropDatabase(admin, name);
    });
  } catch (error) {
    await client?.end().catch(() => undefined);
    await dropDatabase(admin, name);
    throw error;
  }
}

/** Connects with the URL's credentials; the URL never appears in messages. */
export async function connect(url: string, option: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    application_name: 'shipshape-drift',
  });
  // An idle client that loses its server must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('set client_min_messages = warning');
    return client;
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw new ShipshapeError(
      'SOURCE_UNAVAILABLE',
      `${option}: cannot connect to the database (${messageOf(cause)}); check the host, port, ` +
        'database name and credentials.',
      { cause },
    );
  }
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

function wrap(
  client: pg.Client,
  available: Set<string>,
  close: () => Promise<void>,
): Scratch {
  return {
    engine: 'postgres',
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row>(sql: string) {
      return (await client.query(sql)).rows as Row[];
    },
    canCreateExtension: (name) => available.has(name),
    close,
  };
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Connection errors can echo the URL; keep only the first clause, without credentials.
  return message.replace(/postgres(ql)?:\/\/\S+/g, '<url>').split('\n')[0];
}
