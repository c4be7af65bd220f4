import { fakeFactory, randomToken } from '@shipshape/secrets/testing';
import { z } from 'zod';
import { defineEnv } from './define.js';
import { formatEnvIssues, type EnvIssue } from './issues.js';
import { validateEnv } from './validate-env.js';
import { envVar } from './vars.js';

const fake = fakeFactory(`env-${randomToken(8)}`);

const definition = defineEnv({
  server: {
    DATABASE_URL: envVar.url(),
    SUPABASE_SERVICE_ROLE_KEY: envVar.string(),
    LOG_LEVEL: envVar.enum(['debug', 'info', 'warn']).default('info'),
    PORT: envVar.port().default(3000),
    FEATURE_X: envVar.boolean().default(false),
    ALLOWED_ORIGINS: envVar.list().default([]),
  },
  client: {
    NEXT_PUBLIC_SUPABASE_URL: envVar.httpUrl(),
    NEXT_PUBLIC_SUPABASE_ANON_KEY: envVar.string(),
  },
});

function validSource(): Record<string, string> {
  return {
    DATABASE_URL: fake.supabaseDbUrl(),
    SUPABASE_SERVICE_ROLE_KEY: fake.supabaseServiceRole(),
    NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
    NEXT_PUBLIC_SUPABASE_ANON_KEY: fake.supabaseAnon(),
  };
}

function expectNoValue(
  output: { ok: boolean; issues?: EnvIssue[] },
  ...values: string[]
) {
  const text = JSON.stringify(output) + formatEnvIssues(output.issues ?? []);
  for (const value of values) expect(text).not.toContain(value);
}

describe('validateEnv', () => {
  it('accepts a valid source with typed defaults and coercion', () => {
    const result = validateEnv(definition, {
      ...validSource(),
      PORT: '8080',
      FEATURE_X: 'yes',
      ALLOWED_ORIGINS: 'a.test, b.test,',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.PORT).toBe(8080);
    expect(result.value.FEATURE_X).toBe(true);
    expect(result.value.LOG_LEVEL).toBe('info');
    expect(result.value.ALLOWED_ORIGINS).toEqual(['a.test', 'b.test']);
  });

  it('treats empty strings as missing without touching the source', () => {
    const source = { ...validSource(), PORT: '', DATABASE_URL: '  ' };
    const frozen = Object.freeze({ ...source });
    const result = validateEnv(definition, frozen);
    expect(frozen.PORT).toBe('');
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          variable: 'DATABASE_URL',
          code: 'missing',
          problem: 'is missing (unset or empty)',
        },
      ],
    });
  });

  it('collects every problem at once, by name, without values', () => {
    const secretish = `zz${randomToken(20)}`;
    const result = validateEnv(definition, {
      NEXT_PUBLIC_SUPABASE_URL: secretish,
      LOG_LEVEL: secretish,
      PORT: secretish,
      FEATURE_X: secretish,
      SUPABASE_SERVICE_ROLE_KEY: fake.supabaseServiceRole(),
      NEXT_PUBLIC_SUPABASE_ANON_KEY: fake.supabaseAnon(),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.variable, i.code])).toEqual([
      ['DATABASE_URL', 'missing'],
      ['LOG_LEVEL', 'invalid'],
      ['PORT', 'invalid'],
      ['FEATURE_X', 'invalid'],
      ['NEXT_PUBLIC_SUPABASE_URL', 'invalid'],
    ]);
    expect(result.issues[1].problem).toBe('must be one of: debug, info, warn');
    expectNoValue(result, secretish);
  });

  describe.each([
    ['a service_role JWT', () => fake.supabaseServiceRole()],
    ['an sb_secret_ key', () => fake.supabaseSecret()],
    ['a Resend key', () => fake.resend()],
    ['a connection string with a password', () => fake.supabaseDbUrl()],
    ['a pooler connection string', () => fake.supabasePoolerUrl()],
    ['a Stripe secret key', () => fake.stripeSecret()],
  ])('a NEXT_PUBLIC_ variable holding %s', (_kind, make) => {
    it('is an error that never shows the value', () => {
      const value = make();
      const result = validateEnv(definition, {
        ...validSource(),
        NEXT_PUBLIC_EXTRA: value,
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({
        variable: 'NEXT_PUBLIC_EXTRA',
        code: 'public_secret',
      });
      expectNoValue(result, value);
    });
  });

  it.each([
    ['a service_role JWT', () => fake.supabaseServiceRole(), 'service_role'],
    ['an sb_secret_ key', () => fake.supabaseSecret(), 'supabase-secret-key'],
  ])('rejects %s where the anon key belongs', (_kind, make, mentions) => {
    const value = make();
    for (const name of ['NEXT_PUBLIC_SUPABASE_ANON_KEY', 'SUPABASE_ANON_KEY']) {
      const result = validateEnv(z.object({}), { [name]: value });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues).toEqual([
        expect.objectContaining({ variable: name, code: 'anon_key_role' }),
      ]);
      expect(result.issues[0].problem).toContain(mentions);
      expectNoValue(result, value);
    }
  });

  it('accepts public values that only look like keys: anon JWT, publishable key', () => {
    const result = validateEnv(z.object({}), {
      NEXT_PUBLIC_SUPABASE_ANON_KEY: fake.supabaseAnon(),
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: fake.supabasePublishable(),
      NEXT_PUBLIC_STRIPE_KEY: fake.stripePublishable(),
      NEXT_PUBLIC_SITE_URL: 'https://shop.test/path?x=1',
      SUPABASE_SERVICE_ROLE_KEY: fake.supabaseServiceRole(),
    });
    expect(result).toMatchObject({ ok: true });
  });

  it('can skip the secret-shape checks', () => {
    const result = validateEnv(
      z.object({}),
      { NEXT_PUBLIC_X: fake.supabaseSecret() },
      {
        secretShapes: false,
      },
    );
    expect(result.ok).toBe(true);
  });

  it('never prints an enum value, even in custom refinements left to zod', () => {
    const value = `v-${randomToken(12)}`;
    const schema = z.object({
      MODE: z.enum(['a', 'b']),
      NAME: z.string().min(50),
      CODE: z.string().regex(/^x+$/),
      N: z.coerce.number().max(2),
      EMAIL: z.email(),
    });
    const result = validateEnv(schema, {
      MODE: value,
      NAME: value,
      CODE: value,
      N: '5',
      EMAIL: value,
    });
    expect(result.ok).toBe(false);
    expectNoValue(result, value);
    if (!result.ok) {
      expect(formatEnvIssues(result.issues)).toMatchInlineSnapshot(`
        "  - MODE must be one of: a, b
          - NAME must be at least 50 characters
          - CODE does not match the expected pattern
          - N must be at most 2
          - EMAIL must be a valid email"
      `);
    }
  });
});
