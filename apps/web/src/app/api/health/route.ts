import { runHealthChecks } from '../../../server/health/run-checks';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * The self-check: 200 when every configured dependency answers, 503 when
 * any check fails. The body never carries a value, a URL or a stack.
 */
export async function GET(): Promise<Response> {
  const report = await runHealthChecks();
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
