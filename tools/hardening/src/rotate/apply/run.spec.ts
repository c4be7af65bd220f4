import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret, readLedger } from '../../ledger/index.js';
import { renderReport } from '../../cli/output.js';
import { ShipshapeError } from '../../errors.js';
import type { Report } from '../../report/index.js';
import {
  applyRotations,
  preflight,
  selectRotations,
  type RotateOptions,
} from '../engine.js';
import { readDotenvValue } from '../consumers/dotenv.js';
import { createWorld, type World } from '../testing/world.js';
import { refusingPrompter } from './checklist.js';
import type { ApplyResult } from './run.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.close());

function options(): RotateOptions {
  return {
    root: world.root,
    names: ['RESEND_API_KEY'],
    env: world.env,
    prompter: refusingPrompter(),
    sleep: async () => undefined,
  };
}

async function apply(
  mode: 'fresh' | 'resume' | 'rollback' = 'fresh',
): Promise<ApplyResult> {
  const [result] = await applyRotations(selectRotations(options()), {
    ...options(),
    mode,
  });
  return result;
}

const dotenvKey = () =>
  readDotenvValue(
    readFileSync(join(world.root, '.env.local'), 'utf8'),
    'RESEND_API_KEY',
  );
const liveKeys = () => [...world.resend.keys.values()];

