import type { Token } from './tokenize.js';

export interface Statement {
  tokens: Token[];
  /** 1-based index of the statement in the file. */
  index: number;
}

/**
 * Splits tokens into statements at semicolons that are outside parentheses
 * and outside SQL-standard function bodies (BEGIN ATOMIC ... END).
 */
export function splitStatements(tokens: readonly Token[]): Statement[] {
  const statements: Statement[] = [];
  let current: Token[] = [];
  let depth = 0;
  let atomic = 0;

  const flush = () => {
    if (current.length > 0)
      statements.push({ tokens: current, index: statements.length + 1 });
    current = [];
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'semicolon' && depth === 0 && atomic === 0) {
      flush();
      continue;
    }
    current.push(token);
    if (token.text === '(') depth++;
    else if (token.text === ')') depth = Math.max(0, depth - 1);
    else if (token.kind === 'word') {
      if (token.upper === 'ATOMIC' && tokens[i - 1]?.upper === 'BEGIN')
        atomic++;
      else if (token.upper === 'END' && atomic > 0 && isBlockEnd(tokens, i))
        atomic--;
    }
  }
  flush();
  return statements;
}

// Inside BEGIN ATOMIC, `END` closes the body unless it ends a CASE.
function isBlockEnd(tokens: readonly Token[], at: number): boolean {
  let cases = 0;
  for (let i = at - 1; i >= 0; i--) {
    const upper = tokens[i].upper;
    if (upper === 'ATOMIC') return cases === 0;
    if (upper === 'CASE') cases--;
    if (upper === 'END' && tokens[i + 1]?.kind !== 'word') cases++;
  }
  return true;
}
