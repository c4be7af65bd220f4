import { isConstantTrue, stringValue } from './condition.js';
import { splitStatements, type Statement } from './statements.js';
import { position, tokenize, type Token } from './tokenize.js';

export type DestructiveKind =
  | 'drop'
  | 'truncate'
  | 'delete-without-where'
  | 'update-without-where'
  | 'alter-drop'
  | 'dynamic-sql';

/** One destructive statement, located in the file. */
export interface Destructive {
  kind: DestructiveKind;
  /** e.g. "DROP TABLE", "ALTER TABLE ... DROP COLUMN". */
  summary: string;
  /** The object acted on when it can be read off the statement. */
  target?: string;
  line: number;
  column: number;
  statement: number;
  /** The statement with string constants masked, cut short. */
  excerpt: string;
  /** Set when found inside a DO block's body. */
  inDoBlock?: boolean;
  /** Set when found in a constant string run by EXECUTE. */
  viaExecute?: boolean;
}

export interface Analysis {
  statements: number;
  destructive: Destructive[];
}

// In PL/pgSQL bodies these words can directly precede a statement.
const BLOCK_STARTS = new Set([
  'BEGIN',
  'THEN',
  'ELSE',
  'LOOP',
  'DECLARE',
  'ELSIF',
  'ELSEIF',
]);
const STATEMENT_STARTS_AFTER = new Set(['INSTEAD', 'ALSO']);

/** Finds every destructive statement in a SQL file. */
export function analyzeSql(source: string): Analysis {
  const tokens = tokenize(source);
  const lineStarts = lineStartsOf(source);
  const statements = splitStatements(tokens);
  const destructive: Destructive[] = [];
  for (const statement of statements) {
    destructive.push(...inspect(statement, false));
    destructive.push(...inspectDoBodies(statement, lineStarts));
  }
  return { statements: statements.length, destructive };
}

function inspect(statement: Statement, inDoBlock: boolean): Destructive[] {
  const found: Destructive[] = [];
  const tokens = statement.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'word' || !startsStatement(tokens, i, inDoBlock))
      continue;
    const hit = classifyAt(tokens, i);
    if (hit) {
      found.push({
        ...hit,
        line: token.line,
        column: token.column,
        statement: statement.index,
        excerpt: excerpt(tokens.slice(i)),
        ...(inDoBlock ? { inDoBlock } : {}),
      });
    }
  }
  return found;
}

// DO blocks run their body at once: look inside, as PL/pgSQL statements.
// A DO body can also be a plain '...' string.
function inspectDoBodies(
  statement: Statement,
  lineStarts: number[],
): Destructive[] {
  const tokens = statement.tokens;
  if (tokens[0]?.upper !== 'DO') return [];
  const found: Destructive[] = [];
  for (const token of tokens) {
    let inner: Token[];
    if (token.kind === 'dollar-string' && token.body !== undefined) {
      const offset = token.bodyStart ?? 0;
      inner = tokenize(token.body).map((t) => relocate(t, offset, lineStarts));
    } else if (token.kind === 'string' && /^[Ee]?'/.test(token.text)) {
      inner = tokenize(stringValue(token.text)).map((t) => ({
        ...t,
        line: token.line,
        column: token.column,
      }));
    } else continue;
    for (const part of splitStatements(inner)) {
      const numbered = { ...part, index: statement.index };
      found.push(...inspect(numbered, true));
      found.push(...inspectExecutes(numbered, 0));
    }
  }
  return found;
}

const MAX_EXECUTE_DEPTH = 4;

/**
 * PL/pgSQL `EXECUTE expr [INTO ...] [USING ...]`: a constant string (or
 * constants joined with ||) is read as SQL like the file itself; anything
 * built at run time (format(), a variable, quote_ident()) cannot be
 * verified and is reported as dynamic SQL.
 */
