/**
 * A PostgreSQL lexer, just deep enough to find statement boundaries and
 * keywords safely: comments (nested block comments too), string constants
 * ('', E'', U&'', B'', X''), dollar-quoted bodies, quoted identifiers,
 * numbers, operators and punctuation. Nothing inside a string, a comment or
 * a dollar-quoted body is ever mistaken for a keyword.
 */
export type TokenKind =
  | 'word'
  | 'quoted-identifier'
  | 'string'
  | 'dollar-string'
  | 'number'
  | 'parameter'
  | 'operator'
  | 'punctuation'
  | 'semicolon';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Upper-cased text for words, for keyword comparisons. */
  upper: string;
  /** Offset in the source. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  /** For dollar strings: the body between the tags. */
  body?: string;
  bodyStart?: number;
}

export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const OPERATOR_CHARS = '+-*/<>=~!@#%^&|`?';
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const lineStarts = computeLineStarts(source);
  let i = 0;

  const push = (
    kind: TokenKind,
    start: number,
    end: number,
    extra?: Partial<Token>,
  ) => {
    const text = source.slice(start, end);
    const { line, column } = position(lineStarts, start);
    tokens.push({
      kind,
      text,
      upper: kind === 'word' ? text.toUpperCase() : text,
      start,
      end,
      line,
      column,
      ...extra,
    });
  };
  const fail = (message: string, at: number): never => {
    const { line, column } = position(lineStarts, at);
    throw new SqlSyntaxError(message, line, column);
  };

  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];

    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && next === '-') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end + 1;
    } else if (ch === '/' && next === '*') {
      i = skipBlockComment(source, i, fail);
    } else if (ch === "'") {
      const end = skipString(source, i, false, fail);
      push('string', i, end);
      i = end;
    } else if ((ch === 'E' || ch === 'e') && next === "'") {
      const end = skipString(source, i + 1, true, fail);
      push('string', i, end);
      i = end;
    } else if (
      (ch === 'U' || ch === 'u') &&
      next === '&' &&
      (source[i + 2] === "'" || source[i + 2] === '"')
    ) {
      const end =
        source[i + 2] === "'"
          ? skipString(source, i + 2, false, fail)
          : skipQuotedIdentifier(source, i + 2, fail);
      push(source[i + 2] === "'" ? 'string' : 'quoted-identifier', i, end);
      i = end;
    } else if (/[BbXxNn]/.test(ch) && next === "'") {
      const end = skipString(source, i + 1, false, fail);
      push('string', i, end);
      i = end;
    } else if (ch === '"') {
      const end = skipQuotedIdentifier(source, i, fail);
      push('quoted-identifier', i, end);
      i = end;
    } else if (ch === '$') {
      const tag = DOLLAR_TAG.exec(source.slice(i, i + 128));
      if (tag) {
        const close = source.indexOf(tag[0], i + tag[0].length);
        if (close === -1)
          fail(`unterminated dollar-quoted string ${tag[0]}`, i);
        const bodyStart = i + tag[0].length;
        push('dollar-string', i, close + tag[0].length, {
          body: source.slice(bodyStart, close),
          bodyStart,
        });
        i = close + tag[0].length;
      } else if (/[0-9]/.test(next ?? '')) {
        let end = i + 1;
        while (end < source.length && /[0-9]/.test(source[end])) end++;
        push('parameter', i, end);
        i = end;
      } else {
        push('operator', i, i + 1);
        i++;
      }
    } else if (WORD_START.test(ch)) {
      let end = i + 1;
      while (end < source.length && WORD_PART.test(source[end])) end++;
      push('word', i, end);
      i = end;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(next ?? ''))) {
      let end = i + 1;
      while (end < source.length && /[0-9A-Za-z_.]/.test(source[end])) {
        if (source[end] === '.' && source[end + 1] === '.') break;
        end++;
      }
      push('number', i, end);
      i = end;
    } else if (ch === ';') {
      push('semicolon', i, i + 1);
      i++;
    } else if ('(),[].:'.includes(ch)) {
      const end = ch === ':' && next === ':' ? i + 2 : i + 1;
      push('punctuation', i, end);
      i = end;
    } else if (OPERATOR_CHARS.includes(ch)) {
      let end = i + 1;
      while (end < source.length && OPERATOR_CHARS.includes(source[end])) {
        if (
          (source[end] === '-' && source[end + 1] === '-') ||
          (source[end] === '/' && source[end + 1] === '*')
        )
          break;
        end++;
      }
      push('operator', i, end);
      i = end;
    } else {
      push('punctuation', i, i + 1);
      i++;
    }
  }
  return tokens;
}

// PostgreSQL block comments nest: /* a /* b */ still a comment */.
function skipBlockComment(
  source: string,
  start: number,
  fail: (m: string, at: number) => never,
): number {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    if (source[i] === '/' && source[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (source[i] === '*' && source[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return fail('unterminated block comment', start);
}

// '' is an escaped quote; with E'' a backslash escapes the next character.
function skipString(
  source: string,
  quote: number,
  backslashEscapes: boolean,
  fail: (m: string, at: number) => never,
): number {
  let i = quote + 1;
  while (i < source.length) {
    const ch = source[i];
    if (backslashEscapes && ch === '\\') {
      i += 2;
    } else if (ch === "'") {
      if (source[i + 1] === "'") i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return fail('unterminated string constant', quote);
}

function skipQuotedIdentifier(
  source: string,
  quote: number,
  fail: (m: string, at: number) => never,
): number {
  let i = quote + 1;
  while (i < source.length) {
    if (source[i] === '"') {
      if (source[i + 1] === '"') i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return fail('unterminated quoted identifier', quote);
}

function computeLineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++)
    if (source[i] === '\n') starts.push(i + 1);
  return starts;
}

export function position(
  lineStarts: readonly number[],
  offset: number,
): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1 };
}
