import { describe, expect, it } from 'vitest';
import { analyzeSql } from './analyze.js';
import { splitStatements } from './statements.js';
import { SqlSyntaxError, tokenize } from './tokenize.js';

const kinds = (sql: string) => analyzeSql(sql).destructive.map((d) => d.kind);

describe('analyzeSql', () => {
  it.each([
    ['drop table users;', ['drop']],
    ['DROP TABLE IF EXISTS public.users CASCADE', ['drop']],
    ['drop index concurrently idx_a;', ['drop']],
    ['drop materialized view mv;', ['drop']],
    ['drop schema app cascade; drop database app2;', ['drop', 'drop']],
    ['truncate users;', ['truncate']],
    ['TRUNCATE TABLE ONLY a, b RESTART IDENTITY;', ['truncate']],
    ['delete from users;', ['delete-without-where']],
    ['delete from only users using teams;', ['delete-without-where']],
    ['delete from users where id = 1;', []],
    ['delete from users where true;', ['delete-without-where']],
    ['delete from users where 1 = 1 returning *;', ['delete-without-where']],
    ['delete from users where 1 = 2;', []],
    ['update users set active = false;', ['update-without-where']],
    [
      'update users set active = false where id in (select id from banned);',
      [],
    ],
    [
      'update users set a = (select max(x) from t where t.y = 1);',
      ['update-without-where'],
    ],
    [
      'with gone as (delete from users returning id) select count(*) from gone;',
      ['delete-without-where'],
    ],
    ['with x as (select 1) update users set a = 1;', ['update-without-where']],
    ['with x as (select 1) update users set a = 1 where id = 2;', []],
    ['alter table users drop column email;', ['alter-drop']],
    ['alter table users alter column email drop not null;', ['alter-drop']],
    ['alter table users drop constraint users_pkey;', ['alter-drop']],
    ['alter table users add column email text;', []],
    ['alter table users add constraint c check (a > 0);', []],
    ['select * from users for update;', []],
    ['insert into t values (1) on conflict (id) do update set a = 1;', []],
    [
      'create table t (id int references u on delete cascade on update cascade);',
      [],
    ],
    [
      'grant delete, update on users to app; revoke update on users from app;',
      [],
    ],
    [
      'create trigger tg before delete or update on users for each row execute function f();',
      [],
    ],
    [
      'create rule r as on delete to users do instead delete from audit;',
      ['delete-without-where'],
    ],
    ['create policy p on users for delete using (auth.uid() = id);', []],
    ['create index drop_idx on t (dropped);', []],
    ["select 'drop table users;' as text;", []],
    ["select E'it\\'s; drop table users' ;", []],
    ['select "drop" from t; -- drop table users;', []],
    ['/* drop table a; /* nested */ truncate b; */ select 1;', []],
    [
      'create function f() returns void language sql as $$ delete from users $$;',
      [],
    ],
    [
      'create function f() returns void language plpgsql as $fn$ begin drop table users; end $fn$;',
      [],
    ],
    ['do $$ begin drop table users; end $$;', ['drop']],
    [
      'do $do$ begin if x then delete from users; else truncate logs; end if; end $do$;',
      ['delete-without-where', 'truncate'],
    ],
    [
      'do language plpgsql $$ declare n int; begin update users set a = 1 where id = n; end $$;',
      [],
    ],
    ['select $1::text, a$b$c from t;', []],
    // Constant-true WHERE: the statement still touches every row.
    ['update a4 set x = 1 where true or false;', ['update-without-where']],
    ['update a4 set x = 1 where false or true;', ['update-without-where']],
    ['update a4 set x = 1 where not false;', ['update-without-where']],
    ["update a4 set x = 1 where 'a' = 'a';", ['update-without-where']],
    ["delete from a4 where E'a' = 'a';", ['delete-without-where']],
    ['delete from a4 where (1 = 1) and true;', ['delete-without-where']],
    ['delete from a4 where 2 > 1 returning id;', ['delete-without-where']],
    ['delete from a4 where 1 <> 2;', ['delete-without-where']],
    ['delete from a4 where id = id;', ['delete-without-where']],
    ['delete from a4 where true is true;', ['delete-without-where']],
    ['delete from a4 where null is null;', ['delete-without-where']],
    ['delete from a4 where 1::int = 1;', ['delete-without-where']],
    ['delete from a4 where 1 = 1 or id = 3;', ['delete-without-where']],
    ['delete from a4 where id = 3 or 1 = 1;', ['delete-without-where']],
    ['delete from a4 where x is null or true;', ['delete-without-where']],
    ['delete from a4 where now() > x or 1 = 1;', ['delete-without-where']],
    [
      "delete from a4 where name like 'a%' or not false;",
      ['delete-without-where'],
    ],
    [
      'delete from a4 where x between 1 and 2 or true;',
      ['delete-without-where'],
    ],
    ['delete from a4 where x in (1, 2) or (true);', ['delete-without-where']],
    // Real filters, and constants that are not true, stay allowed.
    ['update a4 set x = 1 where id = 3 or false;', []],
    ['update a4 set x = 1 where true and id = 3;', []],
    ['update a4 set x = 1 where not true;', []],
    ["update a4 set x = 1 where 'a' = 'b';", []],
    ['update a4 set x = 1 where null = null;', []],
    ['update a4 set x = 1 where 1 = 1 and false;', []],
    ['update a4 set x = 1 where now() = now();', []],
    ['update a4 set x = 1 where a = b;', []],
    ['update a4 set x = 1 where current of c;', []],
    ['update a4 set x = 1 where x is null;', []],
    ['update a4 set x = 1 where x between 1 and 2;', []],
    ["update a4 set x = 1 where name like 'a%' and true;", []],
    [
      'update a4 set x = 1 where case when x > 1 or true then false else false end;',
      [],
    ],
    ['update a4 set x = 1 where x in (select 1 where true);', []],
    // EXECUTE inside DO: constant strings are read as SQL ...
    ["do $$ begin execute 'DROP TABLE a5'; end $$;", ['drop']],
    ["DO $$ BEGIN EXECUTE 'drop table ' || 'a5'; END $$;", ['drop']],
    ['do $$ begin execute $q$truncate a6$q$; end $$;', ['truncate']],
    [
      "do $$ begin execute E'delete from a7'; end $$;",
      ['delete-without-where'],
    ],
    ["do $$ begin execute 'delete from a7 where id = $1' using 3; end $$;", []],
    ["do $$ begin execute 'select count(*) from a7' into n; end $$;", []],
    [
      "do $$ begin execute 'do $i$ begin execute ''drop table a8''; end $i$'; end $$;",
      ['drop'],
    ],
    ["do 'begin delete from a9; end';", ['delete-without-where']],
    // ... and SQL built at run time cannot be verified.
    [
      "do $$ begin execute format('TRUNCATE %I', 'a6'); end $$;",
      ['dynamic-sql'],
    ],
    [
      "do $$ declare t text := 'a6'; begin execute 'drop table ' || t; end $$;",
      ['dynamic-sql'],
    ],
    ['do $$ declare q text; begin execute q; end $$;', ['dynamic-sql']],
    [
      'do $$ begin for r in execute format($f$select %I$f$, x) loop end loop; end $$;',
      ['dynamic-sql'],
    ],
    [
      'do $$ begin create trigger tg after insert on t for each row execute function f(); end $$;',
      [],
    ],
    ['do $$ begin grant execute on function f() to app; end $$;', []],
    // Statements that run the destructive statement they carry.
    ['explain analyze delete from a10;', ['delete-without-where']],
    ['explain (analyze, verbose) truncate a10;', ['truncate']],
    ['prepare p as delete from a10;', ['delete-without-where']],
  ])('%s -> %j', (sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });

  it('locates each statement by line and column and masks strings in excerpts', () => {
    const sql =
      "select 1;\n\n  delete from users -- all of them\n;\nupdate t set token = 'tok_value';";
    const found = analyzeSql(sql).destructive;
    expect(found.map((d) => [d.line, d.column, d.statement])).toEqual([
      [3, 3, 2],
      [5, 1, 3],
    ]);
    expect(found[1].excerpt).toBe("update t set token = '…'");
    expect(found[0].target).toBe('users');
  });

  it('locates statements inside DO bodies in the file', () => {
    const sql = 'select 1;\ndo $$\nbegin\n  truncate audit_log;\nend $$;';
    const [hit] = analyzeSql(sql).destructive;
    expect(hit).toMatchObject({
      kind: 'truncate',
      line: 4,
      column: 3,
      inDoBlock: true,
    });
  });

  it('says when a WHERE is there but always true', () => {
    const summaries = analyzeSql(
      'delete from a; delete from a where 1 = 1; update a set x = 1 where not false;',
    ).destructive.map((d) => d.summary);
    expect(summaries).toEqual([
      'DELETE without WHERE',
      'DELETE with a WHERE that is always true',
      'UPDATE with a WHERE that is always true',
    ]);
  });

  it('locates EXECUTE hits at the EXECUTE and says how they run', () => {
    const sql = "select 1;\ndo $$\nbegin\n  execute 'drop table a5';\nend $$;";
    const [hit] = analyzeSql(sql).destructive;
    expect(hit).toMatchObject({
      kind: 'drop',
      summary: 'DROP TABLE',
      target: 'a5',
      line: 4,
      column: 3,
      statement: 2,
      inDoBlock: true,
      viaExecute: true,
    });
  });

  it('counts statements, ignoring empty ones', () => {
    expect(
      analyzeSql('select 1;; select 2;\n-- only a comment\n').statements,
    ).toBe(2);
  });
});

describe('splitStatements', () => {
  it('keeps BEGIN ATOMIC bodies together', () => {
    const sql =
      'create function f() returns int language sql begin atomic select 1; select case when true then 2 end; end; select 3;';
    expect(splitStatements(tokenize(sql))).toHaveLength(2);
  });
});

describe('tokenize', () => {
  it.each([
    ["select 'unterminated", 'unterminated string constant'],
    ['select $x$ body', 'unterminated dollar-quoted string $x$'],
    ['/* open /* nested */', 'unterminated block comment'],
    ['select "open', 'unterminated quoted identifier'],
  ])('rejects %s', (sql, message) => {
    expect(() => tokenize(sql)).toThrow(SqlSyntaxError);
    expect(() => tokenize(sql)).toThrow(message);
  });

  it('reads doubled quotes inside strings and identifiers', () => {
    const tokens = tokenize(`select 'a''b', "x""y" from t`);
    expect(tokens.map((t) => t.kind)).toEqual([
      'word',
      'string',
      'punctuation',
      'quoted-identifier',
      'word',
      'word',
    ]);
  });
});
