import { fakeFactory, randomToken } from '@shipshape/secrets/testing';
import { createEnv } from './create-env.js';
import { defineEnv } from './define.js';
import { EnvValidationError } from './issues.js';
import { envVar } from './vars.js';

const fake = fakeFactory(`define-${randomToken(8)}`);

describe('defineEnv', () => {
  it('keeps client variables to NEXT_PUBLIC_ and server ones away from it', () => {
    expect(() => defineEnv({ client: { SECRET: envVar.string() } })).toThrow(
      'client variable SECRET must start with NEXT_PUBLIC_',
    );
    expect(() =>
      defineEnv({ server: { NEXT_PUBLIC_URL: envVar.string() } }),
    ).toThrow(
      'server variable NEXT_PUBLIC_URL must not start with NEXT_PUBLIC_',
    );
  });
});

describe('createEnv', () => {
  const definition = defineEnv({
    server: { SERVICE_KEY: envVar.string() },
    client: { NEXT_PUBLIC_URL: envVar.url() },
  });

  it('returns typed, frozen values on the server', () => {
    const env = createEnv(definition, {
      isServer: true,
      runtimeEnv: { SERVICE_KEY: 'k', NEXT_PUBLIC_URL: 'https://x.test' },
    });
    expect(env.SERVICE_KEY).toBe('k');
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('validates only the client half in the browser and guards server names', () => {
    const env = createEnv(definition, {
      isServer: false,
      runtimeEnv: { NEXT_PUBLIC_URL: 'https://x.test' },
    });
    expect(env.NEXT_PUBLIC_URL).toBe('https://x.test');
    expect(() => env.SERVICE_KEY).toThrow(
      'SERVICE_KEY is a server-only variable',
    );
  });

  it('throws one error listing every problem, without values', () => {
    const secret = fake.supabaseSecret();
    let error: unknown;
    try {
      createEnv(definition, {
        isServer: true,
        runtimeEnv: { NEXT_PUBLIC_URL: secret },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    const message = (error as Error).message;
    expect(message).toContain('SERVICE_KEY is missing');
    expect(message).toContain('NEXT_PUBLIC_URL holds a server secret');
    expect(message).toContain('NEXT_PUBLIC_URL must be a valid url');
    expect(message).not.toContain(secret);
    expect(JSON.stringify((error as EnvValidationError).issues)).not.toContain(
      secret,
    );
  });

  it('reads process.env by default without changing it', () => {
    process.env['NEXT_PUBLIC_URL'] = 'https://y.test';
    process.env['SERVICE_KEY'] = '';
    expect(() => createEnv(definition, { isServer: true })).toThrow(
      /SERVICE_KEY is missing/,
    );
    expect(process.env['SERVICE_KEY']).toBe('');
    delete process.env['NEXT_PUBLIC_URL'];
    delete process.env['SERVICE_KEY'];
  });
});
