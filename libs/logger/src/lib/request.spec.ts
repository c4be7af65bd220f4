import { captureLogger, fakeSecret } from '../test/capture.js';
import {
  pathWithoutQueryValues,
  requestIdOf,
  requestLogger,
  serializeRequest,
  withRequestLogger,
} from './request.js';

describe('request helpers', () => {
  it.each([
    ['https://x.test/search?q=alice&page=2', '/search?q&page'],
    ['https://x.test/a/b', '/a/b'],
    ['https://x.test/cb?code=1&code=2&state=s', '/cb?code&state'],
    ['/relative?token=abc', '/relative?token'],
  ])('path of %s is %s', (url, path) => {
    expect(pathWithoutQueryValues(url)).toBe(path);
  });

  it('serialises method, path and request id only', () => {
    const token = fakeSecret('t');
    const request = new Request(`https://x.test/api/items?token=${token}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'abc-123' },
    });
    expect(serializeRequest(request)).toEqual({
      method: 'POST',
      path: '/api/items?token',
      requestId: 'abc-123',
    });
  });

  it('generates an id when the header is missing or not plain', () => {
    const bad = new Request('https://x.test/', {
      headers: { 'x-request-id': 'a b <script>' },
    });
    expect(requestIdOf(bad)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(new Request('https://x.test/'))).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  it('makes a child logger that tags every line with the request', () => {
    const { logger, last } = captureLogger();
    const request = new Request('https://x.test/p?email=a@b.test', {
      headers: { 'x-request-id': 'r-9' },
    });
    requestLogger(logger, request).info('handled');
    expect(last()).toMatchObject({
      requestId: 'r-9',
      req: { method: 'GET', path: '/p?email' },
    });
    expect(JSON.stringify(last())).not.toContain('a@b.test');
  });

  it('wraps a route handler: one line per response, errors with their stack', async () => {
    const { logger, records } = captureLogger();
    const ok = withRequestLogger(
      logger,
      async (_req: Request, _ctx: unknown, { log }) => {
        log.debug('inside');
        return new Response('ok', { status: 201 });
      },
    );
    const response = await ok(new Request('https://x.test/ok'), {});
    expect(response.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    const failing = withRequestLogger(logger, () => {
      throw new Error('nope');
    });
    await expect(
      failing(new Request('https://x.test/fail'), {}),
    ).rejects.toThrow('nope');
    const [inside, done, failed] = records();
    expect(inside).toMatchObject({ msg: 'inside', req: { path: '/ok' } });
    expect(done).toMatchObject({ msg: 'request completed', status: 201 });
    expect(failed).toMatchObject({
      level: 'error',
      msg: 'request failed',
      err: { message: 'nope' },
    });
  });
});
