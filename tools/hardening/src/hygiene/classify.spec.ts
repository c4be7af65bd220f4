import { describe, expect, it } from 'vitest';
import { classify, isEnvFile } from './classify.js';

const projects = new Set(['', 'apps/web', 'libs/ui']);

describe('classify', () => {
  it.each([
    [
      'node_modules/react/index.js',
      '100644',
      'dependency',
      'node_modules/',
      'node_modules',
    ],
    [
      'apps/web/node_modules',
      '120000',
      'dependency',
      'apps/web/node_modules',
      'node_modules',
    ],
    [
      'apps/web/.next/static/a.js',
      '100644',
      'build',
      'apps/web/.next/',
      '.next/',
    ],
    ['libs/ui/dist/index.js', '100644', 'build', 'libs/ui/dist/', 'dist/'],
    ['dist/main.js', '100644', 'build', 'dist/', 'dist/'],
    [
      'tsconfig.lib.tsbuildinfo',
      '100644',
      'build',
      'tsconfig.lib.tsbuildinfo',
      '*.tsbuildinfo',
    ],
    [
      'apps/web/next-env.d.ts',
      '100644',
      'build',
      'apps/web/next-env.d.ts',
      'next-env.d.ts',
    ],
    [
      '.nx/workspace-data/file-map.json',
      '100644',
      'cache',
      '.nx/workspace-data/',
      '.nx/workspace-data/',
    ],
    [
      'supabase/.temp/cli-latest',
      '100644',
      'cache',
      'supabase/.temp/',
      'supabase/.temp/',
    ],
    [
      'apps/api/supabase/.temp/x',
      '100644',
      'cache',
      'apps/api/supabase/.temp/',
      '**/supabase/.temp/',
    ],
    ['apps/x/.DS_Store', '100644', 'cache', 'apps/x/.DS_Store', '.DS_Store'],
    ['coverage/lcov.info', '100644', 'test-report', 'coverage/', 'coverage/'],
    [
      'junit-results.xml',
      '100644',
      'test-report',
      'junit-results.xml',
      'junit*.xml',
    ],
    ['.env', '100644', 'secret', '.env', '.env'],
    [
      'apps/web/.env.production',
      '100644',
      'secret',
      'apps/web/.env.production',
      '.env.*',
    ],
    ['deploy/prod.env', '100644', 'secret', 'deploy/prod.env', '*.env'],
    ['keys/app.p12', '100644', 'secret', 'keys/app.p12', '/keys/app.p12'],
    ['npm-debug.log', '100644', 'log', 'npm-debug.log', 'npm-debug.log*'],
    ['logs/app.log', '100644', 'log', 'logs/app.log', '*.log'],
    [
      'backups/db.tar.gz',
      '100644',
      'archive',
      'backups/db.tar.gz',
      '/backups/db.tar.gz',
    ],
    [
      'odd [1]*.zip',
      '100644',
      'archive',
      'odd [1]*.zip',
      '/odd \\[1\\]\\*.zip',
    ],
  ])('%s is %s', (path, mode, cls, root, pattern) => {
    expect(classify(path, mode, projects)).toMatchObject({
      cls,
      root,
      pattern,
    });
  });

  it.each([
    ['src/build/index.ts'],
    ['tools/out/readme.md'],
    ['apps/web/src/node_modules.ts'],
    ['apps/web/public/hero.png'],
    ['.env.example'],
    ['apps/web/.env.local.sample'],
    ['src/.env.ts'],
    ['libs/env/src/env.d.ts'],
    ['docs/coverage.md'],
    ['README.md'],
  ])('%s is not an artifact', (path) => {
    expect(classify(path, '100644', projects)).toBeUndefined();
  });

  it('asks for content before calling a .pem or .key file a secret', () => {
    expect(classify('certs/server.pem', '100644', projects)).toMatchObject({
      cls: 'secret',
      needsContent: 'private-key',
    });
  });

  it('does not treat a plain file called node_modules as a folder', () => {
    expect(classify('node_modules', '100644', projects)).toBeUndefined();
  });

  it.each([
    ['.env', true],
    ['.env.local', true],
    ['.env.production.local', true],
    ['.env.example', false],
    ['.env.production.template', false],
    ['.env.vault', false],
    ['env.ts', false],
  ])('isEnvFile(%s) = %s', (name, expected) => {
    expect(isEnvFile(name)).toBe(expected);
  });
});
