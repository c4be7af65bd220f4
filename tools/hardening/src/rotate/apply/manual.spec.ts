import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { hashSecret, readLedger } from '../../ledger/index.js';
import { readDotenvValue } from '../consumers/dotenv.js';
import { applyRotations, selectRotations } from '../engine.js';
import { startFakeServer, type FakeServer } from '../testing/server.js';
import { fakeValue } from '../testing/values.js';
import {
  preconfirmedPrompter,
  refusingPrompter,
  terminalPrompter,
  type Prompter,
} from './checklist.js';

let health: FakeServer;
let root: string;
let env: NodeJS.ProcessEnv;
const oldUrl = () =>
  [
    'postgres://postgres:',
    fakeValue('pw'),
    '@db.example.test:5432/postgres',
  ].join('');

beforeEach(async () => {
  health = await startFakeServer(() => ({
    status: 200,
    body: { status: 'ok' },
  }));
  root = mkdtempSync(join(tmpdir(), 'rotate-manual-'));
  await execa('git', ['init', '-q'], { cwd: root });
  writeFileSync(join(root, '.gitignore'), '.env.local\n');
  env = { SUPABASE_DB_URL: oldUrl(), NEW_SUPABASE_DB_URL: oldUrl() };
  writeFileSync(
    join(root, '.env.local'),
    `SUPABASE_DB_URL=${env.SUPABASE_DB_URL}\n`,
  );
  mkdirSync(join(root, '.shipshape'));
  writeFileSync(
    join(root, '.shipshape/secrets.yaml'),
    stringify({
      version: 1,
      environments: {
        production: {
          health: { url: `${health.url}/api/health`, attempts: 1 },
        },
      },
      secrets: [
        {
          name: 'SUPABASE_DB_URL',
          provider: 'manual',
          manual: {
            kind: 'database-password',
            newValueEnv: 'NEW_SUPABASE_DB_URL',
          },
          environments: ['production'],
          current: { env: 'SUPABASE_DB_URL' },
          consumers: [
            { type: 'dotenv', environment: 'production', file: '.env.local' },
          ],
        },
      ],
    }),
  );
});
afterEach(() => health.close());

async function apply(prompter: Prompter) {
  const options = { root, names: ['SUPABASE_DB_URL'], env, prompter };
  return applyRotations(selectRotations(options), {
    ...options,
    mode: 'fresh',
  });
}

const consumerValue = () =>
  readDotenvValue(
    readFileSync(join(root, '.env.local'), 'utf8'),
    'SUPABASE_DB_URL',
  );

describe('manual rotations', () => {
  it('refuse to start without a terminal or --confirm-manual', async () => {
    await expect(apply(refusingPrompter())).rejects.toThrow(
      /^--confirm-manual: SUPABASE_DB_URL has manual steps/,
    );
    expect(consumerValue()).toBe(env.SUPABASE_DB_URL);
  });

  it('print the checklist with its downtime warning, then distribute the new value', async () => {
    const output = new PassThrough();
    const [result] = await apply(preconfirmedPrompter(output));
    const printed = output.read()?.toString() ?? '';
    expect(printed).toMatch(/downtime: the old password stops working at once/);
    expect(printed).toMatch(/Reset database password/);
    expect(printed).not.toContain(env.NEW_SUPABASE_DB_URL);
    expect(result.status).toBe('completed');
    expect(consumerValue()).toBe(env.NEW_SUPABASE_DB_URL);
    expect(readLedger(join(root, '.shipshape/revoked.txt'))[0].sha256).toBe(
      hashSecret(env.SUPABASE_DB_URL as string),
    );
  });

  it('wait on each item at a terminal and stop, changing nothing, on a "no"', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    input.end('y\nn\n');
    const [result] = await apply(terminalPrompter(input, output));
    expect(result.status).toBe('rolled-back');
    expect(result.failure?.message).toMatch(/checklist was not completed/);
    expect(result.followUps).toEqual([]);
    expect(consumerValue()).toBe(env.SUPABASE_DB_URL);
    expect(output.read()?.toString()).toMatch(
      /1\. .*\n\s+done\? \[y\/N\] .*2\. /s,
    );
  });
});
