import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { createWorld, type World } from './testing/world.js';

const BIN = fileURLToPath(new URL('../../bin/shipshape.mjs', import.meta.url));

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

// Async on purpose: the fake providers live in this process and must keep answering.
async function cli(args: string[], env: NodeJS.ProcessEnv = world.env) {
  const result = await execa(process.execPath, [BIN, 'rotate', ...args], {
    cwd: world.root,
    env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    reject: false,
    stdin: 'ignore',
  });
  return {
    code: result.exitCode,
    stdout: result.stdout + '\n',
    stderr: result.stderr + '\n',
  };
}

describe('shipshape rotate (CLI)', { timeout: 60_000 }, () => {
  it('plans at-risk secrets and prints no value', async () => {
    const { code, stdout } = await cli(['plan']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /RESEND_API_KEY \(resend\) — at risk: pasted into a public issue/,
    );
    expect(stdout).toMatch(/rollback: /);
    expect(stdout).not.toContain(world.old.token);
  });

  it('exits 1 with blocked findings in JSON when a token is missing', async () => {
    const { code, stdout } = await cli(['plan', '--format', 'json'], {
      ...world.env,
      VERCEL_TOKEN: '',
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      tool: 'shipshape',
      command: 'rotate plan',
      ok: false,
    });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'rotate/blocked',
      location: { file: '.shipshape/secrets.yaml' },
    });
    expect(report.plans[0].steps).toHaveLength(12);
  });

  it('dry-runs apply without changing anything, then applies with --yes', async () => {
    const dry = await cli(['apply', 'RESEND_API_KEY']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /dry run \(fresh\): nothing was changed; pass --yes to apply/,
    );
    expect(world.resend.keys.size).toBe(1);

    const done = await cli([
      'apply',
      'RESEND_API_KEY',
      '--yes',
      '--format',
      'json',
    ]);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout);
    expect(report.rotations[0].status).toBe('completed');
    expect(done.stdout + done.stderr).not.toContain(world.old.token);
    const fresh = [...world.resend.keys.values()][0].token;
    expect(done.stdout + done.stderr).not.toContain(fresh);
  });

  it('exits 1 with a rolled-back finding when staging fails verification', async () => {
    const failing = await createWorld();
    try {
      failing.accept = (env, token) =>
        env !== 'staging' || token === failing.old.token;
      const result = await execa(
        process.execPath,
        [BIN, 'rotate', 'apply', '--at-risk', '--yes', '--format', 'json'],
        {
          cwd: failing.root,
          env: { ...failing.env, NO_COLOR: '1', FORCE_COLOR: '0' },
          reject: false,
          stdin: 'ignore',
        },
      );
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.findings).toMatchObject([
        {
          ruleId: 'rotate/rolled-back',
          severity: 'high',
          location: { file: '.shipshape/rotate/RESEND_API_KEY.jsonl' },
        },
      ]);
      expect(report.findings[0].message).toMatch(
        /^RESEND_API_KEY: verify:staging failed: staging health check/,
      );
      expect([...failing.resend.keys.keys()]).toEqual([failing.old.id]);
      expect(result.stdout + result.stderr).not.toContain(failing.old.token);
    } finally {
      await failing.close();
    }
  });

  it('exits 2 with one sentence for bad options', async () => {
    const both = await cli([
      'apply',
      'RESEND_API_KEY',
      '--resume',
      '--rollback',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      'shipshape: --resume and --rollback: choose one.\n',
    );
    const none = await cli(['apply']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /name the secret\(s\) to rotate, or pass --at-risk/,
    );
    const missing = await cli(['plan', '--inventory', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read the inventory/);
  });
});
