import { Linter } from 'eslint';
import {
  noConsole,
  type NoConsoleOptions,
} from '../../eslint/rules/no-console.js';

export interface Leftover {
  line: number;
  column: number;
  message: string;
}

export interface FileRewrite {
  output: string;
  fixed: number;
  leftovers: Leftover[];
}

const MAX_PASSES = 20;

/**
 * Runs shipshape/no-console with its autofix on one file until nothing
 * changes, and returns the new text plus the calls left for a person.
 */
export async function rewriteConsoleCalls(
  code: string,
  filename: string,
  options: NoConsoleOptions,
): Promise<FileRewrite> {
  const linter = new Linter({ configType: 'flat' });
  const config = await lintConfig(options);
  const before = count(linter.verify(code, config, filename));
  let output = code;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = linter.verifyAndFix(output, config, { filename });
    const fatal = result.messages.find((message) => message.fatal);
    if (fatal)
      throw new Error(
        `${filename}:${fatal.line}: cannot parse (${fatal.message})`,
      );
    if (!result.fixed) break;
    output = result.output;
  }
  const left = linter
    .verify(output, config, filename)
    .filter((message) => message.ruleId === 'shipshape/no-console');
  return {
    output,
    fixed: before - left.length,
    leftovers: left.map(({ line, column, message }) => ({
      line,
      column,
      message,
    })),
  };
}

function count(messages: Linter.LintMessage[]): number {
  return messages.filter((message) => message.ruleId === 'shipshape/no-console')
    .length;
}

async function lintConfig(options: NoConsoleOptions): Promise<Linter.Config[]> {
  // typescript-eslint parses .js/.jsx too; loaded only when the generator runs.
  const { parser } = (await import('typescript-eslint')).default;
  return [
    {
      files: ['**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}'],
      languageOptions: {
        parser,
        parserOptions: { ecmaFeatures: { jsx: true } },
        ecmaVersion: 'latest',
        sourceType: 'module',
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { shipshape: { rules: { 'no-console': noConsole } } },
      rules: { 'shipshape/no-console': ['error', options] },
    },
  ];
}
