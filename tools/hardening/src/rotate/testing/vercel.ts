import { randomBytes } from 'node:crypto';
import { bearer, startFakeServer, type FakeServer } from './server.js';

export interface VercelEnvVar {
  id: string;
  key: string;
  value: string;
  type: 'encrypted' | 'sensitive' | 'plain' | 'secret' | 'system';
  target: string[];
  gitBranch?: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Vercel's project env endpoints: GET /v10/projects/{p}/env (values
 * encrypted), GET /v1/projects/{p}/env/{id} (decrypted unless sensitive),
 * POST /v10/projects/{p}/env with upsert (201 { created, failed }); errors
 * as { error: { code, message } }; 429 with x-ratelimit-reset (epoch s).
 */
export async function fakeVercel(
  token: string,
  project: string,
): Promise<FakeServer & { envs: VercelEnvVar[] }> {
  const envs: VercelEnvVar[] = [];
  const error = (status: number, code: string, message: string) => ({
    status,
    body: { error: { code, message } },
  });
  const listed = (env: VercelEnvVar) => ({
    ...env,
    value:
      env.type === 'sensitive'
        ? ''
        : `enc:${Buffer.from(env.value).toString('base64').length}`,
    decrypted: false,
  });
  const server = await startFakeServer((request) => {
    if (bearer(request) !== token)
      return error(403, 'forbidden', 'Not authorized');
    const match = /^\/(v10|v1)\/projects\/([^/]+)\/env(?:\/([^/]+))?$/.exec(
      request.path,
    );
    if (!match)
      return error(404, 'not_found', 'The requested path was not found');
    if (decodeURIComponent(match[2]) !== project)
      return error(404, 'not_found', 'Project not found');
    const [, version, , id] = match;
    if (request.method === 'GET' && version === 'v10' && !id)
      return { status: 200, body: { envs: envs.map(listed) } };
    if (request.method === 'GET' && version === 'v1' && id) {
      const env = envs.find((item) => item.id === id);
      if (!env)
        return error(404, 'not_found', 'Environment Variable not found');
      return {
        status: 200,
        body:
          env.type === 'sensitive' ? listed(env) : { ...env, decrypted: true },
      };
    }
    if (request.method === 'POST' && version === 'v10' && !id)
      return upsert(request.body, request.query.get('upsert') === 'true');
    return error(405, 'method_not_allowed', 'Method not allowed');
  });

  function upsert(body: unknown, allowUpdate: boolean) {
    const input = (body ?? {}) as Partial<VercelEnvVar>;
    if (
      !input.key ||
      typeof input.value !== 'string' ||
      !Array.isArray(input.target)
    ) {
      return error(
        400,
        'bad_request',
        'Invalid request: missing required property `key`, `value` or `target`.',
      );
    }
    if (
      !['encrypted', 'sensitive', 'plain', 'secret', 'system'].includes(
        input.type ?? '',
      )
    ) {
      return error(
        400,
        'bad_request',
        'Invalid request: `type` should be one of the allowed values.',
      );
    }
    const existing = envs.find(
      (env) =>
        env.key === input.key &&
        env.gitBranch === input.gitBranch &&
        env.target.some((t) => input.target?.includes(t)),
    );
    const now = Date.now();
    if (existing && !allowUpdate) {
      return {
        status: 201,
        body: {
          created: [],
          failed: [
            {
              error: {
                code: 'ENV_ALREADY_EXISTS',
                message: `A variable with the name \`${input.key}\` already exists for the target environment.`,
                key: input.key,
              },
            },
          ],
        },
      };
    }
    if (existing) {
      Object.assign(existing, {
        value: input.value,
        type: input.type,
        target: input.target,
        updatedAt: now,
      });
      return { status: 201, body: { created: listed(existing), failed: [] } };
    }
    const created: VercelEnvVar = {
      id: randomBytes(8).toString('hex'),
      key: input.key,
      value: input.value,
      type: input.type as VercelEnvVar['type'],
      target: input.target,
      gitBranch: input.gitBranch,
      createdAt: now,
      updatedAt: now,
    };
    envs.push(created);
    return { status: 201, body: { created: listed(created), failed: [] } };
  }

  return Object.assign(server, { envs });
}

export function vercelRateLimit(): {
  status: number;
  headers: Record<string, string>;
  body: unknown;
} {
  return {
    status: 429,
    headers: {
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3),
    },
    body: {
      error: {
        code: 'rate_limited',
        message: 'Rate limit exceeded',
        limit: { remaining: 0, reset: 0, resetMs: 0, total: 100 },
      },
    },
  };
}
