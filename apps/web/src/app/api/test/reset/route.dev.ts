import { resetClients } from '../../../../server/health/clients';

export const dynamic = 'force-dynamic';

/**
 * Test-only: drops the shared REST and database clients so the next health
 * check reconnects (after restarting a local database, say). The `.dev.ts`
 * extension keeps this file out of production builds (see next.config.mjs);
 * the guard below refuses it should it ever be compiled into one.
 */
export async function POST(): Promise<Response> {
  if (process.env.NODE_ENV === 'production') {
    return new Response('Not found', { status: 404 });
  }
  await resetClients();
  return Response.json({ reset: true });
}
