import { describe, expect, it } from 'vitest';
import { splitStatements } from './split.js';

describe('splitStatements', () => {
  it.each([
    [
      'plain statements',
      'select 1;\nselect 2;',
      ['select 1;', 'select 2;'],
      [1, 2],
    ],
    [
      'semicolons in strings',
      "select ';';\nselect 'it''s; fine';",
      ["select ';';", "select 'it''s; fine';"],
      [1, 2],
    ],
    [
      'escape strings',
      "select E'a\\';b';\nselect 2;",
      ["select E'a\\';b';", 'select 2;'],
      [1, 2],
    ],
    [
      'quoted names',
      'create table "a;b" (x int);',
      ['create table "a;b" (x int);'],
      [1],
    ],
    [
      'dollar-quoted bodies',
      'create function f() returns int as $body$ select 1; $body$ language sql;\nselect 3;',
      [
        'create function f() returns int as $body$ select 1; $body$ language sql;',
        'select 3;',
      ],
      [1, 2],
    ],
    [
      'comments',
      '-- a; comment\n/* block; /* nested; */ */\nselect 1; -- tail;\n',
      ['select 1;'],
      [3],
    ],
    [
      'BEGIN ATOMIC bodies',
      'create function f() returns int language sql\nbegin atomic\n  select 1;\n  select case when true then 1 end;\nend;\nselect 2;',
      [
        'create function f() returns int language sql\nbegin atomic\n  select 1;\n  select case when true then 1 end;\nend;',
        'select 2;',
      ],
      [1, 6],
    ],
    [
      'a last statement without semicolon',
      'select 1;\n\nselect 2',
      ['select 1;', 'select 2'],
      [1, 3],
    ],
    ['only comments', '-- nothing here\n', [], []],
  ])('handles %s', (_name, sql, texts, lines) => {
    const statements = splitStatements(sql);
    expect(statements.map((s) => s.text)).toEqual(texts);
    expect(statements.map((s) => s.line)).toEqual(lines);
  });

  it('keeps offsets that point at each statement', () => {
    const sql = 'select 1;\n  select 2;';
    for (const statement of splitStatements(sql)) {
      expect(
        sql.slice(statement.offset, statement.offset + statement.text.length),
      ).toBe(statement.text);
    }
  });
});
