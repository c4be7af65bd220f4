import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { fakeGitHub } from './github.js';
import { fakeResend, seedResendKey, type ResendKey } from './resend.js';
import { startFakeServer, type FakeServer } from './server.js';
import { fakeToken } from './values.js';
import { fakeVercel } from './vercel.js';

export interface WorldOptions {
  /** Consumers of the rotated secret; defaults to the full staging+production set. */
  consumers?: Array<Record<string, unknown>>;
  healthTimeoutSeconds?: number;
}

/**
 * A temp repository with an inventory for RESEND_API_KEY and loopback fakes
 * of Resend, GitHub, Vercel, the app's health endpoints and deploy hooks.
 * The health endpoint behaves like the app: it passes while the key that
 * environment holds is live at Resend and accepted by `accept`.
 */
export async function createWorld(options: WorldOptions = {}) {
  const tokens = {
    resend: fakeToken('resend'),
    github: fakeToken('github'),
    vercel: fakeToken('vercel'),
  };
  const resend = await fakeResend(tokens.resend);
  const github = await fakeGitHub(tokens.github, 'acme/app', ['staging']);
  const vercel = await fakeVercel(tokens.vercel, 'web');
  const old: ResendKey = seedResendKey(resend.keys, 'app-mail');
  const hooks: string[] = [];
  const world = {
    accept: ((): boolean => true) as (env: string, token: string) => boolean,
    /** Where the app of each environment reads the key from. */
    keyFor: (env: string): string | undefined => keyIn(env),
  };
  const keyIn = (env: string): string | undefined =>
    vercel.envs.find(
      (item) =>
        item.key === 'RESEND_API_KEY' &&
        item.target.includes(env === 'staging' ? 'preview' : 'production'),
    )?.value;
  const app: FakeServer = await startFakeServer((request) => {
    const hook = /^\/hooks\/(staging|production)$/.exec(request.path);
    if (hook && request.method === 'POST') {
      hooks.push(hook[1]);
      return {
        status: 201,
        body: {
          job: {
            id: `job${hooks.length}`,
            state: 'PENDING',
            createdAt: Date.now(),
          },
        },
      };
    }
    const health = /^\/(staging|production)\/api\/health$/.exec(request.path);
    if (!health) return undefined;
    const token = world.keyFor(health[1]);
    const live = [...resend.keys.values()].some((key) => key.token === token);
    const ok =
      Boolean(token) && live && world.accept(health[1], token as string);
    return {
      status: ok ? 200 : 503,
      body: { ok, checks: { email: ok ? 'pass' : 'fail' } },
    };
  });

  const root = mkdtempSync(join(tmpdir(), 'rotate-world-'));
  await execa('git', ['init', '-q'], { cwd: root });
  writeFileSync(join(root, '.gitignore'), '.env.local\n.shipshape/rotate/\n');
  writeFileSync(
    join(root, '.env.local'),
    `OTHER=1\nRESEND_API_KEY=${old.token}\n`,
    { mode: 0o600 },
  );
  github.secrets.set('staging/RESEND_API_KEY', {
    value: old.token,
    updated_at: '2026-01-05T10:00:00Z',
  });
  github.secrets.set('*/RESEND_API_KEY', {
    value: old.token,
    updated_at: '2026-01-05T10:00:00Z',
  });
  for (const [target, type] of [
    ['preview', 'encrypted'],
    ['production', 'sensitive'],
  ] as const) {
    vercel.envs.push({
      id: `env_${target}`,
      key: 'RESEND_API_KEY',
      value: old.token,
      type,
      target: [target],
      createdAt: 0,
      updatedAt: 0,
    });
  }

  const health = (env: string) => ({
    url: `${app.url}/${env}/api/health`,
    attempts: 2,
    intervalSeconds: 0,
    timeoutSeconds: options.healthTimeoutSeconds ?? 5,
  });
  const inventory = {
    version: 1,
    environments: {
      staging: {
        health: health('staging'),
        redeploy: { hookEnv: 'STAGING_DEPLOY_HOOK' },
      },
      production: {
        health: health('production'),
        redeploy: { hookEnv: 'PRODUCTION_DEPLOY_HOOK' },
      },
    },
    providers: {
      resend: { baseUrl: resend.url, tokenEnv: 'RESEND_ADMIN_API_KEY' },
      github: { baseUrl: github.url, repository: 'acme/app' },
      vercel: { baseUrl: vercel.url, project: 'web', teamId: 'team_test' },
    },
    secrets: [
      {
        name: 'RESEND_API_KEY',
        provider: 'resend',
        resend: { keyName: 'app-mail' },
        current: { env: 'RESEND_API_KEY' },
        atRisk: 'pasted into a public issue',
        consumers: options.consumers ?? [
          { type: 'github-environment-secret', environment: 'staging' },
          { type: 'vercel-env', environment: 'staging', sensitive: false },
          { type: 'dotenv', environment: 'staging', file: '.env.local' },
          { type: 'github-repository-secret', environment: 'production' },
          { type: 'vercel-env', environment: 'production' },
        ],
      },
    ],
  };
  mkdirSync(join(root, '.shipshape'), { recursive: true });
  writeFileSync(join(root, '.shipshape', 'secrets.yaml'), stringify(inventory));

  const env: NodeJS.ProcessEnv = {
    RESEND_ADMIN_API_KEY: tokens.resend,
    GITHUB_TOKEN: tokens.github,
    VERCEL_TOKEN: tokens.vercel,
    RESEND_API_KEY: old.token,
    STAGING_DEPLOY_HOOK: `${app.url}/hooks/staging`,
    PRODUCTION_DEPLOY_HOOK: `${app.url}/hooks/production`,
  };

  return Object.assign(world, {
    root,
    env,
    old,
    resend,
    github,
    vercel,
    app,
    hooks,
    keyIn,
    close: async () => {
      await Promise.all([
        resend.close(),
        github.close(),
        vercel.close(),
        app.close(),
      ]);
    },
  });
}

export type World = Awaited<ReturnType<typeof createWorld>>;
