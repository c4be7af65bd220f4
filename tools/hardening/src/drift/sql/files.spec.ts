import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSqlFiles } from './files.js';

describe('listSqlFiles', () => {
  it('lists .sql files in byte order, as the Supabase CLI applies them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-sql-'));
    for (const name of ['20240102_b.sql', '20240101_a.sql', 'notes.md']) {
      writeFileSync(join(dir, name), 'select 1;\n');
    }
    mkdirSync(join(dir, 'nested.sql'));

    const names = listSqlFiles(dir, '--migrations').map((file) =>
      file.slice(dir.length + 1),
    );
    expect(names).toEqual(['20240101_a.sql', '20240102_b.sql']);
  });

  it('says where to run it when the folder does not exist', () => {
    const dir = join(
      tmpdir(),
      'shipshape-no-such-folder',
      'supabase/migrations',
    );
    expect(() => listSqlFiles(dir, '--migrations')).toThrow(
      `--migrations ${dir}: no such folder; run shipshape where it exists (the project that holds supabase/, e.g. apps/web) or pass --migrations DIR.`,
    );
  });
});
