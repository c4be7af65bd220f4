import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLogger } from '@shipshape/logger';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShipshapeError } from '../errors.js';
import { safeRun, type SafeRunOptions } from './run.js';

const PG_URL = process.env.SHIPSHAPE_TEST_PG_URL;
if (!PG_URL && process.env.CI) {
  throw new Error(
    'SHIPSHAPE_TEST_PG_URL is not set: run scripts/services/postgres.sh start.',
  );
}

const BIN = fileURLToPath(new URL('../../bin/shipshape.mjs', import.meta.url));
const logger = createLogger({ service: 'test', level: 'silent' });

describe.skipIf(!PG_URL)('db:safe-run against PostgreSQL', () => {
  const database = `shipshape_guard_${randomBytes(4).toString('hex')}`;
  // A password trust auth ignores, so a leak check has something to find.
  const password = `pw${randomBytes(12).toString('hex')}`;
  let url: string;
  let dir: string;
  let admin: pg.Client;
  let db: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    const parsed = new URL(PG_URL ?? '');
    parsed.pathname = `/${database}`;
    parsed.password = password;
    url = parsed.toString();
    db = new pg.Client({ connectionString: url });
    await db.connect();
    dir = await mkdtemp(join(tmpdir(), 'db-guard-'));
  });

  afterAll(async () => {
    await db?.end();
    await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function sqlFile(name: string, sql: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, sql);
    return file;
  }

  function run(file: string, extra: Partial<SafeRunOptions> = {}) {
    return safeRun({ file, url, env: {}, cwd: dir, logger, ...extra });
  }

  async function tableExists(name: string): Promise<boolean> {
    const { rows } = await db.query(
      'select to_regclass($1) is not null as present',
      [name],
    );
    return rows[0].present as boolean;
  }

  it('runs safe statements against production', async () => {
    const file = await sqlFile(
      'safe.sql',
      "create table notes (id int primary key, body text);\ninsert into notes values (1, 'drop table notes;');\nupdate notes set body = 'x' where id = 1;",
    );
    const report = await run(file, { env: { APP_ENV: 'production' } });
    expect(report).toMatchObject({ ok: true, executed: true, findings: [] });
    expect((await db.query('select body from notes')).rows).toEqual([
      { body: 'x' },
    ]);
  });

  it('refuses destructive statements against production and runs nothing', async () => {
    const file = await sqlFile(
      'cleanup.sql',
      'insert into notes values (2, null);\ndelete from notes;\ndrop table notes;',
    );
    const report = await run(file, { env: { APP_ENV: 'production' } });
    expect(report.ok).toBe(false);
    expect(report.executed).toBe(false);
    expect(
      report.findings.map((f) => [f.ruleId, f.location.line, f.suppressed]),
    ).toEqual([
      ['db-guard/delete-without-where', 2, undefined],
      ['db-guard/drop', 3, undefined],
    ]);
    expect(await tableExists('notes')).toBe(true);
    expect(
      (await db.query('select count(*)::int as n from notes')).rows[0].n,
    ).toBe(1);
    expect(JSON.stringify(report)).not.toContain(password);
  });

  it('refuses a confirmation that names another database', async () => {
    const file = await sqlFile('drop.sql', 'drop table notes;');
    await expect(
      run(file, { forceProduction: true, confirm: 'elsewhere:5432/app' }),
    ).rejects.toThrow(
      /--confirm-production names "elsewhere:5432\/app", but the target is 127\.0\.0\.1:\d+\/shipshape_guard_/,
    );
    expect(await tableExists('notes')).toBe(true);
  });

  it('runs destructive statements on production once confirmed by name', async () => {
    const file = await sqlFile('truncate.sql', 'truncate notes;');
    const name = `${new URL(url).host}/${database}`;
    const report = await run(file, { forceProduction: true, confirm: name });
    expect(report.ok).toBe(true);
    expect(report.findings[0].suppressed).toEqual({
      kind: 'confirmed',
      reason: `--confirm-production ${name}`,
    });
    expect(
      (await db.query('select count(*)::int as n from notes')).rows[0].n,
    ).toBe(0);
  });

  it('lets destructive statements through on a database that is not production', async () => {
    const file = await sqlFile(
      'dev.sql',
      'create table scratch (id int);\ndrop table scratch;',
    );
    const report = await run(file);
    expect(report.ok).toBe(true);
    expect(report.findings[0].suppressed?.kind).toBe('not-production');
    expect(await tableExists('scratch')).toBe(false);
  });

  it('does not connect on a dry run', async () => {
    const file = await sqlFile('dry.sql', 'create table dry (id int);');
    const report = await run(file, { dryRun: true });
    expect(report).toMatchObject({ ok: true, executed: false, dryRun: true });
    expect(await tableExists('dry')).toBe(false);
  });

  it('rolls the whole file back when PostgreSQL rejects a statement, naming its line', async () => {
    const file = await sqlFile(
      'broken.sql',
      'create table half (id int);\nselect * from missing_table;',
    );
    const error = await run(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShipshapeError);
    expect((error as Error).message).toMatch(
      /broken\.sql:2:15: PostgreSQL rejected the file \(SQLSTATE 42P01/,
    );
    expect(await tableExists('half')).toBe(false);
  });

  it('refuses EXECUTE in DO blocks, dynamic SQL and constant-true WHERE on production, and runs nothing', async () => {
    await db.query(
      'create table a5 (id int); create table a4 (x int); insert into a4 values (7);',
    );
    const cases = [
      ["do $$ begin execute 'DROP TABLE a5'; end $$;", 'db-guard/drop'],
      [
        "do $$ begin execute format('TRUNCATE %I', 'a4'); end $$;",
        'db-guard/dynamic-sql',
      ],
      [
        'update a4 set x = 1 where true or false;',
        'db-guard/update-without-where',
      ],
    ] as const;
    for (const [index, [sql, rule]] of cases.entries()) {
      const file = await sqlFile(`dyn${index}.sql`, sql);
      const report = await run(file, { forceProduction: true });
      expect(report.ok).toBe(false);
      expect(report.executed).toBe(false);
      expect(report.findings.map((f) => f.ruleId)).toEqual([rule]);
    }
    expect(await tableExists('a5')).toBe(true);
    const { rows } = await db.query('select x from a4');
    expect(rows).toEqual([{ x: 7 }]);
  });

  it('reports an unreachable database without the URL', async () => {
    const file = await sqlFile('any.sql', 'select 1;');
    const closed = `postgres://postgres:${password}@127.0.0.1:1/app`;
    const error = await safeRun({
      file,
      url: closed,
      env: {},
      cwd: dir,
      logger,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
    expect((error as Error).message).not.toContain(password);
  });

  it('exits 1 from the CLI when it refuses, 0 when it runs, with no secret in the output', async () => {
    const file = await sqlFile('cli.sql', 'drop table if exists never_there;');
    const exec = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: url, APP_ENV: 'production' };
    const refused = await exec(
      process.execPath,
      [BIN, 'db:safe-run', file, '--format', 'json'],
      { env, cwd: dir },
    ).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect('code' in refused ? refused.code : 0).toBe(1);
    const report = JSON.parse(refused.stdout);
    expect(report).toMatchObject({
      command: 'db:safe-run',
      ok: false,
      executed: false,
    });
    expect(refused.stdout + refused.stderr).not.toContain(password);

    const name = `${new URL(url).host}/${database}`;
    const ran = await exec(
      process.execPath,
      [BIN, 'db:safe-run', file, '--confirm-production', name],
      { env, cwd: dir },
    );
    expect(ran.stdout).toContain('Ran 1 statement(s).');
    expect(ran.stdout + ran.stderr).not.toContain(password);
  }, 60_000);
});

describe('db:safe-run CLI argument order', () => {
  it('complains about a missing file before a missing --url', async () => {
    const exec = promisify(execFile);
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const failed = await exec(
      process.execPath,
      [BIN, 'db:safe-run', 'nosuch.sql'],
      { env },
    ).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect('code' in failed ? failed.code : 0).toBe(2);
    expect(failed.stderr).toContain('nosuch.sql: cannot read the SQL file');
    expect(failed.stderr).not.toContain('--url');
  }, 60_000);

  it('refuses a hosted Supabase URL as production in a dry run', async () => {
    const exec = promisify(execFile);
    const dir = await mkdtemp(join(tmpdir(), 'db-guard-cli-'));
    try {
      const file = join(dir, 'drop.sql');
      await writeFile(file, 'drop table a5;');
      const host = 'db.abcdefghijklmnopqrst.supabase.co';
      const refused = await exec(
        process.execPath,
        [
          BIN,
          'db:safe-run',
          file,
          '--dry-run',
          '--format',
          'json',
          '--url',
          `postgresql://postgres:x@${host}:5432/postgres`,
        ],
        { cwd: dir },
      ).catch((e: { code: number; stdout: string; stderr: string }) => e);
      expect('code' in refused ? refused.code : 0).toBe(1);
      expect(JSON.parse(refused.stdout).target).toMatchObject({
        name: `${host}:5432/postgres`,
        production: true,
      });
      await writeFile(
        join(dir, 'shipshape.config.json'),
        JSON.stringify({ dbGuard: { nonProductionHosts: ['^db\\.abcdef'] } }),
      );
      const staging = await exec(
        process.execPath,
        [
          BIN,
          'db:safe-run',
          file,
          '--dry-run',
          '--url',
          `postgresql://postgres:x@${host}:5432/postgres`,
        ],
        { cwd: dir },
      );
      expect(staging.stdout).toContain('not production');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
