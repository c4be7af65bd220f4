import { startFakeServer, type Answer } from '../testing/server.js';
import { verifyHealth } from './verify.js';

const health = (url: string, attempts = 1) => ({
  url,
  attempts,
  intervalSeconds: 1,
  timeoutSeconds: 5,
});

describe('verifyHealth', () => {
  it.each<[string, Answer, boolean, string | undefined]>([
    ['2xx JSON ok', { status: 200, body: { ok: true } }, true, undefined],
    ['2xx plain text', { status: 204 }, true, undefined],
    [
      '2xx that says ok: false',
      { status: 200, body: { ok: false } },
      false,
      'body reports ok: false',
    ],
    [
      '2xx with a failing status',
      { status: 200, body: { status: 'degraded' } },
      false,
      'body reports status "degraded"',
    ],
    ['503', { status: 503, body: { ok: false } }, false, 'answered 503'],
  ])('%s', async (_label, answer, ok, reason) => {
    const server = await startFakeServer(() => answer);
    try {
      const result = await verifyHealth(health(`${server.url}/api/health`), {
        sleep: async () => undefined,
      });
      expect(result.ok).toBe(ok);
      expect(result.reason).toBe(reason);
    } finally {
      await server.close();
    }
  });

  it('retries until the deployment is ready, sleeping between attempts', async () => {
    const server = await startFakeServer(() => ({
      status: 200,
      body: { status: 'ok' },
    }));
    server.queue.push({ status: 502 }, { status: 503 });
    const waits: number[] = [];
    try {
      const result = await verifyHealth(health(`${server.url}/h`, 5), {
        sleep: async (ms) => void waits.push(ms),
      });
      expect(result).toMatchObject({ ok: true, attempts: 3, status: 200 });
      expect(waits).toEqual([1000, 1000]);
    } finally {
      await server.close();
    }
  });

  it('reports an unreachable URL without throwing', async () => {
    const server = await startFakeServer(() => undefined);
    await server.close();
    const result = await verifyHealth(health(`${server.url}/h`, 2), {
      sleep: async () => undefined,
    });
    expect(result).toMatchObject({ ok: false, attempts: 2, status: 0 });
    expect(result.reason).toMatch(/^unreachable/);
  });
});
