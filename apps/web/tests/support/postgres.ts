/**
 * The PostgreSQL test server from scripts/services/postgres.sh. Tests skip
 * without it locally and fail in CI, where .ci/run always starts it.
 */
export const PG_URL = process.env.SHIPSHAPE_TEST_PG_URL;

export function requirePostgres(): void {
  if (!PG_URL && process.env.CI) {
    throw new Error(
      'SHIPSHAPE_TEST_PG_URL is not set: run scripts/services/postgres.sh start and export its URL.',
    );
  }
}
