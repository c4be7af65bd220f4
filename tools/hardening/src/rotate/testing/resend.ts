import { randomUUID } from 'node:crypto';
import { bearer, startFakeServer, type FakeServer } from './server.js';
import { fakeValue } from './values.js';

export interface ResendKey {
  id: string;
  name: string;
  token: string;
  permission: string;
  created_at: string;
}

/**
 * Resend's /api-keys as documented: POST answers { id, token } once, GET
 * lists { object, has_more, data: [{ id, name, created_at }] } without
 * tokens, DELETE answers 200 with no body; errors are { statusCode, name,
 * message } and rate limits answer 429 with retry-after and ratelimit-*.
 */
export async function fakeResend(
  token: string,
): Promise<FakeServer & { keys: Map<string, ResendKey> }> {
  const keys = new Map<string, ResendKey>();
  const error = (statusCode: number, name: string, message: string) => ({
    status: statusCode,
    body: { statusCode, name, message },
  });
  const server = await startFakeServer((request) => {
    if (!bearer(request))
      return error(
        401,
        'missing_api_key',
        'Missing API key in the authorization header.',
      );
    if (bearer(request) !== token)
      return error(403, 'invalid_api_key', 'API key is invalid');
    const match = /^\/api-keys(?:\/([^/]+))?$/.exec(request.path);
    if (!match)
      return error(404, 'not_found', 'The requested endpoint does not exist.');
    const id = match[1];
    if (request.method === 'GET' && !id) {
      const data = [...keys.values()].map(({ id: key, name, created_at }) => ({
        id: key,
        name,
        created_at,
      }));
      return { status: 200, body: { object: 'list', has_more: false, data } };
    }
    if (request.method === 'POST' && !id) {
      const body = (request.body ?? {}) as {
        name?: string;
        permission?: string;
      };
      if (!body.name)
        return error(422, 'missing_required_field', 'Missing `name` field.');
      const key: ResendKey = {
        id: randomUUID(),
        name: body.name,
        token: fakeValue(['re', 'test', ''].join('_')),
        permission: body.permission ?? 'full_access',
        created_at: new Date()
          .toISOString()
          .replace('T', ' ')
          .replace('Z', '+00'),
      };
      keys.set(key.id, key);
      return { status: 201, body: { id: key.id, token: key.token } };
    }
    if (request.method === 'DELETE' && id) {
      if (!keys.delete(id)) return error(404, 'not_found', 'API key not found');
      return { status: 200 };
    }
    return error(405, 'method_not_allowed', 'Method not allowed');
  });
  return Object.assign(server, { keys });
}

export function resendRateLimit(): {
  status: number;
  headers: Record<string, string>;
  body: unknown;
} {
  return {
    status: 429,
    headers: {
      'retry-after': '1',
      'ratelimit-limit': '2',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '1',
    },
    body: {
      statusCode: 429,
      name: 'rate_limit_exceeded',
      message: 'Too many requests. You can only make 2 requests per second.',
    },
  };
}

/** Adds a key as if made earlier in the dashboard; returns it. */
export function seedResendKey(
  keys: Map<string, ResendKey>,
  name: string,
): ResendKey {
  const key: ResendKey = {
    id: randomUUID(),
    name,
    token: fakeValue(['re', 'test', ''].join('_')),
    permission: 'sending_access',
    created_at: '2026-01-05 10:00:00.000000+00',
  };
  keys.set(key.id, key);
  return key;
}
