import { startFakeServer, type FakeServer } from '../testing/server.js';
import { fakeValue } from '../testing/values.js';
import { HttpClient, ProviderError } from './client.js';

describe('HttpClient', () => {
  let server: FakeServer;
  const waits: number[] = [];
  const client = (maxRetries = 3) =>
    new HttpClient({
      provider: 'test',
      baseUrl: `${server.url}/base`,
      token: 'tok',
      maxRetries,
      sleep: async (ms) => void waits.push(ms),
    });

  beforeEach(async () => {
    waits.length = 0;
    server = await startFakeServer(() => ({
      status: 200,
      body: { fine: true },
    }));
  });
  afterEach(() => server.close());

  it('honours Retry-After in seconds, then succeeds', async () => {
    server.queue.push({
      status: 429,
      headers: { 'retry-after': '2' },
      body: { message: 'slow down' },
    });
    const answer = await client().request('GET', '/thing', {
      query: { a: '1', b: undefined },
    });
    expect(answer.body).toEqual({ fine: true });
    expect(waits).toEqual([2000]);
    expect(server.seen.map((seen) => `${seen.path}?${seen.query}`)).toEqual([
      '/base/thing?a=1',
      '/base/thing?a=1',
    ]);
    expect(server.seen[0].headers.authorization).toBe('Bearer tok');
  });

  it('retries POST after a 429 but never after a 5xx (it may have been applied)', async () => {
    server.queue.push(
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 502, body: 'bad gateway' },
    );
    const error = await client()
      .request('POST', '/make', { body: { x: 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).status).toBe(502);
    expect(server.seen).toHaveLength(2);
  });

  it('retries idempotent calls after a 5xx with backoff', async () => {
    server.queue.push({ status: 503 }, { status: 500 });
    await client().request('PUT', '/put', { body: {} });
    expect(waits).toEqual([500, 1000]);
  });

  it('gives up after maxRetries and names the provider and status', async () => {
    for (let i = 0; i < 3; i++)
      server.queue.push({ status: 429, headers: { 'retry-after': '1' } });
    const error = (await client(2)
      .request('GET', '/x')
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.message).toBe('test: GET /x answered 429');
    expect(waits).toEqual([1000, 1000]);
  });

  it('refuses waits longer than maxWaitMs instead of hanging', async () => {
    server.queue.push({ status: 429, headers: { 'retry-after': '3600' } });
    const error = (await client()
      .request('GET', '/x')
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.message).toMatch(/wait 3600s, run again later/);
    expect(waits).toEqual([]);
  });

  it('quotes the provider message, never the request body', async () => {
    const secret = fakeValue('value-', 16);
    server.queue.push({
      status: 400,
      body: { error: { code: 'bad', message: 'type is invalid' } },
    });
    const error = (await client()
      .request('POST', '/x', { body: { value: secret } })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('test: POST /x answered 400: type is invalid');
    expect(error.message).not.toContain(secret);
  });

  it('reports an unreachable provider as status 0', async () => {
    await server.close();
    const error = (await client()
      .request('GET', '/x')
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/cannot reach/);
    server = await startFakeServer(() => undefined);
  });
});