function inspectExecutes(statement: Statement, depth: number): Destructive[] {
  const tokens = statement.tokens;
  const found: Destructive[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'word' || token.upper !== 'EXECUTE') continue;
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    if (!next || next.kind === 'semicolon') continue;
    if (['FUNCTION', 'PROCEDURE', 'ON'].includes(next.upper)) continue;
    if (previous && ['GRANT', 'REVOKE', ','].includes(previous.upper)) continue;
    const expression = executeExpression(tokens, i + 1);
    const base = {
      line: token.line,
      column: token.column,
      statement: statement.index,
      excerpt: excerpt(tokens.slice(i)),
      inDoBlock: true,
      viaExecute: true,
    };
    const sql = constantString(expression);
    if (sql === undefined || depth >= MAX_EXECUTE_DEPTH) {
      found.push({
        ...base,
        kind: 'dynamic-sql',
        summary: 'EXECUTE of SQL built at run time (cannot verify dynamic SQL)',
      });
      continue;
    }
    let inner: Token[];
    try {
      inner = tokenize(sql);
    } catch {
      found.push({
        ...base,
        kind: 'dynamic-sql',
        summary:
          'EXECUTE of a string that is not readable SQL (cannot verify dynamic SQL)',
      });
      continue;
    }
    const located = inner.map((t) => ({
      ...t,
      line: token.line,
      column: token.column,
    }));
    for (const part of splitStatements(located)) {
      const numbered = { ...part, index: statement.index };
      for (const hit of [
        ...inspect(numbered, false),
        ...inspectDoBodies(numbered, [0]),
        ...inspectExecutes(numbered, depth + 1),
      ])
        found.push({
          ...hit,
          ...base,
          kind: hit.kind,
          summary: hit.summary,
          target: hit.target,
          excerpt: hit.excerpt,
        });
    }
  }
  return found;
}

// The command string: up to INTO or USING at the same depth.
function executeExpression(tokens: readonly Token[], from: number): Token[] {
  const expression: Token[] = [];
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text === '(') depth++;
    else if (token.text === ')') depth--;
    else if (depth === 0 && (token.upper === 'INTO' || token.upper === 'USING'))
      break;
    expression.push(token);
  }
  return expression;
}

