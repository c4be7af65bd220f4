import { redactSecrets } from '@shipshape/secrets';
import { fakePostgresUrl, fakeSecret } from '../../test/capture.js';
import { createRedactor } from './redact.js';

const R = '[REDACTED]';

function nest(depth: number, leaf: Record<string, unknown>): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { level: value };
  return value;
}

describe('createRedactor', () => {
  const redactor = createRedactor();
  const keys = [
    'password',
    'Password',
    'PASSWORD',
    'pass_word'.replace('_', ''),
    'apiKey',
    'api-key',
    'API_KEY',
    'Authorization',
    'set-cookie',
    'SERVICE_ROLE_KEY',
    'connection_string',
    'email',
    'Phone',
    'ip',
  ];

  describe.each([0, 1, 2, 5, 8])('at depth %i', (depth) => {
    it.each(keys)('censors %s', (key) => {
      const secret = fakeSecret('v');
      const out = JSON.stringify(
        redactor.value(nest(depth, { [key]: secret, keep: 'ok' })),
      );
      expect(out).not.toContain(secret);
      expect(out).toContain(R);
      expect(out).toContain('"keep":"ok"');
    });
  });

  it('censors whole objects and arrays under a sensitive key', () => {
    const secret = fakeSecret('c');
    const out = JSON.stringify(
      redactor.value({
        headers: {
          cookie: [secret, secret],
          Authorization: { scheme: secret },
        },
      }),
    );
    expect(out).not.toContain(secret);
    expect(out).toBe(`{"headers":{"cookie":"${R}","Authorization":"${R}"}}`);
  });

  it('scrubs secret-shaped substrings in any string, in arrays too', () => {
    const password = fakeSecret('pw');
    const url = fakePostgresUrl(password);
    const out = JSON.stringify(
      redactor.value({
        note: `connecting to ${url}`,
        list: ['a', { deep: [url] }],
      }),
    );
    expect(out).not.toContain(password);
    expect(out).toContain('db.example.test');
  });

  it('serialises errors with message, stack, code and causes scrubbed', () => {
    const password = fakeSecret('pw');
    const root = Object.assign(
      new Error(`connect failed for ${fakePostgresUrl(password)}`),
      {
        code: 'ECONNREFUSED',
        password,
      },
    );
    const error = new TypeError('query failed', {
      cause: new Error('pool', { cause: root }),
    });
    const out = redactor.value({ err: error }) as {
      err: Record<string, Record<string, Record<string, unknown>>>;
    };
    const text = JSON.stringify(out);
    expect(text).not.toContain(password);
    expect(out.err.type).toBe('TypeError');
    expect(out.err.message).toBe('query failed');
    expect(out.err.stack).toContain('TypeError: query failed');
    expect(out.err.cause.cause.code).toBe('ECONNREFUSED');
    expect(out.err.cause.cause.password).toBe(R);
    expect(out.err.cause.cause.stack).not.toContain(password);
  });

  it('serialises aggregate errors and non-error causes', () => {
    const password = fakeSecret('pw');
    const error = new AggregateError(
      [new Error(fakePostgresUrl(password))],
      'many',
      {
        cause: { token: password },
      },
    );
    const text = JSON.stringify(redactor.error(error));
    expect(text).not.toContain(password);
    expect(text).toContain('"errors":[');
  });

  it('handles Headers and Map values by name', () => {
    const secret = fakeSecret('h');
    const headers = new Headers({
      authorization: `Bearer ${secret}`,
      accept: 'text/html',
    });
    const map = new Map([['apiKey', secret]]);
    const text = JSON.stringify(redactor.value({ headers, map }));
    expect(text).not.toContain(secret);
    expect(text).toContain('text/html');
  });

  it('survives cycles, shared references and deep nesting', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic['self'] = cyclic;
    const shared = { password: 'x' };
    const out = redactor.value({ cyclic, one: shared, two: shared }) as Record<
      string,
      Record<string, unknown>
    >;
    expect(out.cyclic.self).toBe('[Circular]');
    expect(out.one.password).toBe(R);
    expect(out.two.password).toBe(R);
    expect(
      JSON.stringify(createRedactor({ maxDepth: 3 }).value(nest(6, {}))),
    ).toContain('[Truncated]');
  });

  it('returns the same object when nothing needs redacting', () => {
    const clean = { a: 1, b: ['x', { c: true }], d: new Date(0) };
    expect(redactor.value(clean)).toBe(clean);
  });

  it('never changes the caller object', () => {
    const input = { password: 'hunter22', nested: { token: 'abc' } };
    redactor.value(input);
    expect(input).toEqual({ password: 'hunter22', nested: { token: 'abc' } });
  });

  it('scrubs whatever the shared secret catalog recognises', () => {
    const samples = [
      fakePostgresUrl(fakeSecret('pw')),
      `mysql://admin:${fakeSecret('m')}@db.test/app`,
    ];
    for (const sample of samples) {
      expect(redactSecrets(sample)).not.toBe(sample);
      expect(redactor.text(`x ${sample} y`)).toBe(
        `x ${redactSecrets(sample)} y`,
      );
    }
  });

  it('uses the configured censor', () => {
    expect(createRedactor({ censor: '***' }).value({ token: 't' })).toEqual({
      token: '***',
    });
  });
});
