import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@shipshape/logger';
import { fakeFactory, randomToken } from '@shipshape/secrets/testing';
import { main } from '../cli.js';
import { isShipshapeError } from '../errors.js';
import { runValidateEnv } from './run.js';

const fake = fakeFactory(`validate-env-${randomToken(8)}`);
// Schema modules are transpiled on import; slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });
const HERE = new URL('.', import.meta.url).pathname;

const SCHEMA = `
import { defineEnv, envVar } from '@shipshape/env';
export const envDefinition = defineEnv({
  server: { DATABASE_URL: envVar.url(), SERVICE_ROLE_KEY: envVar.string(), MODE: envVar.enum(['a', 'b']) },
  client: { NEXT_PUBLIC_SUPABASE_ANON_KEY: envVar.string() },
});
export const notASchema = 42;
`;

/** A temp project that can import the workspace's @shipshape/env and zod. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'validate-env-'));
  symlinkSync(
    join(HERE, '../../node_modules'),
    join(dir, 'node_modules'),
    'dir',
  );
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, name), text);
  return dir;
}

function quietLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'test',
    level: 'debug',
    pretty: false,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines };
}

describe('runValidateEnv', () => {
  it('passes a valid file against the schema', async () => {
    const root = project({
      'env.schema.ts': SCHEMA,
      '.env': [
        `DATABASE_URL=${fake.supabaseDbUrl()}`,
        `SERVICE_ROLE_KEY=${fake.supabaseServiceRole()}`,
        'MODE=a',
        `NEXT_PUBLIC_SUPABASE_ANON_KEY=${fake.supabaseAnon()}`,
      ].join('\n'),
    });
    const report = await runValidateEnv({
      root,
      logger: quietLogger().logger,
      envFiles: ['.env'],
      schema: 'env.schema.ts',
    });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reports every problem with file and line, never a value', async () => {
    const serviceRole = fake.supabaseServiceRole();
    const enumValue = `mode-${randomToken(10)}`;
    const secretKey = fake.supabaseSecret();
    const root = project({
      'env.schema.ts': SCHEMA,
      '.env': ['# base', 'DATABASE_URL=', `MODE=${enumValue}`].join('\n'),
      '.env.local': [
        `NEXT_PUBLIC_SUPABASE_ANON_KEY=${serviceRole}`,
        `export NEXT_PUBLIC_LEAK="${secretKey}"`,
      ].join('\n'),
    });
    const { logger, lines } = quietLogger();
    const report = await runValidateEnv({
      root,
      logger,
      envFiles: ['.env', '.env.local'],
      schema: 'env.schema.ts',
    });
    const summary = report.findings.map((f) => [
      f.ruleId,
      f.properties?.['variable'],
      f.location.file,
      f.location.line,
    ]);
    expect(summary).toEqual([
      ['env/missing', 'DATABASE_URL', '.env', 2],
      ['env/invalid', 'MODE', '.env', 3],
      ['env/missing', 'SERVICE_ROLE_KEY', '.env.local', undefined],
      ['env/anon-key-role', 'NEXT_PUBLIC_SUPABASE_ANON_KEY', '.env.local', 1],
      ['env/public-secret', 'NEXT_PUBLIC_LEAK', '.env.local', 2],
    ]);
    const everything = JSON.stringify(report) + lines.join('');
    for (const value of [serviceRole, enumValue, secretKey])
      expect(everything).not.toContain(value);
  });

  it('checks the process environment when no file is given, secret shapes only without schema', async () => {
    const report = await runValidateEnv({
      root: project({}),
      logger: quietLogger().logger,
      processEnv: { NEXT_PUBLIC_RESEND: fake.resend(), HOME: '/root' },
    });
    expect(report.findings.map((f) => [f.ruleId, f.location.file])).toEqual([
      ['env/public-secret', '(process.env)'],
    ]);
    expect(report.warnings?.[0]?.code).toBe('NO_SCHEMA');
  });

  it('reads schema and files from the env section of shipshape.config.json', async () => {
    const root = project({
      'env.schema.ts': SCHEMA,
      'shipshape.config.json': JSON.stringify({
        env: { schema: 'env.schema.ts', envFiles: ['.env'] },
      }),
      '.env': 'MODE=b',
    });
    const report = await runValidateEnv({ root, logger: quietLogger().logger });
    expect(report.findings.map((f) => f.properties?.['variable'])).toEqual([
      'DATABASE_URL',
      'NEXT_PUBLIC_SUPABASE_ANON_KEY',
      'SERVICE_ROLE_KEY',
    ]);
  });

  it.each([
    [{ envFiles: ['missing.env'] }, '--env-file missing.env: cannot read'],
    [{ schema: 'nope.ts' }, '--schema nope.ts: no such file'],
    [
      { schema: 'env.schema.ts', exportName: 'notASchema' },
      '--export notASchema: env.schema.ts has no such',
    ],
    [{ schema: 'throws.ts' }, '--schema throws.ts: importing it failed'],
  ])('cannot run with %o', async (options, message) => {
    const root = project({
      'env.schema.ts': SCHEMA,
      'throws.ts': 'throw new Error("x");',
    });
    const error = await runValidateEnv({
      root,
      logger: quietLogger().logger,
      ...options,
    }).catch((e) => e);
    expect(isShipshapeError(error)).toBe(true);
    expect(String(error.message)).toContain(message);
  });
});

describe('shipshape validate-env', () => {
  async function cli(args: string[], cwd: string) {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk) => !!out.push(String(chunk)));
    const stderr = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((chunk) => !!err.push(String(chunk)));
    const previous = process.cwd();
    process.chdir(cwd);
    process.exitCode = undefined;
    try {
      const code = await main(args);
      return { code, out: out.join(''), err: err.join('') };
    } finally {
      process.chdir(previous);
      process.exitCode = undefined;
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  it('exits 0, 1 and 2 and never prints a value, even with --verbose', async () => {
    const secret = fake.supabaseSecret();
    const root = project({
      'env.schema.ts': SCHEMA,
      'good.env': `NEXT_PUBLIC_URL=https://x.test\nMODE=a`,
      'bad.env': `NEXT_PUBLIC_KEY=${secret}\nMODE=${secret}`,
    });
    expect((await cli(['validate-env', '-f', 'good.env'], root)).code).toBe(0);
    const bad = await cli(
      [
        '--verbose',
        'validate-env',
        '-f',
        'bad.env',
        '--schema',
        'env.schema.ts',
      ],
      root,
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('NEXT_PUBLIC_KEY holds a server secret');
    expect(bad.err).toContain('validate-env: collected variables');
    expect(bad.out + bad.err).not.toContain(secret);
    const quiet = await cli(
      ['validate-env', '-f', 'bad.env', '--schema', 'env.schema.ts'],
      root,
    );
    expect(quiet.code).toBe(1);
    expect(quiet.err).toBe('');
    const json = await cli(
      ['validate-env', '-f', 'bad.env', '--format', 'json'],
      root,
    );
    expect(JSON.parse(json.out).findings[0].ruleId).toBe('env/public-secret');
    expect(json.out).not.toContain(secret);
    const missing = await cli(['validate-env', '-f', 'missing.env'], root);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--env-file missing.env');
  });
});
