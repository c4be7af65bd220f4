import type { Metadata } from 'next';
import { runHealthChecks } from '../../server/health/run-checks';
import { CHECK_LABELS, type CheckStatus } from '../../server/health/types';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Status' };

const STATUS_TEXT: Record<CheckStatus, string> = {
  ok: 'Operational',
  fail: 'Failing',
  skipped: 'Not checked',
};

/** The health checks for people: rendered on the server, no client JS needed. */
export default async function StatusPage() {
  const report = await runHealthChecks();
  const healthy = report.status === 'ok';
  return (
    <>
      <h1>Service status</h1>
      <section aria-labelledby="overall-heading" className="overall">
        <h2 id="overall-heading">Overall</h2>
        <p
          className={healthy ? 'badge badge-ok' : 'badge badge-fail'}
          data-testid="overall"
        >
          {healthy
            ? 'All systems operational'
            : 'Degraded: at least one check is failing'}
        </p>
        <p>
          Checked at <time dateTime={report.checkedAt}>{report.checkedAt}</time>
          . <a href="/status">Check again</a>
        </p>
      </section>
      <section aria-labelledby="checks-heading">
        <h2 id="checks-heading">Checks</h2>
        <table className="checks">
          <caption>One row per dependency the app needs</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {report.checks.map((check) => (
              <tr
                key={check.name}
                data-check={check.name}
                data-status={check.status}
              >
                <th scope="row">{CHECK_LABELS[check.name]}</th>
                <td>
                  <span className={`badge badge-${check.status}`}>
                    {STATUS_TEXT[check.status]}
                  </span>
                </td>
                <td>{check.durationMs} ms</td>
                <td>{check.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
