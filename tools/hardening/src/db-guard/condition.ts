import type { Token } from './tokenize.js';

/**
 * Decides whether a WHERE condition is constant-true, so that the statement
 * touches every row anyway: `true`, `1 = 1`, `'a' = 'a'`, `NOT false`,
 * `true OR anything`, `(1 = 1) AND true`, `id = id`. SQL's three-valued
 * logic is followed (NULL is neither true nor false). Anything it cannot
 * read, such as a function call or a column compared with a constant, is
 * not constant, so a real filter is never mistaken for a tautology.
 */
export function isConstantTrue(tokens: readonly Token[]): boolean {
  if (tokens.length === 0) return false;
  const parser = new ConditionParser(tokens);
  try {
    const value = parser.parseOr();
    return parser.done() && truth(value) === true;
  } catch (error) {
    if (error instanceof NotConstant) return false;
    throw error;
  }
}

class NotConstant extends Error {}

type Value =
  | { kind: 'bool'; value: boolean | null }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'column'; name: string }
  | { kind: 'unknown' };

const UNKNOWN: Value = { kind: 'unknown' };
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const STOP_WORDS = new Set(['AND', 'OR', 'NOT', 'IS', 'RETURNING']);

class ConditionParser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  parseOr(): Value {
    let left = this.parseAnd();
    while (this.peekWord('OR')) {
      this.at++;
      left = bool(or3(truth(left), truth(this.parseAnd())));
    }
    return left;
  }

  private parseAnd(): Value {
    let left = this.parseNot();
    while (this.peekWord('AND')) {
      this.at++;
      left = bool(and3(truth(left), truth(this.parseNot())));
    }
    return left;
  }

  private parseNot(): Value {
    if (this.peekWord('NOT')) {
      this.at++;
      return bool(not3(truth(this.parseNot())));
    }
    return this.parseComparison();
  }

  private parseComparison(): Value {
    const left = this.parsePrimary();
    const token = this.tokens[this.at];
    let value = left;
    if (token?.kind === 'operator' && COMPARISONS.has(token.text)) {
      this.at++;
      value = bool(compare(left, token.text, this.parsePrimary()));
    } else if (this.peekWord('IS')) value = this.parseIs(left);
    return this.atOperandEnd() ? value : this.skipOperand();
  }

  // Anything this reader does not model (LIKE, IN, BETWEEN, arithmetic,
  // CASE) makes the operand unknown, up to the next AND/OR at its level.
  private atOperandEnd(): boolean {
    const token = this.tokens[this.at];
    return (
      !token ||
      token.text === ')' ||
      (token.kind === 'word' && (token.upper === 'AND' || token.upper === 'OR'))
    );
  }

  private skipOperand(): Value {
    let depth = 0;
    for (; this.at < this.tokens.length; this.at++) {
      const token = this.tokens[this.at];
      if (token.text === '(') depth++;
      else if (token.text === ')') {
        if (depth === 0) break;
        depth--;
      } else if (
        depth === 0 &&
        token.kind === 'word' &&
        (token.upper === 'AND' || token.upper === 'OR')
      )
        break;
    }
    return UNKNOWN;
  }

  // IS [NOT] TRUE | FALSE | NULL | UNKNOWN, IS [NOT] DISTINCT FROM x
  private parseIs(left: Value): Value {
    this.at++;
    const negated = this.peekWord('NOT');
    if (negated) this.at++;
    const word = this.tokens[this.at]?.upper;
    this.at++;
    let result: boolean | null;
    if (word === 'TRUE') result = truth(left) === true;
    else if (word === 'FALSE') result = truth(left) === false;
    else if (word === 'NULL' || word === 'UNKNOWN') {
      if (left.kind === 'bool') result = left.value === null;
      else if (left.kind === 'number' || left.kind === 'string') result = false;
      else return UNKNOWN;
    } else if (word === 'DISTINCT' && this.peekWord('FROM')) {
      this.at++;
      const right = this.parsePrimary();
      const equal = compare(left, '=', right, true);
      if (equal === null || equal === undefined) return UNKNOWN;
      result = !equal;
    } else return this.skipOperand();
    if (left.kind === 'unknown' || left.kind === 'column') return UNKNOWN;
    return bool(negated ? !result : result);
  }

  private parsePrimary(): Value {
    const token = this.tokens[this.at];
    if (!token) throw new NotConstant();
    let value: Value;
    if (token.text === '(') {
      this.at++;
      value = this.parseOr();
      if (this.tokens[this.at]?.text !== ')') throw new NotConstant();
      this.at++;
    } else if (token.kind === 'number') {
      this.at++;
      value = { kind: 'number', value: Number(token.text) };
    } else if (token.kind === 'string' && /^[Ee]?'/.test(token.text)) {
      this.at++;
      value = { kind: 'string', value: stringValue(token.text) };
    } else if (
      token.kind === 'word' &&
      ['TRUE', 'FALSE', 'NULL'].includes(token.upper)
    ) {
      this.at++;
      value = bool(token.upper === 'NULL' ? null : token.upper === 'TRUE');
    } else if (
      (token.kind === 'word' && !STOP_WORDS.has(token.upper)) ||
      token.kind === 'quoted-identifier'
    ) {
      value = this.parseColumn();
    } else return this.skipOperand();
    return this.skipCast(value);
  }

  // a, t.a, "T"."a"; a word followed by ( is a function call: not constant.
  private parseColumn(): Value {
    const parts: string[] = [];
    for (;;) {
      const token = this.tokens[this.at];
      if (token?.kind === 'word') parts.push(token.upper.toLowerCase());
      else if (token?.kind === 'quoted-identifier') parts.push(token.text);
      else throw new NotConstant();
      this.at++;
      if (this.tokens[this.at]?.text !== '.') break;
      this.at++;
    }
    if (this.tokens[this.at]?.text === '(') {
      // A function call: its value is not known here.
      let depth = 0;
      for (; this.at < this.tokens.length; this.at++) {
        const text = this.tokens[this.at].text;
        if (text === '(') depth++;
        else if (text === ')' && --depth === 0) break;
      }
      this.at++;
      return UNKNOWN;
    }
    return { kind: 'column', name: parts.join('.') };
  }

  // 'a'::text, 1::int: the cast keeps the constant (close enough for a guard).
  private skipCast(value: Value): Value {
    while (this.tokens[this.at]?.text === '::') {
      this.at++;
      if (this.tokens[this.at]?.kind !== 'word') throw new NotConstant();
      this.at++;
    }
    return value;
  }

  private peekWord(word: string): boolean {
    const token = this.tokens[this.at];
    return token?.kind === 'word' && token.upper === word;
  }
}

