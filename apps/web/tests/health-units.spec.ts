import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerEnv } from '../src/server/env';
import { describeError } from '../src/server/health/errors';
import { checkRest } from '../src/server/health/rest-check';
import { CheckTimeout, withTimeout } from '../src/server/health/timeout';
import { fakeSupabaseJwt } from './support/fake-secrets';
import {
  startFakePostgrest,
  type FakePostgrest,
} from './support/fake-postgrest';

describe('describeError', () => {
  const withCode = (
    code: string,
    message = 'connect ECONNREFUSED 10.0.0.1:5432 user=admin',
  ) => Object.assign(new Error(message), { code });

  it.each([
    [new CheckTimeout(300), 'TIMEOUT', 'timed out after 300 ms'],
    [withCode('ECONNREFUSED'), 'ECONNREFUSED', 'connection refused'],
    [
      new TypeError('fetch failed', { cause: withCode('ENOTFOUND') }),
      'ENOTFOUND',
      'host not found',
    ],
    [
      withCode('28P01', 'password authentication failed for user "admin"'),
      '28P01',
      'authentication failed',
    ],
    [withCode('42P01'), '42P01', 'query failed (SQLSTATE 42P01)'],
    [
      new Error('Connection terminated due to connection timeout'),
      'TIMEOUT',
      'timed out after 300 ms',
    ],
    [
      new Error('postgres://admin:pw@db/app is broken'),
      'UNKNOWN',
      'request failed',
    ],
  ])('%s -> %s', (error, code, detail) => {
    expect(describeError(error, 300)).toEqual({ code, detail });
  });
});

describe('withTimeout', () => {
  it('rejects with CheckTimeout and aborts the signal it handed out', async () => {
    let signal: AbortSignal | undefined;
    const pending = withTimeout(20, (s) => {
      signal = s;
      return new Promise(() => undefined);
    });
    await expect(pending).rejects.toBeInstanceOf(CheckTimeout);
    expect(signal?.aborted).toBe(true);
  });

  it('passes the result through when the work is on time', async () => {
    await expect(withTimeout(1_000, async () => 42)).resolves.toBe(42);
  });
});

describe('loadServerEnv', () => {
  const good = {
    NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321',
    NEXT_PUBLIC_SUPABASE_ANON_KEY: fakeSupabaseJwt('anon'),
  };

  it('applies defaults and treats empty strings as missing', () => {
    const loaded = loadServerEnv({
      ...good,
      HEALTH_TIMEOUT_MS: '',
      DATABASE_URL: '',
    });
    expect(loaded).toMatchObject({
      ok: true,
      env: { HEALTH_TIMEOUT_MS: 2000, LOG_LEVEL: 'info' },
    });
    expect(loaded.ok && loaded.env.DATABASE_URL).toBeUndefined();
  });

  it('refuses a service-role key in the anon slot, naming it without its value', () => {
    const key = fakeSupabaseJwt('service_role');
    const loaded = loadServerEnv({
      ...good,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: key,
    });
    expect(loaded.ok).toBe(false);
    const text = JSON.stringify(loaded);
    expect(text).toContain('NEXT_PUBLIC_SUPABASE_ANON_KEY');
    expect(text).not.toContain(key);
  });

  it.each([
    ['DATABASE_URL', 'mysql://u@h/db'],
    ['HEALTH_TIMEOUT_MS', '49'],
    ['LOG_LEVEL', 'loud'],
    ['SUPABASE_HEALTH_TABLE', 'users; drop table x'],
  ])('rejects a bad %s', (name, value) => {
    const loaded = loadServerEnv({ ...good, [name]: value });
    expect(loaded.ok).toBe(false);
    expect(JSON.stringify(loaded)).not.toContain(value);
  });
});

describe('checkRest against a PostgREST-shaped server', () => {
  const anonKey = fakeSupabaseJwt('anon');
  let rest: FakePostgrest;

  beforeAll(async () => {
    rest = await startFakePostgrest(anonKey);
  });

  afterAll(async () => rest?.close());

  function env(table?: string) {
    const loaded = loadServerEnv({
      NEXT_PUBLIC_SUPABASE_URL: rest.url,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
      HEALTH_TIMEOUT_MS: '1000',
      ...(table ? { SUPABASE_HEALTH_TABLE: table } : {}),
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    return loaded.env;
  }

  it.each([
    [undefined, 'ok', undefined],
    ['health', 'ok', undefined],
    ['missing_table', 'fail', 'HTTP_404'],
  ])('with SUPABASE_HEALTH_TABLE=%s -> %s', async (table, status, code) => {
    const result = await checkRest(env(table));
    expect(result.status).toBe(status);
    expect(result.code).toBe(code);
  });
});
