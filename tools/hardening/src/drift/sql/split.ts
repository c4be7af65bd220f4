/** One SQL statement cut out of a file, with where it starts. */
export interface Statement {
  text: string;
  /** 1-based line of the statement's first non-blank character. */
  line: number;
  /** Offset of `text` in the file. */
  offset: number;
}

/**
 * Splits a SQL file into statements the way the server would see them:
 * semicolons inside strings, quoted names, dollar-quoted bodies, comments
 * and SQL-standard `BEGIN ATOMIC ... END` bodies do not end a statement.
 */
export function splitStatements(sql: string): Statement[] {
  const statements: Statement[] = [];
  let start = 0;
  let i = 0;
  let atomicDepth = 0;
  let previousWord = '';
  while (i < sql.length) {
    const char = sql[i];
    const next = sql[i + 1];
    if (char === '-' && next === '-') {
      i = skipLineComment(sql, i);
    } else if (char === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (char === "'") {
      const escaped = /[eE]/.test(sql[i - 1] ?? '') && !isWordChar(sql[i - 2]);
      i = skipQuoted(sql, i, "'", escaped);
    } else if (char === '"') {
      i = skipQuoted(sql, i, '"', false);
    } else if (char === '$' && !isWordChar(sql[i - 1])) {
      i = skipDollar(sql, i);
    } else if (isWordStart(char) && !isWordChar(sql[i - 1])) {
      const end = wordEnd(sql, i);
      const word = sql.slice(i, end).toLowerCase();
      if (word === 'atomic' && previousWord === 'begin') atomicDepth += 1;
      else if (atomicDepth > 0 && word === 'case') atomicDepth += 1;
      else if (atomicDepth > 0 && word === 'end') atomicDepth -= 1;
      previousWord = word;
      i = end;
    } else if (char === ';' && atomicDepth === 0) {
      push(statements, sql, start, i + 1);
      start = i + 1;
      previousWord = '';
      i += 1;
    } else {
      i += 1;
    }
  }
  push(statements, sql, start, sql.length);
  return statements;
}

/** 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === '\n') line += 1;
  }
  return line;
}

function push(out: Statement[], sql: string, from: number, to: number): void {
  const raw = sql.slice(from, to);
  const lead = leadingNoise(raw);
  if (!hasCode(raw.slice(lead))) return;
  out.push({
    text: raw.slice(lead).trimEnd(),
    offset: from + lead,
    line: lineAt(sql, from + lead),
  });
}

// Length of the whitespace and comments before a statement's first token.
function leadingNoise(raw: string): number {
  let i = 0;
  for (;;) {
    while (i < raw.length && /\s/.test(raw[i])) i += 1;
    if (raw.startsWith('--', i)) i = skipLineComment(raw, i);
    else if (raw.startsWith('/*', i)) i = skipBlockComment(raw, i);
    else return i;
  }
}

function hasCode(raw: string): boolean {
  const rest = raw.slice(leadingNoise(raw)).trim();
  return rest !== '' && rest !== ';';
}

function skipLineComment(sql: string, i: number): number {
  const end = sql.indexOf('\n', i);
  return end === -1 ? sql.length : end + 1;
}

function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth += 1;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

function skipQuoted(
  sql: string,
  i: number,
  quote: string,
  backslash: boolean,
): number {
  i += 1;
  while (i < sql.length) {
    const char = sql[i];
    if (backslash && char === '\\') {
      i += 2;
    } else if (char === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

function skipDollar(sql: string, i: number): number {
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
  if (!match) return i + 1;
  const tag = match[0];
  const end = sql.indexOf(tag, i + tag.length);
  return end === -1 ? sql.length : end + tag.length;
}

function isWordStart(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z_]/.test(char);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_$]/.test(char);
}

function wordEnd(sql: string, i: number): number {
  while (i < sql.length && isWordChar(sql[i])) i += 1;
  return i;
}