/** 'a', $$a$$, E'a', 'a' || 'b', ('a'): the text; undefined when not constant. */
function constantString(tokens: readonly Token[]): string | undefined {
  const parts: string[] = [];
  let expectValue = true;
  for (const token of tokens) {
    if (token.text === '(' || token.text === ')') continue;
    if (expectValue) {
      if (token.kind === 'dollar-string' && token.body !== undefined)
        parts.push(token.body);
      else if (token.kind === 'string' && /^[Ee]?'/.test(token.text))
        parts.push(stringValue(token.text));
      else return undefined;
    } else if (!(token.kind === 'operator' && token.text === '||'))
      return undefined;
    expectValue = !expectValue;
  }
  return parts.length > 0 && !expectValue ? parts.join('') : undefined;
}

function startsStatement(
  tokens: readonly Token[],
  i: number,
  inDoBlock: boolean,
): boolean {
  if (i === 0) return true;
  const previous = tokens[i - 1];
  if (previous.text === '(')
    return tokens[i].upper === 'DELETE' || tokens[i].upper === 'UPDATE';
  const first = tokens[0].upper;
  if (previous.text === ')') return first === 'WITH' || first === 'EXPLAIN';
  if (previous.kind !== 'word') return false;
  // EXPLAIN ANALYZE runs the statement; PREPARE ... AS keeps it for EXECUTE.
  if (
    first === 'EXPLAIN' &&
    ['ANALYZE', 'ANALYSE', 'VERBOSE'].includes(previous.upper)
  )
    return true;
  if (first === 'PREPARE' && previous.upper === 'AS') return true;
  if (STATEMENT_STARTS_AFTER.has(previous.upper)) return true;
  return inDoBlock && BLOCK_STARTS.has(previous.upper);
}

function classifyAt(
  tokens: readonly Token[],
  i: number,
): Omit<Destructive, 'line' | 'column' | 'statement' | 'excerpt'> | undefined {
  const word = tokens[i].upper;
  const next = tokens[i + 1];
  switch (word) {
    case 'DROP': {
      const object = objectWords(tokens, i + 1);
      if (!object) return undefined;
      return {
        kind: 'drop',
        summary: `DROP ${object.words}`,
        target: object.name,
      };
    }
    case 'TRUNCATE': {
      let at = i + 1;
      if (tokens[at]?.upper === 'TABLE') at++;
      if (tokens[at]?.upper === 'ONLY') at++;
      return {
        kind: 'truncate',
        summary: 'TRUNCATE',
        target: nameAt(tokens, at),
      };
    }
    case 'DELETE': {
      if (next?.upper !== 'FROM') return undefined;
      const where = whereKind(tokens, i);
      if (where === 'filter') return undefined;
      let at = i + 2;
      if (tokens[at]?.upper === 'ONLY') at++;
      return {
        kind: 'delete-without-where',
        summary:
          where === 'none' ? 'DELETE without WHERE' : ALWAYS_TRUE('DELETE'),
        target: nameAt(tokens, at),
      };
    }
    case 'UPDATE': {
      if (!next || next.text === '(' || next.kind === 'semicolon')
        return undefined;
      if (!tokens.slice(i + 1).some((t) => t.upper === 'SET')) return undefined;
      const where = whereKind(tokens, i);
      if (where === 'filter') return undefined;
      let at = i + 1;
      if (tokens[at]?.upper === 'ONLY') at++;
      return {
        kind: 'update-without-where',
        summary:
          where === 'none' ? 'UPDATE without WHERE' : ALWAYS_TRUE('UPDATE'),
        target: nameAt(tokens, at),
      };
    }
    case 'ALTER':
      return alterDrop(tokens, i);
    default:
      return undefined;
  }
}

const DROP_OBJECTS = new Set([
  'TABLE',
  'VIEW',
  'MATERIALIZED',
  'INDEX',
  'SCHEMA',
  'DATABASE',
  'SEQUENCE',
  'FUNCTION',
  'PROCEDURE',
  'ROUTINE',
  'TRIGGER',
  'TYPE',
  'DOMAIN',
  'EXTENSION',
  'ROLE',
  'USER',
  'GROUP',
  'POLICY',
  'RULE',
  'OWNED',
  'PUBLICATION',
  'SUBSCRIPTION',
  'SERVER',
  'FOREIGN',
  'COLLATION',
  'AGGREGATE',
  'OPERATOR',
  'CAST',
  'CONVERSION',
  'EVENT',
  'LANGUAGE',
  'TABLESPACE',
  'STATISTICS',
  'TEXT',
  'TRANSFORM',
  'ACCESS',
  'DEFAULT',
  'PROCEDURAL',
  'TRUSTED',
  'UNLOGGED',
]);

function objectWords(
  tokens: readonly Token[],
  at: number,
): { words: string; name?: string } | undefined {
  if (!DROP_OBJECTS.has(tokens[at]?.upper ?? '')) return undefined;
  const words: string[] = [];
  let i = at;
  while (
    tokens[i]?.kind === 'word' &&
    (DROP_OBJECTS.has(tokens[i].upper) ||
      [
        'VIEW',
        'WRAPPER',
        'DATA',
        'TRIGGER',
        'SEARCH',
        'METHOD',
        'PRIVILEGES',
        'CONFIGURATION',
        'DICTIONARY',
        'PARSER',
        'TEMPLATE',
        'CLASS',
        'FAMILY',
        'TABLE',
        'MAPPING',
      ].includes(tokens[i].upper)) &&
    words.length < 4
  ) {
    words.push(tokens[i].upper);
    i++;
  }
  if (tokens[i]?.upper === 'CONCURRENTLY') i++;
  if (tokens[i]?.upper === 'IF' && tokens[i + 1]?.upper === 'EXISTS') i += 2;
  return { words: words.join(' '), name: nameAt(tokens, i) };
}

// ALTER TABLE t DROP COLUMN c, ALTER COLUMN c DROP DEFAULT, DROP CONSTRAINT...
function alterDrop(
  tokens: readonly Token[],
  i: number,
): Omit<Destructive, 'line' | 'column' | 'statement' | 'excerpt'> | undefined {
  let depth = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    const token = tokens[j];
    if (token.text === '(') depth++;
    else if (token.text === ')') depth--;
    else if (depth === 0 && token.kind === 'word' && token.upper === 'DROP') {
      const object = tokens[i + 1]?.upper ?? '';
      const what = dropClause(tokens, j + 1);
      let at = i + 2;
      if (tokens[at]?.upper === 'IF' && tokens[at + 1]?.upper === 'EXISTS')
        at += 2;
      if (tokens[at]?.upper === 'ONLY') at++;
      return {
        kind: 'alter-drop',
        summary: `ALTER ${object} ... DROP${what ? ` ${what}` : ''}`,
        target: nameAt(tokens, at),
      };
    }
  }
  return undefined;
}

