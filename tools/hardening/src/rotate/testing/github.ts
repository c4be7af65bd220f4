import sodium from 'libsodium-wrappers';
import { bearer, startFakeServer, type FakeServer } from './server.js';

export interface StoredSecret {
  /** Opened with the fake's private key: proves the value was sealed right. */
  value: string;
  updated_at: string;
}

/**
 * GitHub's Actions secrets endpoints for repositories and environments:
 * public-key (key_id + base64 key), PUT (201 created, 204 updated) and GET
 * metadata without value; errors { message, documentation_url }; primary
 * rate limit as 403 with x-ratelimit-remaining 0.
 */
export async function fakeGitHub(
  token: string,
  repository: string,
  environments: readonly string[],
): Promise<FakeServer & { secrets: Map<string, StoredSecret>; keyId: string }> {
  await sodium.ready;
  const pair = sodium.crypto_box_keypair();
  const keyId = '568250167242549743';
  const secrets = new Map<string, StoredSecret>();
  const docs = 'https://docs.github.com/rest/actions/secrets';
  const notFound = {
    status: 404,
    body: { message: 'Not Found', documentation_url: docs, status: '404' },
  };

  const server = await startFakeServer((request) => {
    if (bearer(request) !== token) {
      return {
        status: 401,
        body: {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        },
      };
    }
    const match =
      /^\/repos\/([^/]+\/[^/]+)\/(?:environments\/([^/]+)\/secrets|actions\/secrets)\/([^/]+)$/.exec(
        request.path,
      );
    if (!match || match[1] !== repository) return notFound;
    const environment = match[2] ? decodeURIComponent(match[2]) : undefined;
    if (environment !== undefined && !environments.includes(environment))
      return notFound;
    const scope = environment ?? '*';
    const name = decodeURIComponent(match[3]);

    if (name === 'public-key' && request.method === 'GET') {
      return {
        status: 200,
        body: {
          key_id: keyId,
          key: sodium.to_base64(
            pair.publicKey,
            sodium.base64_variants.ORIGINAL,
          ),
        },
      };
    }
    const id = `${scope}/${name}`;
    if (request.method === 'GET') {
      const stored = secrets.get(id);
      return stored
        ? {
            status: 200,
            body: {
              name,
              created_at: stored.updated_at,
              updated_at: stored.updated_at,
            },
          }
        : notFound;
    }
    if (request.method === 'PUT') {
      const body = (request.body ?? {}) as {
        encrypted_value?: string;
        key_id?: string;
      };
      if (!body.encrypted_value || body.key_id !== keyId) {
        return {
          status: 422,
          body: {
            message:
              'Invalid request.\n\nencrypted_value and a current key_id are required.',
            documentation_url: docs,
            status: '422',
          },
        };
      }
      let value: string;
      try {
        const sealed = sodium.from_base64(
          body.encrypted_value,
          sodium.base64_variants.ORIGINAL,
        );
        value = sodium.to_string(
          sodium.crypto_box_seal_open(sealed, pair.publicKey, pair.privateKey),
        );
      } catch {
        return {
          status: 422,
          body: {
            message: 'Bad request - could not decrypt encrypted_value',
            documentation_url: docs,
            status: '422',
          },
        };
      }
      const existed = secrets.has(id);
      secrets.set(id, { value, updated_at: new Date().toISOString() });
      return { status: existed ? 204 : 201 };
    }
    return notFound;
  });
  return Object.assign(server, { secrets, keyId });
}

export function githubRateLimit(): {
  status: number;
  headers: Record<string, string>;
  body: unknown;
} {
  return {
    status: 403,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 2),
    },
    body: {
      message: 'API rate limit exceeded for user ID 1.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: '403',
    },
  };
}
