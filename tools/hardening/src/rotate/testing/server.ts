import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake provider saw it (tests assert on these). */
export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Route = (request: Seen) => Answer | Promise<Answer> | undefined;

export interface FakeServer {
  url: string;
  seen: Seen[];
  /** Answers the next requests with these, before routing (429s, 500s). */
  queue: Answer[];
  /** Answers matching requests with this (a targeted provider error). */
  fail: (
    match: (request: Seen) => boolean,
    answer: Answer,
    times?: number,
  ) => void;
  /** Keeps the next matching requests open forever (a hung service). */
  hang: (match: (request: Seen) => boolean) => void;
  close: () => Promise<void>;
}

/** An HTTP server on 127.0.0.1 (port 0) answering JSON like a provider. */
export async function startFakeServer(route: Route): Promise<FakeServer> {
  const seen: Seen[] = [];
  const queue: Answer[] = [];
  const hangs: Array<(request: Seen) => boolean> = [];
  const failures: Array<{
    match: (request: Seen) => boolean;
    answer: Answer;
    times: number;
  }> = [];
  const open = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = await readAll(req);
    const request: Seen = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? safeJson(text) : undefined,
    };
    seen.push(request);
    if (hangs.some((match) => match(request))) {
      open.add(res);
      return;
    }
    const failure = failures.find(
      (item) => item.times > 0 && item.match(request),
    );
    if (failure) failure.times -= 1;
    const answer = failure?.answer ??
      queue.shift() ??
      (await route(request)) ?? { status: 404, body: { message: 'Not Found' } };
    send(res, answer);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    queue,
    hang: (match) => hangs.push(match),
    fail: (match, answer, times = Infinity) =>
      failures.push({ match, answer, times }),
    close: () =>
      new Promise((done) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function send(res: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload = '';
  if (answer.body !== undefined) {
    payload =
      typeof answer.body === 'string'
        ? answer.body
        : JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Bearer token check shared by the fakes. */
export function bearer(request: Seen): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