function dropClause(tokens: readonly Token[], at: number): string {
  const words: string[] = [];
  for (let i = at; i < tokens.length && words.length < 2; i++) {
    const upper = tokens[i].upper;
    if (tokens[i].kind !== 'word' || upper === 'IF') break;
    words.push(upper);
    if (
      !['NOT', 'COLUMN', 'CONSTRAINT'].includes(upper) &&
      words.length === 1 &&
      upper !== 'NOT'
    )
      break;
  }
  return words.join(' ');
}

// A WHERE at the same parenthesis depth, before the statement (or its
// enclosing parentheses) ends. A constant-true condition (WHERE TRUE,
// 1 = 1, 'a' = 'a', true OR x, NOT false, ...) does not count.
function whereKind(
  tokens: readonly Token[],
  from: number,
): 'none' | 'always-true' | 'filter' {
  let depth = 0;
  for (let i = from + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text === '(') depth++;
    else if (token.text === ')') {
      if (depth === 0) return 'none';
      depth--;
    } else if (depth === 0 && token.upper === 'WHERE')
      return isConstantTrue(whereClause(tokens, i + 1))
        ? 'always-true'
        : 'filter';
  }
  return 'none';
}

const ALWAYS_TRUE = (verb: string) =>
  `${verb} with a WHERE that is always true`;

// The condition: up to RETURNING or the enclosing ')' at its own depth.
function whereClause(tokens: readonly Token[], at: number): Token[] {
  const clause: Token[] = [];
  let depth = 0;
  for (let i = at; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text === '(') depth++;
    else if (token.text === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && token.upper === 'RETURNING') break;
    clause.push(token);
  }
  return clause;
}

function nameAt(tokens: readonly Token[], at: number): string | undefined {
  const parts: string[] = [];
  let i = at;
  while (
    tokens[i] &&
    (tokens[i].kind === 'word' || tokens[i].kind === 'quoted-identifier')
  ) {
    parts.push(tokens[i].text);
    if (tokens[i + 1]?.text !== '.') break;
    i += 2;
  }
  return parts.length > 0 ? parts.join('.') : undefined;
}

// Enough of the statement to recognise it; string constants are masked
// because a WHERE clause or a DO body can carry a value worth hiding.
function excerpt(tokens: readonly Token[]): string {
  const words: string[] = [];
  let length = 0;
  for (const token of tokens) {
    const text =
      token.kind === 'string' || token.kind === 'dollar-string'
        ? "'…'"
        : token.text;
    words.push(text);
    length += text.length + 1;
    if (length > 100) {
      words.push('…');
      break;
    }
  }
  return words
    .join(' ')
    .replace(/ ([,.)]) ?/g, '$1')
    .replace(/\( /g, '(');
}

function relocate(token: Token, offset: number, lineStarts: number[]): Token {
  const start = token.start + offset;
  const { line, column } = position(lineStarts, start);
  return {
    ...token,
    start,
    end: token.end + offset,
    line,
    column,
    ...(token.bodyStart !== undefined
      ? { bodyStart: token.bodyStart + offset }
      : {}),
  };
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++)
    if (source[i] === '\n') starts.push(i + 1);
  return starts;
}
