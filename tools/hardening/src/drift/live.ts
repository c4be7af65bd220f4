import { readModel } from './catalog/read.js';
import type { SchemaModel } from './model.js';
import { connect } from './scratch/server.js';

/**
 * Reads a deployed database without writing to it: the session is read-only
 * before the first query and the catalog read runs in a read-only
 * transaction that is rolled back.
 */
export async function readLiveModel(url: string): Promise<SchemaModel> {
  const client = await connect(url, '--live-url');
  try {
    await client.query('set session characteristics as transaction read only');
    return await readModel({
      query: async <Row>(sql: string) =>
        (await client.query(sql)).rows as Row[],
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
