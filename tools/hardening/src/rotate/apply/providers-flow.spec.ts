import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { hashSecret, readLedger } from '../../ledger/index.js';
import { readDotenvValue } from '../consumers/dotenv.js';
import { applyRotations, selectRotations } from '../engine.js';
import { startFakeServer, type FakeServer } from '../testing/server.js';
import { fakeSupabase, seedSupabaseKey } from '../testing/supabase.js';
import { fakeToken, fakeValue } from '../testing/values.js';
import { fakeVercel } from '../testing/vercel.js';
import { refusingPrompter } from './checklist.js';

const REF = 'abcdefghijklmnopqrst';
let health: FakeServer;
let root: string;

beforeEach(async () => {
  health = await startFakeServer(() => ({ status: 200, body: { ok: true } }));
  root = mkdtempSync(join(tmpdir(), 'rotate-flow-'));
  await execa('git', ['init', '-q'], { cwd: root });
  writeFileSync(join(root, '.gitignore'), '.env.local\n');
});
afterEach(() => health.close());

function writeInventory(
  secret: Record<string, unknown>,
  providers: Record<string, unknown> = {},
) {
  const check = (env: string) => ({
    health: { url: `${health.url}/${env}`, attempts: 1 },
  });
  mkdirSync(join(root, '.shipshape'), { recursive: true });
  writeFileSync(
    join(root, '.shipshape/secrets.yaml'),
    stringify({
      version: 1,
      environments: {
        staging: check('staging'),
        production: check('production'),
      },
      providers,
      secrets: [secret],
    }),
  );
}

async function apply(name: string, env: NodeJS.ProcessEnv) {
  const options = {
    root,
    names: [name],
    env,
    prompter: refusingPrompter(),
    sleep: async () => undefined,
  };
  const [result] = await applyRotations(selectRotations(options), {
    ...options,
    mode: 'fresh',
  });
  return result;
}

const local = (key: string) =>
  readDotenvValue(readFileSync(join(root, '.env.local'), 'utf8'), key);

describe('rotation flows per provider', () => {
  it('supabase: the provider reveals the old key, which is deleted after both environments verify', async () => {
    const token = fakeToken('supabase');
    const supabase = await fakeSupabase(token, REF);
    const vercelToken = fakeToken('vercel');
    const vercel = await fakeVercel(vercelToken, 'web');
    try {
      const old = seedSupabaseKey(supabase.keys, 'backend');
      writeFileSync(
        join(root, '.env.local'),
        `SUPABASE_SECRET_KEY=${old.api_key}\n`,
      );
      writeInventory(
        {
          name: 'SUPABASE_SECRET_KEY',
          provider: 'supabase',
          supabase: { projectRef: REF, keyName: 'backend' },
          current: { provider: true },
          consumers: [
            { type: 'dotenv', environment: 'staging', file: '.env.local' },
            { type: 'vercel-env', environment: 'production' },
          ],
        },
        {
          supabase: { baseUrl: supabase.url },
          vercel: { baseUrl: vercel.url, project: 'web' },
        },
      );
      const result = await apply('SUPABASE_SECRET_KEY', {
        SUPABASE_ACCESS_TOKEN: token,
        VERCEL_TOKEN: vercelToken,
      });
      expect(result.status).toBe('completed');
      const keys = [...supabase.keys.values()];
      expect(keys).toHaveLength(1);
      expect(keys[0].name).toMatch(/^backend_\d{14}$/);
      expect(local('SUPABASE_SECRET_KEY')).toBe(keys[0].api_key);
      expect(vercel.envs[0]).toMatchObject({
        value: keys[0].api_key,
        type: 'sensitive',
        target: ['production'],
      });
      expect(readLedger(join(root, '.shipshape/revoked.txt'))[0].sha256).toBe(
        hashSecret(old.api_key),
      );
    } finally {
      await Promise.all([supabase.close(), vercel.close()]);
    }
  });

  it('generated: draws a new random value and records the old one', async () => {
    const old = fakeValue('cron_');
    writeFileSync(join(root, '.env.local'), `CRON_SECRET=${old}\n`);
    writeInventory({
      name: 'CRON_SECRET',
      provider: 'generated',
      generated: { bytes: 24, prefix: 'cron_' },
      current: { env: 'CRON_SECRET' },
      consumers: [
        { type: 'dotenv', environment: 'staging', file: '.env.local' },
      ],
    });
    const result = await apply('CRON_SECRET', { CRON_SECRET: old });
    expect(result.status).toBe('completed');
    expect(local('CRON_SECRET')).toMatch(/^cron_[A-Za-z0-9_-]{32}$/);
    expect(local('CRON_SECRET')).not.toBe(old);
    expect(readLedger(join(root, '.shipshape/revoked.txt'))[0]).toMatchObject({
      sha256: hashSecret(old),
      name: 'CRON_SECRET',
    });
  });
});
