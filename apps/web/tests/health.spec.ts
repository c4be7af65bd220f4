import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../scripts/lib/serve';
import { TEST_DIST_DIR } from './support/build';
import {
  fakePassword,
  fakeSupabaseJwt,
  withPassword,
} from './support/fake-secrets';
import {
  startBlackHole,
  startFakePostgrest,
  type FakePostgrest,
} from './support/fake-postgrest';
import { PG_URL, requirePostgres } from './support/postgres';

requirePostgres();

interface Report {
  status: 'ok' | 'degraded';
  checks: Array<{
    name: string;
    status: string;
    code?: string;
    detail: string;
    durationMs: number;
  }>;
}

async function health(
  app: RunningApp,
): Promise<{ status: number; body: Report; text: string }> {
  const response = await fetch(`${app.url}/api/health`);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Report, text };
}

function check(report: Report, name: string) {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} check in ${JSON.stringify(report)}`);
  return found;
}

function logLines(app: RunningApp): Array<Record<string, unknown>> {
  return app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.skipIf(!PG_URL)('/api/health on the production build', () => {
  const anonKey = fakeSupabaseJwt('anon');
  const password = fakePassword();
  const databaseUrl = withPassword(
    PG_URL ?? 'postgres://x@127.0.0.1/x',
    password,
  );
  const secrets = [anonKey, password, databaseUrl];
  let rest: FakePostgrest;
  let healthy: RunningApp;

  beforeAll(async () => {
    rest = await startFakePostgrest(anonKey);
    healthy = await startApp({
      distDir: TEST_DIST_DIR,
      env: {
        NEXT_PUBLIC_SUPABASE_URL: rest.url,
        NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
        DATABASE_URL: databaseUrl,
        // Generous: a loaded CI machine must not turn a healthy check into a timeout.
        HEALTH_TIMEOUT_MS: '5000',
      },
    });
  });

  afterAll(async () => {
    await healthy?.stop();
    await rest?.close();
  });

  function expectNoSecret(...texts: string[]) {
    for (const text of texts) {
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/postgres(ql)?:\/\//);
      expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  }

  it('answers 200 with every check ok when REST and the database answer', async () => {
    rest.mode = 'healthy';
    const { status, body, text } = await health(healthy);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.map((c) => [c.name, c.status])).toEqual([
      ['env', 'ok'],
      ['rest', 'ok'],
      ['database', 'ok'],
    ]);
    expect(rest.requests.at(-1)).toMatchObject({
      apikey: anonKey,
      authorization: `Bearer ${anonKey}`,
    });
    expectNoSecret(text, healthy.output());
  });

  it('sends no-store and hardening headers, and no X-Powered-By', async () => {
    const response = await fetch(`${healthy.url}/api/health`);
    await response.arrayBuffer();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('logs one structured line per check, with its duration and no secret', async () => {
    const before = logLines(healthy).length;
    await health(healthy);
    const lines = logLines(healthy).slice(before);
    for (const name of ['env', 'rest', 'database']) {
      const perCheck = lines.filter((line) => line.check === name);
      expect(perCheck).toHaveLength(1);
      expect(typeof perCheck[0].durationMs).toBe('number');
      expect(perCheck[0].service).toBe('web');
    }
    expectNoSecret(healthy.output());
  });

  it('reuses connections across repeated calls', async () => {
    rest.mode = 'healthy';
    await health(healthy);
    const restConnections = rest.connections;
    for (let i = 0; i < 5; i++)
      expect((await health(healthy)).status).toBe(200);
    expect(rest.connections).toBe(restConnections);

    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        "select count(*)::int as n from pg_stat_activity where application_name = 'shipshape-web-health'",
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await admin.end();
    }
  });

  it('answers 503 when REST answers 503, without retrying', async () => {
    rest.mode = 'error-503';
    const before = rest.requests.length;
    const { status, body, text } = await health(healthy);
    rest.mode = 'healthy';
    expect(status).toBe(503);
    expect(body.status).toBe('degraded');
    expect(check(body, 'rest')).toMatchObject({
      status: 'fail',
      code: 'HTTP_503',
    });
    expect(check(body, 'database').status).toBe('ok');
    expect(rest.requests.length - before).toBe(1);
    expectNoSecret(text);
  });

  it('answers 503 when REST rejects the key', async () => {
    rest.mode = 'reject-key';
    const { status, body } = await health(healthy);
    rest.mode = 'healthy';
    expect(status).toBe(503);
    expect(check(body, 'rest')).toMatchObject({
      status: 'fail',
      code: 'HTTP_401',
    });
  });

  it('answers 503 with a timeout when REST is slow', async () => {
    rest.mode = 'slow';
    const { status, body, text } = await health(healthy);
    rest.mode = 'healthy';
    expect(status).toBe(503);
    expect(check(body, 'rest')).toMatchObject({
      status: 'fail',
      code: 'TIMEOUT',
    });
    expect(check(body, 'rest').detail).toContain('timed out after 5000 ms');
    expectNoSecret(text, healthy.output());
  });

  it('does not serve test-only endpoints from a production build', async () => {
    const reset = await fetch(`${healthy.url}/api/test/reset`, {
      method: 'POST',
    });
    expect(reset.status).toBe(404);
  });

  describe('with REST and the database down', () => {
    let down: RunningApp;
    const closedPassword = fakePassword();

    beforeAll(async () => {
      const closedRest = await startFakePostgrest(anonKey);
      const closedDb = await startBlackHole();
      // Take ports that were just in use and close them: connection refused.
      await closedRest.close();
      await closedDb.close();
      down = await startApp({
        distDir: TEST_DIST_DIR,
        env: {
          NEXT_PUBLIC_SUPABASE_URL: closedRest.url,
          NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
          DATABASE_URL: `postgres://postgres:${closedPassword}@127.0.0.1:${closedDb.port}/postgres`,
          HEALTH_TIMEOUT_MS: '1500',
        },
      });
    });

    afterAll(async () => down?.stop());

    it('answers 503 naming both failures, with no connection string', async () => {
      const { status, body, text } = await health(down);
      expect(status).toBe(503);
      expect(check(body, 'rest').status).toBe('fail');
      expect(check(body, 'database')).toMatchObject({
        status: 'fail',
        code: 'ECONNREFUSED',
      });
      expectNoSecret(text, down.output());
      expect(text + down.output()).not.toContain(closedPassword);
    });
  });

  describe('with a database that hangs', () => {
    let hanging: RunningApp;
    let hole: Awaited<ReturnType<typeof startBlackHole>>;

    beforeAll(async () => {
      hole = await startBlackHole();
      hanging = await startApp({
        distDir: TEST_DIST_DIR,
        env: {
          NEXT_PUBLIC_SUPABASE_URL: rest.url,
          NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
          DATABASE_URL: `postgres://postgres:${password}@127.0.0.1:${hole.port}/postgres`,
          HEALTH_TIMEOUT_MS: '400',
        },
      });
    });

    afterAll(async () => {
      await hanging?.stop();
      await hole?.close();
    });

    it('gives up after the timeout and answers 503', async () => {
      const { status, body, text } = await health(hanging);
      expect(status).toBe(503);
      expect(check(body, 'database')).toMatchObject({
        status: 'fail',
        code: 'TIMEOUT',
      });
      expect(check(body, 'rest').status).toBe('ok');
      expectNoSecret(text, hanging.output());
    });
  });

  describe('with a bad env', () => {
    let bad: RunningApp;
    const serviceKey = fakeSupabaseJwt('service_role');

    beforeAll(async () => {
      bad = await startApp({
        distDir: TEST_DIST_DIR,
        env: {
          NEXT_PUBLIC_SUPABASE_URL: 'not a url',
          NEXT_PUBLIC_SUPABASE_ANON_KEY: serviceKey,
          DATABASE_URL: `mysql://root:${password}@127.0.0.1/app`,
          HEALTH_TIMEOUT_MS: '',
        },
      });
    });

    afterAll(async () => bad?.stop());

    it('answers 503 naming the variables, never their values', async () => {
      const { status, body, text } = await health(bad);
      expect(status).toBe(503);
      const env = check(body, 'env');
      expect(env).toMatchObject({ status: 'fail', code: 'INVALID_ENV' });
      for (const name of [
        'NEXT_PUBLIC_SUPABASE_URL',
        'NEXT_PUBLIC_SUPABASE_ANON_KEY',
        'DATABASE_URL',
      ]) {
        expect(env.detail).toContain(name);
      }
      expect(env.detail).not.toContain('HEALTH_TIMEOUT_MS');
      expect(check(body, 'rest').status).toBe('skipped');
      expect(check(body, 'database').status).toBe('skipped');
      for (const output of [text, bad.output()]) {
        expect(output).not.toContain(serviceKey);
        expect(output).not.toContain(password);
        expect(output).not.toContain('not a url');
      }
    });
  });
});
