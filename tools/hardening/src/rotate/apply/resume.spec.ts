import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyRotations, selectRotations } from '../engine.js';
import { createWorld, type World } from '../testing/world.js';
import { refusingPrompter } from './checklist.js';

const BIN = fileURLToPath(
  new URL('../../../bin/shipshape.mjs', import.meta.url),
);
const JOURNAL = '.shipshape/rotate/RESEND_API_KEY.jsonl';

let world: World;
afterEach(() => world.close());

/**
 * Starts `shipshape rotate apply --yes` as a real process, lets it hang on
 * the staging health check and kills it there (SIGKILL: no cleanup runs).
 */
async function killDuringStagingVerify(): Promise<void> {
  let hanging = true;
  world.app.hang((seen) => hanging && seen.path === '/staging/api/health');
  const child = spawn(
    process.execPath,
    [BIN, 'rotate', 'apply', 'RESEND_API_KEY', '--yes'],
    {
      cwd: world.root,
      env: { ...process.env, ...world.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: 'ignore',
    },
  );
  const exited = once(child, 'exit');
  for (let i = 0; i < 600; i++) {
    if (journal().includes('"step":"verify:staging","outcome":"started"'))
      break;
    await new Promise((done) => setTimeout(done, 50));
  }
  child.kill('SIGKILL');
  await exited;
  hanging = false;
  expect(journal()).toContain('"step":"verify:staging","outcome":"started"');
  expect(journal()).not.toContain('"outcome":"completed"');
}

function journal(): string {
  const file = join(world.root, JOURNAL);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

async function apply(mode: 'fresh' | 'resume' | 'rollback') {
  const options = {
    root: world.root,
    names: ['RESEND_API_KEY'],
    env: world.env,
    prompter: refusingPrompter(),
    sleep: async () => undefined,
  };
  const [result] = await applyRotations(selectRotations(options), {
    ...options,
    mode,
  });
  return result;
}

describe('an interrupted rotation', () => {
  it('resumes from its journal, recovering the new value from a readable consumer', async () => {
    world = await createWorld({ healthTimeoutSeconds: 60 });
    await killDuringStagingVerify();
    const created = [...world.resend.keys.values()].find(
      (key) => key.id !== world.old.id,
    );
    expect(created).toBeDefined();

    await expect(apply('fresh')).rejects.toThrow(
      /did not finish; pass --resume to continue it or --rollback/,
    );
    const result = await apply('resume');
    expect(result.status).toBe('completed');
    expect(result.steps[0].step).toBe('verify:staging');
    expect([...world.resend.keys.values()].map((key) => key.id)).toEqual([
      created?.id,
    ]);
    expect(world.github.secrets.get('*/RESEND_API_KEY')?.value).toBe(
      created?.token,
    );
    expect(journal()).not.toContain(created?.token as string);
    expect(journal()).not.toContain(world.old.token);
  }, 60_000);

  it('rolls back on request, restoring write-only secrets from the old value', async () => {
    world = await createWorld({ healthTimeoutSeconds: 60 });
    await killDuringStagingVerify();
    const result = await apply('rollback');
    expect(result.status).toBe('rolled-back');
    expect([...world.resend.keys.values()].map((key) => key.id)).toEqual([
      world.old.id,
    ]);
    expect(world.github.secrets.get('staging/RESEND_API_KEY')?.value).toBe(
      world.old.token,
    );
    expect(world.keyIn('staging')).toBe(world.old.token);
    await expect(apply('resume')).rejects.toThrow(/holds no unfinished run/);
  }, 60_000);

  it('replaces a new key whose value only write-only consumers received', async () => {
    world = await createWorld({
      healthTimeoutSeconds: 60,
      consumers: [
        { type: 'github-environment-secret', environment: 'staging' },
        { type: 'github-repository-secret', environment: 'production' },
      ],
    });
    // The app reads the key from GitHub here, so health follows those secrets.
    world.keyFor = (env) =>
      world.github.secrets.get(
        env === 'staging' ? 'staging/RESEND_API_KEY' : '*/RESEND_API_KEY',
      )?.value;
    await killDuringStagingVerify();
    const lost = [...world.resend.keys.values()].find(
      (key) => key.id !== world.old.id,
    );

    const result = await apply('resume');
    expect(result.status).toBe('completed');
    expect(journal()).toContain('"outcome":"superseded"');
    const keys = [...world.resend.keys.values()];
    expect(keys).toHaveLength(1);
    expect(keys[0].id).not.toBe(lost?.id);
    expect(world.github.secrets.get('staging/RESEND_API_KEY')?.value).toBe(
      keys[0].token,
    );
    expect(world.github.secrets.get('*/RESEND_API_KEY')?.value).toBe(
      keys[0].token,
    );
  }, 60_000);
});
