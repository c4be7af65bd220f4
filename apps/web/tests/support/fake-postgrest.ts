import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Mode = 'healthy' | 'error-503' | 'slow' | 'reject-key';

/**
 * A PostgREST-shaped server on loopback: answers /rest/v1/<relation> like
 * PostgREST behind Supabase's gateway (404 PGRST205 for an unknown table,
 * 401 for a wrong key), and can be switched into failure modes.
 */
export interface FakePostgrest {
  url: string;
  mode: Mode;
  connections: number;
  requests: Array<{ path: string; apikey?: string; authorization?: string }>;
  close: () => Promise<void>;
}

export async function startFakePostgrest(
  anonKey: string,
  slowMs = 10_000,
): Promise<FakePostgrest> {
  const sockets = new Set<Socket>();
  const fake: FakePostgrest = {
    url: '',
    mode: 'healthy',
    connections: 0,
    requests: [],
    close: () => closeServer(server, sockets),
  };
  const server: Server = createServer((request, response) => {
    fake.requests.push(describe(request));
    const send = (status: number, body: unknown) => {
      response.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
      });
      response.end(JSON.stringify(body));
    };
    if (fake.mode === 'slow') {
      const timer = setTimeout(() => send(200, []), slowMs);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    if (fake.mode === 'error-503') {
      return send(503, {
        code: 'PGRST002',
        message: 'Could not query the database for the schema cache. Retrying.',
      });
    }
    const key = request.headers.apikey;
    if (fake.mode === 'reject-key' || key !== anonKey) {
      return send(401, { message: 'Invalid API key' });
    }
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const match = /^\/rest\/v1\/([A-Za-z0-9_]+)$/.exec(path);
    if (!match)
      return send(404, { message: 'no Route matched with those values' });
    if (match[1] === 'health') return send(200, [{ ok: true }]);
    return send(404, {
      code: 'PGRST205',
      message: `Could not find the table 'public.${match[1]}' in the schema cache`,
    });
  });
  server.on('connection', (socket) => {
    fake.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function describe(request: IncomingMessage) {
  return {
    path: request.url ?? '',
    apikey: request.headers.apikey as string | undefined,
    authorization: request.headers.authorization,
  };
}

/** A TCP server that accepts and never answers: a database that hangs. */
export async function startBlackHole(): Promise<{
  port: number;
  close: () => Promise<void>;
}> {
  const { createServer: createTcpServer } = await import('node:net');
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => closeServer(server, sockets),
  };
}

function closeServer(
  server: { close: (cb: () => void) => void },
  sockets: Set<Socket>,
): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
