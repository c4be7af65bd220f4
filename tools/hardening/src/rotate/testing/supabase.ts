import { randomUUID } from 'node:crypto';
import { bearer, startFakeServer, type FakeServer } from './server.js';
import { fakeValue } from './values.js';

export interface SupabaseKey {
  id: string;
  name: string;
  type: 'publishable' | 'secret' | 'legacy';
  api_key: string;
  description: string | null;
  inserted_at: string;
  updated_at: string;
}

/**
 * The Management API's /v1/projects/{ref}/api-keys: list, get, create
 * (201) and delete (200, the deleted key), keys masked unless reveal=true,
 * errors as { message }, 429 with retry-after when rate limited.
 */
export async function fakeSupabase(
  token: string,
  projectRef: string,
): Promise<FakeServer & { keys: Map<string, SupabaseKey> }> {
  const keys = new Map<string, SupabaseKey>();
  const show = (key: SupabaseKey, reveal: boolean) => ({
    ...key,
    prefix: key.api_key.slice(0, 14),
    api_key:
      reveal || key.type !== 'secret'
        ? key.api_key
        : `${key.api_key.slice(0, 14)}····`,
  });
  const server = await startFakeServer((request) => {
    if (bearer(request) !== token)
      return { status: 401, body: { message: 'Unauthorized' } };
    const match = /^\/v1\/projects\/([^/]+)\/api-keys(?:\/([^/]+))?$/.exec(
      request.path,
    );
    if (!match)
      return { status: 404, body: { message: 'Cannot GET ' + request.path } };
    if (match[1] !== projectRef)
      return { status: 404, body: { message: 'Project not found' } };
    const reveal = request.query.get('reveal') === 'true';
    const id = match[2];
    if (request.method === 'GET' && !id)
      return {
        status: 200,
        body: [...keys.values()].map((key) => show(key, reveal)),
      };
    if (request.method === 'GET' && id) {
      const key = keys.get(id);
      return key
        ? { status: 200, body: show(key, reveal) }
        : { status: 404, body: { message: 'API key not found' } };
    }
    if (request.method === 'POST' && !id) {
      const body = (request.body ?? {}) as {
        type?: string;
        name?: string;
        description?: string;
      };
      if (body.type !== 'secret' && body.type !== 'publishable') {
        return {
          status: 400,
          body: {
            message:
              'type must be one of the following values: publishable, secret',
          },
        };
      }
      if (!body.name || !/^[a-z_][a-z0-9_]*$/.test(body.name))
        return { status: 400, body: { message: 'name is invalid' } };
      if ([...keys.values()].some((key) => key.name === body.name)) {
        return {
          status: 409,
          body: { message: `API key with name ${body.name} already exists` },
        };
      }
      const key = seedSupabaseKey(keys, body.name, body.type);
      key.description = body.description ?? null;
      return { status: 201, body: show(key, reveal) };
    }
    if (request.method === 'DELETE' && id) {
      const key = keys.get(id);
      if (!key) return { status: 404, body: { message: 'API key not found' } };
      keys.delete(id);
      return { status: 200, body: show(key, false) };
    }
    return { status: 405, body: { message: 'Method Not Allowed' } };
  });
  return Object.assign(server, { keys });
}

export function seedSupabaseKey(
  keys: Map<string, SupabaseKey>,
  name: string,
  type: SupabaseKey['type'] = 'secret',
): SupabaseKey {
  const now = new Date().toISOString();
  const key: SupabaseKey = {
    id: randomUUID(),
    name,
    type,
    api_key: fakeValue(
      ['sb', type === 'secret' ? 'secret' : 'publishable', 'test', ''].join(
        '_',
      ),
    ),
    description: null,
    inserted_at: now,
    updated_at: now,
  };
  keys.set(key.id, key);
  return key;
}
