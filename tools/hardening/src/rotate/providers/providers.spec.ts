import { ShipshapeError } from '../../errors.js';
import { HttpClient, ProviderError } from '../http/client.js';
import {
  fakeResend,
  resendRateLimit,
  seedResendKey,
} from '../testing/resend.js';
import { fakeSupabase, seedSupabaseKey } from '../testing/supabase.js';
import { fakeToken } from '../testing/values.js';
import { resendAdapter } from './resend.js';
import { supabaseAdapter } from './supabase.js';

const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);
const client = (provider: string, baseUrl: string, token: string) =>
  new HttpClient({ provider, baseUrl, token, sleep });

describe('resend adapter', () => {
  const token = fakeToken('resend');
  let resend: Awaited<ReturnType<typeof fakeResend>>;
  beforeEach(async () => {
    waits.length = 0;
    resend = await fakeResend(token);
  });
  afterEach(() => resend.close());

  const settings = {
    keyName: 'app-mail',
    permission: 'sending_access' as const,
  };

  it('finds the key in use, creates a new one and revokes the old', async () => {
    const old = seedResendKey(resend.keys, 'app-mail');
    const adapter = resendAdapter(
      client('resend', resend.url, token),
      settings,
    );
    const current = await adapter.findCurrent();
    expect(current).toEqual({ id: old.id });
    const created = await adapter.create('20261203120000');
    expect(resend.keys.get(created.id as string)?.token).toBe(created.value);
    expect(resend.seen.at(-1)?.body).toEqual({
      name: 'app-mail',
      permission: 'sending_access',
    });
    await adapter.revokeOld(current);
    expect(resend.keys.has(old.id)).toBe(false);
    await adapter.revokeOld(current); // already gone: 404 is fine
    expect(resend.seen.at(-1)?.method).toBe('DELETE');
  });

  it('waits out a 429 as Resend asks', async () => {
    resend.queue.push(resendRateLimit());
    const adapter = resendAdapter(
      client('resend', resend.url, token),
      settings,
    );
    await adapter.create('20261203120000');
    expect(waits).toEqual([1000]);
    expect(resend.keys.size).toBe(1);
  });

  it('fails with the provider message on a bad token', async () => {
    const adapter = resendAdapter(
      client('resend', resend.url, 'wrong'),
      settings,
    );
    const error = (await adapter
      .findCurrent()
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      'resend: GET /api-keys answered 403: API key is invalid',
    );
  });

  it('asks for currentKeyId when several keys share the name', async () => {
    seedResendKey(resend.keys, 'app-mail');
    seedResendKey(resend.keys, 'app-mail');
    const adapter = resendAdapter(
      client('resend', resend.url, token),
      settings,
    );
    await expect(adapter.findCurrent()).rejects.toThrow(ShipshapeError);
    await expect(adapter.findCurrent()).rejects.toThrow(/set currentKeyId/);
  });

  it('removes keys left by an interrupted create, and only those', async () => {
    const old = seedResendKey(resend.keys, 'app-mail');
    const adapter = resendAdapter(
      client('resend', resend.url, token),
      settings,
    );
    await adapter.create('x');
    const stamp = new Date(Date.now() - 60_000)
      .toISOString()
      .replace(/[-:T]/g, '')
      .slice(0, 14);
    expect(await adapter.removePartial?.(stamp, old.id)).toBe(1);
    expect([...resend.keys.keys()]).toEqual([old.id]);
  });
});

describe('supabase adapter', () => {
  const token = fakeToken('supabase');
  const ref = 'abcdefghijklmnopqrst';
  let supabase: Awaited<ReturnType<typeof fakeSupabase>>;
  beforeEach(async () => {
    supabase = await fakeSupabase(token, ref);
  });
  afterEach(() => supabase.close());
  const settings = { projectRef: ref, keyName: 'backend' };

  it('creates a stamped secret key, reveals values and deletes the old', async () => {
    const old = seedSupabaseKey(supabase.keys, 'backend');
    seedSupabaseKey(supabase.keys, 'default', 'publishable');
    const adapter = supabaseAdapter(
      client('supabase', supabase.url, token),
      settings,
    );
    const current = await adapter.findCurrent();
    expect(current.id).toBe(old.id);
    expect(await adapter.revealValue?.(old.id)).toBe(old.api_key);

    const created = await adapter.create('20261203120000');
    expect(supabase.keys.get(created.id as string)?.name).toBe(
      'backend_20261203120000',
    );
    expect(created.value).toBe(
      supabase.keys.get(created.id as string)?.api_key,
    );
    const post = supabase.seen.find((seen) => seen.method === 'POST');
    expect(post?.query.get('reveal')).toBe('true');
    expect(post?.body).toEqual({
      type: 'secret',
      name: 'backend_20261203120000',
    });

    await adapter.revokeOld(current);
    expect(supabase.keys.has(old.id)).toBe(false);
    // The next rotation finds the stamped key as the one in use.
    expect((await adapter.findCurrent()).id).toBe(created.id);
  });

  it('removes a key left by an interrupted create by its stamped name', async () => {
    const adapter = supabaseAdapter(
      client('supabase', supabase.url, token),
      settings,
    );
    await adapter.create('20261203120000');
    expect(await adapter.removePartial?.('20261203120000', undefined)).toBe(1);
    expect(supabase.keys.size).toBe(0);
  });

  it('maps 401, unknown project and 429 the documented way', async () => {
    const bad = supabaseAdapter(
      client('supabase', supabase.url, 'nope'),
      settings,
    );
    await expect(bad.findCurrent()).rejects.toThrow(
      'supabase: GET /v1/projects/abcdefghijklmnopqrst/api-keys answered 401: Unauthorized',
    );
    const other = supabaseAdapter(client('supabase', supabase.url, token), {
      ...settings,
      projectRef: 'zzzzzzzzzzzzzzzzzzzz',
    });
    await expect(other.findCurrent()).rejects.toThrow(/404: Project not found/);
    waits.length = 0;
    supabase.queue.push({
      status: 429,
      headers: { 'retry-after': '4' },
      body: { message: 'Too Many Requests' },
    });
    const adapter = supabaseAdapter(
      client('supabase', supabase.url, token),
      settings,
    );
    await adapter.findCurrent();
    expect(waits).toEqual([4000]);
  });
});