describe('rotate apply', () => {
  it('rotates staging first, revokes the old key last and records its hash', async () => {
    const result = await apply();
    expect(result.status).toBe('completed');
    const keys = liveKeys();
    expect(keys).toHaveLength(1);
    const fresh = keys[0].token;
    expect(fresh).not.toBe(world.old.token);
    expect(world.github.secrets.get('staging/RESEND_API_KEY')?.value).toBe(
      fresh,
    );
    expect(world.github.secrets.get('*/RESEND_API_KEY')?.value).toBe(fresh);
    expect(world.vercel.envs.map((env) => env.value)).toEqual([fresh, fresh]);
    expect(dotenvKey()).toBe(fresh);
    expect(world.hooks).toEqual(['staging', 'production']);

    // Staging is written and verified before production is touched.
    expect(result.steps.map((step) => step.step)).toEqual([
      'create',
      'write:staging:github:acme/app:staging:RESEND_API_KEY',
      'write:staging:vercel:web:preview:RESEND_API_KEY',
      'write:staging:dotenv:.env.local:RESEND_API_KEY',
      'redeploy:staging',
      'verify:staging',
      'write:production:github:acme/app:*:RESEND_API_KEY',
      'write:production:vercel:web:production:RESEND_API_KEY',
      'redeploy:production',
      'verify:production',
      'revoke',
      'ledger',
    ]);

    const ledger = readLedger(join(world.root, '.shipshape/revoked.txt'));
    expect(ledger).toMatchObject([
      { sha256: hashSecret(world.old.token), name: 'RESEND_API_KEY' },
    ]);

    // Neither the journal nor any report format holds a value.
    const journal = readFileSync(result.journal, 'utf8');
    const report: Report = {
      tool: 'shipshape',
      command: 'rotate apply',
      version: '0',
      ok: true,
      findings: [],
      stats: { files: 0, bytes: 0, skipped: [], durationMs: 0 },
      rotations: [result],
    };
    for (const text of [
      journal,
      renderReport(report, 'json'),
      readFileSync(join(world.root, '.shipshape/revoked.txt'), 'utf8'),
    ]) {
      expect(text).not.toContain(world.old.token);
      expect(text).not.toContain(fresh);
    }
    expect(journal).toContain('"outcome":"completed"');
  });

  it('rolls back when staging verification fails, before production is touched', async () => {
    world.accept = (env, token) =>
      !(env === 'staging' && token !== world.old.token);
    const result = await apply();
    expect(result.status).toBe('rolled-back');
    expect(result.failure?.step).toBe('verify:staging');
    expect(result.failure?.message).toMatch(
      /staging health check .* failed after 2 attempt\(s\): answered 503/,
    );
    expect(result.followUps).toEqual([]);

    expect(liveKeys().map((key) => key.id)).toEqual([world.old.id]);
    expect(world.github.secrets.get('staging/RESEND_API_KEY')?.value).toBe(
      world.old.token,
    );
    expect(world.vercel.envs.map((env) => env.value)).toEqual([
      world.old.token,
      world.old.token,
    ]);
    expect(dotenvKey()).toBe(world.old.token);
    const productionWrites = world.github.seen.filter(
      (seen) =>
        seen.method === 'PUT' && seen.path.includes('/actions/secrets/'),
    );
    expect(productionWrites).toEqual([]);
    expect(world.hooks).toEqual(['staging', 'staging']);
    expect(existsSync(join(world.root, '.shipshape/revoked.txt'))).toBe(false);
    expect(
      result.steps
        .filter((step) => step.outcome === 'rolled-back')
        .map((step) => step.step),
    ).toEqual([
      'write:staging:dotenv:.env.local:RESEND_API_KEY',
      'write:staging:vercel:web:preview:RESEND_API_KEY',
      'write:staging:github:acme/app:staging:RESEND_API_KEY',
      'create',
    ]);
  });

  it('rolls back everything after a provider error mid-way through production', async () => {
    world.vercel.fail(
      (seen) =>
        seen.method === 'POST' &&
        JSON.stringify(seen.body).includes('"production"'),
      {
        status: 500,
        body: {
          error: {
            code: 'internal_server_error',
            message: 'An unexpected internal error occurred',
          },
        },
      },
      1,
    );
    const result = await apply();
    expect(result.status).toBe('rolled-back');
    expect(result.failure?.step).toBe(
      'write:production:vercel:web:production:RESEND_API_KEY',
    );
    expect(result.failure?.message).toBe(
      'vercel: POST /v10/projects/web/env answered 500: An unexpected internal error occurred',
    );
    expect(liveKeys().map((key) => key.id)).toEqual([world.old.id]);
    expect(world.github.secrets.get('*/RESEND_API_KEY')?.value).toBe(
      world.old.token,
    );
    expect(world.github.secrets.get('staging/RESEND_API_KEY')?.value).toBe(
      world.old.token,
    );
    expect(dotenvKey()).toBe(world.old.token);
    expect(existsSync(join(world.root, '.shipshape/revoked.txt'))).toBe(false);
  });

  it('stops (no rollback) when revocation fails, and --resume finishes it', async () => {
    // DELETE is idempotent, so the client retries it three times first.
    world.resend.fail(
      (seen) => seen.method === 'DELETE',
      {
        status: 500,
        body: {
          statusCode: 500,
          name: 'application_error',
          message: 'Internal server error',
        },
      },
      4,
    );
    const stopped = await apply();
    expect(stopped.status).toBe('stopped');
    expect(stopped.failure?.step).toBe('revoke');
    expect(stopped.followUps[0]).toMatch(/--resume --yes/);
    expect(liveKeys()).toHaveLength(2);
    expect(world.github.secrets.get('*/RESEND_API_KEY')?.value).not.toBe(
      world.old.token,
    );
    await expect(apply()).rejects.toThrow(/did not finish; pass --resume/);

    const resumed = await apply('resume');
    expect(resumed.status).toBe('completed');
    expect(resumed.steps.map((step) => step.step)).toEqual([
      'revoke',
      'ledger',
    ]);
    expect(liveKeys().map((key) => key.id)).not.toContain(world.old.id);
    expect(readLedger(join(world.root, '.shipshape/revoked.txt'))).toHaveLength(
      1,
    );
    // A finished run lets the next rotation start fresh.
    world.env.RESEND_API_KEY = liveKeys()[0].token;
    expect((await apply()).status).toBe('completed');
  });

  it('stops after the current step when the operator interrupts, and resumes later', async () => {
    const controller = new AbortController();
    const selection = selectRotations(options());
    // Interrupt as soon as staging verification starts (Ctrl-C mid-run).
    world.accept = (env) => {
      if (env === 'staging') controller.abort();
      return true;
    };
    const [stopped] = await applyRotations(selection, {
      ...options(),
      mode: 'fresh',
      signal: controller.signal,
    });
    expect(stopped.status).toBe('stopped');
    expect(stopped.failure?.step).toBe(
      'write:production:github:acme/app:*:RESEND_API_KEY',
    );
    expect(stopped.followUps[0]).toMatch(
      /--resume --yes. to continue, or --rollback/,
    );
    expect(world.github.secrets.get('*/RESEND_API_KEY')?.value).toBe(
      world.old.token,
    );

    const resumed = await apply('resume');
    expect(resumed.status).toBe('completed');
    expect(resumed.steps[0].step).toBe(
      'write:production:github:acme/app:*:RESEND_API_KEY',
    );
    expect(liveKeys()).toHaveLength(1);
    expect(world.github.secrets.get('*/RESEND_API_KEY')?.value).toBe(
      liveKeys()[0].token,
    );
  });

  it('refuses to start while blocking problems remain, naming them', async () => {
    delete world.env.VERCEL_TOKEN;
    const error = await apply().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShipshapeError);
    expect((error as Error).message).toMatch(/VERCEL_TOKEN is empty/);
    expect(world.resend.seen).toEqual([]);
  });

  it('dry-run preflight only reads', async () => {
    const selection = selectRotations(options());
    const check = await preflight(selection.rotations[0], selection.plans[0]);
    expect(check.problems).toEqual([]);
    expect(check.oldCredential).toBe(world.old.id);
    const methods = [
      ...world.resend.seen,
      ...world.github.seen,
      ...world.vercel.seen,
    ].map((seen) => seen.method);
    expect(new Set(methods)).toEqual(new Set(['GET']));
  });
});