function bool(value: boolean | null | undefined): Value {
  return value === undefined ? UNKNOWN : { kind: 'bool', value };
}

function truth(value: Value): boolean | null | undefined {
  return value.kind === 'bool' ? value.value : undefined;
}

function or3(
  a: boolean | null | undefined,
  b: boolean | null | undefined,
): boolean | null | undefined {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return a === undefined || b === undefined ? undefined : null;
}

function and3(
  a: boolean | null | undefined,
  b: boolean | null | undefined,
): boolean | null | undefined {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return a === undefined || b === undefined ? undefined : null;
}

function not3(a: boolean | null | undefined): boolean | null | undefined {
  return typeof a === 'boolean' ? !a : a;
}

// Constant comparisons; a column compared with itself counts as true
// (it is, for every row where it is not NULL: still the whole table).
function compare(
  left: Value,
  op: string,
  right: Value,
  nullSafe = false,
): boolean | null | undefined {
  if (left.kind === 'column' || right.kind === 'column') {
    if (
      left.kind === 'column' &&
      right.kind === 'column' &&
      left.name === right.name
    )
      return op === '=' || op === '<=' || op === '>=';
    return undefined;
  }
  if (left.kind === 'unknown' || right.kind === 'unknown') return undefined;
  if (left.kind === 'bool' && left.value === null)
    return nullSafe ? right.kind === 'bool' && right.value === null : null;
  if (right.kind === 'bool' && right.value === null)
    return nullSafe ? false : null;
  if (left.kind !== right.kind) return undefined;
  const a = left.value as number | string | boolean;
  const b = right.value as number | string | boolean;
  switch (op) {
    case '=':
      return a === b;
    case '<>':
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    default:
      return undefined;
  }
}

/** The value of a '...' or E'...' constant. */
export function stringValue(text: string): string {
  if (/^[Ee]'/.test(text)) {
    return text
      .slice(2, -1)
      .replace(/''/g, "'")
      .replace(/\\(.)/gs, (_, ch: string) =>
        ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'r' ? '\r' : ch,
      );
  }
  return text.slice(1, -1).replace(/''/g, "'");
}
