import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);

/** A running `next start` on loopback, with everything it printed. */
export interface RunningApp {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** The build folder relative to apps/web (the distDir), default .next. */
  distDir?: string;
  /** The app's whole environment besides PATH and HOME: nothing leaks in from the caller. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** `next start` (the production build, default) or `next dev`. */
  mode?: 'start' | 'dev';
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

export function nextBin(): string {
  const require = createRequire(join(WEB_ROOT, 'package.json'));
  return join(
    dirname(require.resolve('next/package.json')),
    'dist',
    'bin',
    'next',
  );
}

/** Starts the production build with `next start` and waits until it answers. */
export async function startApp(
  options: StartOptions = {},
): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const mode = options.mode ?? 'start';
  const child = spawn(
    process.execPath,
    [nextBin(), mode, '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: WEB_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: mode === 'dev' ? 'development' : 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        SHIPSHAPE_NEXT_DIST_DIR: options.distDir ?? '.next',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));

  const app: RunningApp = {
    url,
    output: () => output,
    stop: () => stopChild(child),
  };
  try {
    await waitUntilUp(url, child, options.timeoutMs ?? 30_000);
  } catch (error) {
    await app.stop();
    throw new Error(
      `next start did not come up: ${(error as Error).message}\n${output}`,
    );
  }
  return app;
}

async function waitUntilUp(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/favicon.ico`);
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`no answer within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
