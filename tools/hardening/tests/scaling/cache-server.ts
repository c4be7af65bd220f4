import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A small Nx remote cache written from Nx's OpenAPI spec for self-hosted
 * caches (Nx 20.8+): GET and PUT /v1/cache/{hash}, tar bodies, bearer tokens.
 *
 * - GET  200 with the tar, 404 unknown hash, 401 no or bad token.
 * - PUT  200 stored, 401 no or bad token, 403 read-only token,
 *        409 the hash exists already (records are never overwritten: a later
 *        writer cannot replace what the first one stored).
 *
 * `failWith` makes every request answer that status, to show what Nx does
 * when its cache server is down.
 */
export interface CacheServer {
  url: string;
  entries: Map<string, Buffer>;
  requests: Array<{ method: string; hash: string; status: number }>;
  failWith?: number;
  close(): Promise<void>;
}

export type TokenAccess = 'read-write' | 'read-only';

export async function startCacheServer(
  tokens: Record<string, TokenAccess>,
): Promise<CacheServer> {
  const state = {
    entries: new Map<string, Buffer>(),
    requests: [] as CacheServer['requests'],
    failWith: undefined as number | undefined,
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const match = /^\/v1\/cache\/([^/?]+)$/.exec(req.url ?? '');
    const hash = match?.[1] ?? '';
    const status = answer(req, body, hash);
    state.requests.push({ method: req.method ?? '', hash, status });
    if (status === 200 && req.method === 'GET') {
      const entry = state.entries.get(hash) as Buffer;
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': entry.length,
      });
      res.end(entry);
      return;
    }
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status === 200 ? '' : `status ${status}`);
  });

  function answer(req: IncomingMessage, body: Buffer, hash: string): number {
    if (state.failWith) return state.failWith;
    if (!hash) return 404;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const access = token ? tokens[token] : undefined;
    if (!access) return 401;
    if (req.method === 'GET') return state.entries.has(hash) ? 200 : 404;
    if (req.method !== 'PUT') return 405;
    if (access !== 'read-write') return 403;
    if (state.entries.has(hash)) return 409;
    state.entries.set(hash, body);
    return 200;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    entries: state.entries,
    requests: state.requests,
    get failWith() {
      return state.failWith;
    },
    set failWith(value) {
      state.failWith = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Names of the files in an uncompressed or gzipped tar, read by hand. */
export function tarEntries(archive: Buffer): Map<string, Buffer> {
  const gzipped = archive[0] === 0x1f && archive[1] === 0x8b;
  const body = gzipped ? gunzipSync(archive) : archive;
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= body.length) {
    const header = body.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = cString(header.subarray(0, 100));
    const prefix = cString(header.subarray(345, 500));
    const size = parseInt(cString(header.subarray(124, 136)).trim() || '0', 8);
    const start = offset + 512;
    files.set(
      prefix ? `${prefix}/${name}` : name,
      body.subarray(start, start + size),
    );
    offset = start + Math.ceil(size / 512) * 512;
  }
  return files;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}
