import { normaliseKey, sensitiveKeyMatcher } from './keys.js';

describe('sensitiveKeyMatcher', () => {
  const sensitive = sensitiveKeyMatcher();

  it.each([
    'authorization',
    'Authorization',
    'AUTHORIZATION',
    'proxy-authorization',
    'cookie',
    'Cookie',
    'set-cookie',
    'Set-Cookie',
    'password',
    'PASSWORD',
    'userPassword',
    'db_password',
    'token',
    'accessToken',
    'refresh_token',
    'X-Auth-Token',
    'apiKey',
    'api_key',
    'API-KEY',
    'x-api-key',
    'secret',
    'clientSecret',
    'WEBHOOK_SECRET',
    'SUPABASE_SERVICE_ROLE_KEY',
    'serviceRoleKey',
    'connectionString',
    'DATABASE_URL',
    'dsn',
    'privateKey',
    'email',
    'userEmail',
    'E-Mail'.replace('-', ''),
    'phone',
    'phoneNumber',
    'ip',
    'IP',
    'ipAddress',
    'x-forwarded-for',
    'X-Real-IP',
    'remoteAddress',
  ])('redacts %s', (key) => {
    expect(sensitive(key)).toBe(true);
  });

  it.each([
    'id',
    'zip',
    'description',
    'relationship',
    'method',
    'path',
    'status',
    'author',
    'promptTokens',
    'tokenCount',
    'tokenType',
    'durationMs',
    'requestId',
  ])('keeps %s', (key) => {
    expect(sensitive(key)).toBe(false);
  });

  it('honours extra keys and allowed keys after normalisation', () => {
    const custom = sensitiveKeyMatcher({
      keys: ['ssn'],
      allowKeys: ['csrf-token'],
    });
    expect(custom('SSN')).toBe(true);
    expect(custom('csrfToken')).toBe(false);
    expect(custom('token')).toBe(true);
  });

  it('can leave personal data alone when asked', () => {
    const noPii = sensitiveKeyMatcher({ pii: false });
    expect(noPii('email')).toBe(false);
    expect(noPii('password')).toBe(true);
  });

  it('normalises casing and separators', () => {
    expect(normaliseKey('Set-Cookie')).toBe('setcookie');
    expect(normaliseKey('SUPABASE_SERVICE_ROLE_KEY')).toBe(
      'supabaseservicerolekey',
    );
  });
});
