import { describe, expect, it } from 'vitest';
import { ShipshapeError } from '../errors.js';
import { describeTarget } from './target.js';

describe('describeTarget', () => {
  it.each([
    ['postgres://u@prod-db.example.com:5432/app', {}, true],
    ['postgres://u@db.example.com/app_production', {}, true],
    ['postgres://u@db.production.internal/app', {}, true],
    ['postgres://u@productivity.example.com/app', {}, false],
    ['postgres://u@127.0.0.1:54329/postgres', {}, false],
    ['postgres://u@127.0.0.1:54329/postgres', { APP_ENV: 'production' }, true],
    ['postgres://u@127.0.0.1:54329/postgres', { VERCEL_ENV: 'preview' }, false],
    [
      'postgres://u@127.0.0.1:54329/postgres',
      { NODE_ENV: 'Production ' },
      true,
    ],
    ['postgresql://live_admin@db.example.com/app', {}, true],
    // Hosted Supabase is production by default.
    [
      'postgresql://postgres:x@db.abcdefghijklmnopqrst.supabase.co:5432/postgres',
      {},
      true,
    ],
    [
      'postgres://postgres.abcdefghijklmnopqrst:x@aws-0-eu-central-1.pooler.supabase.com:6543/postgres',
      {},
      true,
    ],
    [
      'postgres://u@127.0.0.1:54322/postgres',
      { SUPABASE_ENV: 'production' },
      true,
    ],
    [
      'postgres://u@127.0.0.1:54322/postgres',
      { SUPABASE_ENV: 'staging' },
      false,
    ],
    ['postgres://u@supabase.co.example.com/postgres', {}, false],
  ] as const)('%s with %j -> production %s', (url, env, production) => {
    expect(describeTarget(url, env).production).toBe(production);
  });

  it('names the target by host and database, never the user or password', () => {
    const target = describeTarget(
      'postgres://admin:s3cr3t@db.example.com:6543/app',
      {},
    );
    expect(target.name).toBe('db.example.com:6543/app');
    expect(JSON.stringify(target)).not.toMatch(/admin|s3cr3t/);
  });

  it('honours --production and configured host patterns', () => {
    expect(
      describeTarget('postgres://u@a/b', {}, { forceProduction: true })
        .production,
    ).toBe(true);
    expect(
      describeTarget(
        'postgres://u@db.acme.io/b',
        {},
        { productionHosts: [/acme\.io$/] },
      ).production,
    ).toBe(true);
  });

  it('lets a hosted Supabase staging project be marked not production, but never over an explicit signal', () => {
    const staging =
      'postgres://postgres:x@db.stagingrefabcdefghijk.supabase.co:5432/postgres';
    const byFlag = describeTarget(staging, {}, { notProduction: true });
    expect(byFlag.production).toBe(false);
    expect(byFlag.reasons).toEqual([
      'the hosted Supabase host db.stagingrefabcdefghijk.supabase.co is marked not production by --not-production',
    ]);
    expect(
      describeTarget(staging, {}, { nonProductionHosts: [/^db\.staging/] })
        .production,
    ).toBe(false);
    expect(
      describeTarget(staging, {}, { nonProductionHosts: [/^db\.other/] })
        .production,
    ).toBe(true);
    expect(
      describeTarget(
        staging,
        { SUPABASE_ENV: 'production' },
        { notProduction: true },
      ).production,
    ).toBe(true);
    expect(() =>
      describeTarget(
        staging,
        {},
        { notProduction: true, forceProduction: true },
      ),
    ).toThrow('--production and --not-production contradict each other');
  });

  it.each(['not a url', 'mysql://u@h/db'])(
    'rejects %s without echoing it',
    (url) => {
      expect(() => describeTarget(url, {})).toThrow(ShipshapeError);
      try {
        describeTarget(url, {});
      } catch (error) {
        expect((error as Error).message).not.toContain(url);
      }
    },
  );
});
