import type { SchemaModel } from '../model.js';
import type { Queryable } from '../scratch/types.js';
import {
  readConstraints,
  readIndexes,
  readPolicies,
  readTriggers,
} from './dependents.js';
import {
  readBuckets,
  readExtensions,
  readPublications,
  readSchemas,
} from './globals.js';
import { readDefaultPrivileges, readGrants } from './privileges.js';
import { readColumns, readRelations } from './relations.js';
import { readFunctions, readTypes } from './routines.js';

const READERS = [
  readSchemas,
  readExtensions,
  readTypes,
  readRelations,
  readColumns,
  readConstraints,
  readIndexes,
  readFunctions,
  readTriggers,
  readPolicies,
  readGrants,
  readDefaultPrivileges,
  readPublications,
  readBuckets,
];

/**
 * Reads the schema from the catalogs inside one read-only transaction with
 * search_path fixed to pg_catalog, so every deparsed name comes out
 * schema-qualified the same way on both sides.
 */
export async function readModel(
  db: Queryable,
  options: { inTransaction?: boolean } = {},
): Promise<SchemaModel> {
  const model: SchemaModel = new Map();
  // Inside a caller's transaction a savepoint scopes the settings instead.
  const [open, close] = options.inTransaction
    ? ['savepoint shipshape_read', 'rollback to savepoint shipshape_read']
    : [
        'begin transaction isolation level repeatable read read only',
        'rollback',
      ];
  await db.query(open);
  try {
    await db.query('set local search_path = pg_catalog');
    await db.query("set local statement_timeout = '60s'");
    for (const read of READERS) await read(db, model);
  } finally {
    await db.query(close);
  }
  return model;
}
