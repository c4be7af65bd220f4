import type { Rule, Scope, SourceCode } from 'eslint';

// ESTree node types through eslint's own typings (no direct @types/estree).
type AnyNode = NonNullable<Parameters<SourceCode['getText']>[0]>;
type NodeOf<T extends AnyNode['type']> = Extract<AnyNode, { type: T }>;
type CallExpression = NodeOf<'CallExpression'>;
type MemberExpression = NodeOf<'MemberExpression'>;
type Program = SourceCode['ast'];

export interface NoConsoleOptions {
  /** The logger binding the fix calls (default `logger`). */
  loggerName?: string;
  /** Where the fix imports it from when it is not in scope. */
  importSource?: string;
  /** The name that module exports (default: loggerName). */
  importName?: string;
  /** The import for files marked 'use client' (no pino in browsers). */
  clientImportSource?: string;
  /** console methods left alone, e.g. ['table'] in a CLI. */
  allow?: string[];
}

const LEVEL: Record<string, string> = {
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
  debug: 'debug',
  trace: 'trace',
};

const ERROR_NAMES =
  /^(e|err|error|ex|exc|exception|cause|reason|failure|problem)$/i;
const PRINTF = /%[sdifjoOc%]/;

type Call = CallExpression & Rule.NodeParentExtension;
type Arg = CallExpression['arguments'][number];

/**
 * `no-console` for libraries and apps, fixable to the structured logger:
 * `console.error('failed', err)` becomes `logger.error({ err }, 'failed')`,
 * so the error keeps its type, stack and cause and goes through redaction.
 */
export const noConsole: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    fixable: 'code',
    docs: {
      description:
        'Log through @shipshape/logger instead of console (autofix keeps errors structured).',
      url: 'https://github.com/shipshape/shipshape/blob/main/docs/logger-and-env.md#eslint-rule',
    },
    schema: [
      {
        type: 'object',
        properties: {
          loggerName: { type: 'string' },
          importSource: { type: 'string' },
          importName: { type: 'string' },
          clientImportSource: { type: 'string' },
          allow: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      useLogger:
        'Use {{logger}}.{{level}}() instead of console.{{method}}(): structured, levelled and redacted.',
      manual:
        'Use the structured logger instead of console.{{method}}() ({{reason}}; rewrite it by hand).',
    },
  },

  create(context) {
    const options = (context.options[0] ?? {}) as NoConsoleOptions;
    const loggerName = options.loggerName ?? 'logger';
    const allow = new Set(options.allow ?? []);
    const sourceCode = context.sourceCode;
    let importOffered = false;

    return {
      'CallExpression > MemberExpression.callee[object.name="console"]'(
        member: MemberExpression & Rule.NodeParentExtension,
      ) {
        const call = member.parent as Call;
        const method = propertyName(member);
        if (method === undefined || allow.has(method)) return;
        if (isShadowed(sourceCode.getScope(call), 'console')) return;

        const level = LEVEL[method];
        const plan = level
          ? rewrite(call, level, loggerName, sourceCode)
          : { reason: `console.${method} has no log level` };
        if ('reason' in plan) {
          context.report({
            node: call,
            messageId: 'manual',
            data: { method, reason: plan.reason },
          });
          return;
        }

        const bound = isBound(sourceCode.getScope(call), loggerName);
        // Without a binding, only the first call carries the import; the
        // others are fixed on the next pass, once the import exists.
        const canFix = bound || !importOffered;
        if (!bound) importOffered = true;
        context.report({
          node: call,
          messageId: 'useLogger',
          data: { method, level, logger: loggerName },
          fix: canFix
            ? (fixer) => {
                const fixes = [fixer.replaceText(call, plan.text)];
                if (!bound)
                  fixes.push(importFix(fixer, sourceCode, loggerName, options));
                return fixes;
              }
            : undefined,
        });
      },
    };
  },
};

function propertyName(member: MemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier')
    return member.property.name;
  if (
    member.property.type === 'Literal' &&
    typeof member.property.value === 'string'
  ) {
    return member.property.value;
  }
  return undefined;
}

/** The replacement call, or why there is none. */
function rewrite(
  call: Call,
  level: string,
  loggerName: string,
  sourceCode: SourceCode,
): { text: string } | { reason: string } {
  const args = call.arguments;
  const text = (node: AnyNode) => sourceCode.getText(node);
  const emit = (parts: string[]) => ({
    text: `${loggerName}.${level}(${parts.join(', ')})`,
  });

  if (args.length === 0) return { reason: 'an empty call has nothing to log' };
  if (args.some((arg) => arg.type === 'SpreadElement'))
    return { reason: 'spread arguments' };

  const [first, ...rest] = args;
  if (isStringLike(first)) {
    // printf-style messages keep their arguments: pino formats them too.
    if (first.type === 'Literal' && PRINTF.test(String(first.value))) {
      return emit(args.map(text));
    }
    if (rest.length === 0) return emit([text(first)]);
    const fields = mergeObject(rest, call, sourceCode);
    return 'reason' in fields ? fields : emit([fields.text, text(first)]);
  }

  const message =
    rest.length > 0 && isStringLike(rest[rest.length - 1])
      ? rest[rest.length - 1]
      : undefined;
  const objectArgs = message ? args.slice(0, -1) : args;
  const fields = mergeObject(objectArgs, call, sourceCode);
  if ('reason' in fields) return fields;
  return emit(message ? [fields.text, text(message)] : [fields.text]);
}

/** `{ err, user, ...props }` from arguments that can be named. */
function mergeObject(
  args: Arg[],
  call: Call,
  sourceCode: SourceCode,
): { text: string } | { reason: string } {
  const parts: string[] = [];
  const keys = new Set<string>();
  const add = (key: string, value: string) => {
    if (keys.has(key)) return false;
    keys.add(key);
    parts.push(key === value ? key : `${key}: ${value}`);
    return true;
  };
  for (const [index, arg] of args.entries()) {
    const source = sourceCode.getText(arg);
    if (isErrorLike(arg, call, sourceCode) && !keys.has('err')) {
      add('err', source);
      continue;
    }
    if (arg.type === 'Identifier') {
      if (!add(arg.name, source))
        return { reason: `argument ${index + 1} repeats a name` };
      continue;
    }
    if (arg.type === 'ObjectExpression') {
      if (arg.properties.length > 0)
        parts.push(source.slice(1, -1).trim().replace(/,$/, ''));
      continue;
    }
    if (
      arg.type === 'MemberExpression' &&
      !arg.computed &&
      arg.property.type === 'Identifier'
    ) {
      if (!add(arg.property.name, source))
        return { reason: `argument ${index + 1} repeats a name` };
      continue;
    }
    return { reason: `argument ${index + 1} has no name to log it under` };
  }
  return { text: `{ ${parts.join(', ')} }` };
}

function isStringLike(node: Arg | undefined): boolean {
  if (!node) return false;
  if (node.type === 'Literal') return typeof node.value === 'string';
  if (node.type === 'TemplateLiteral') return true;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    return isStringLike(node.left as Arg) || isStringLike(node.right as Arg);
  }
  return false;
}

function isErrorLike(arg: Arg, call: Call, sourceCode: SourceCode): boolean {
  if (arg.type === 'NewExpression' && arg.callee.type === 'Identifier') {
    return /Error$/.test(arg.callee.name);
  }
  if (arg.type !== 'Identifier') return false;
  if (ERROR_NAMES.test(arg.name)) return true;
  const variable = findVariable(sourceCode.getScope(call), arg.name);
  return variable?.defs.some((def) => def.type === 'CatchClause') ?? false;
}

function findVariable(
  scope: Scope.Scope | null,
  name: string,
): Scope.Variable | undefined {
  for (let current = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

function isBound(scope: Scope.Scope, name: string): boolean {
  const variable = findVariable(scope, name);
  return Boolean(variable && variable.defs.length > 0);
}

function isShadowed(scope: Scope.Scope, name: string): boolean {
  return isBound(scope, name);
}

function importFix(
  fixer: Rule.RuleFixer,
  sourceCode: SourceCode,
  loggerName: string,
  options: NoConsoleOptions,
): Rule.Fix {
  const program = sourceCode.ast;
  const client = leadingDirectives(program).includes('use client');
  const from = client
    ? (options.clientImportSource ?? '@shipshape/logger/edge')
    : (options.importSource ?? '@shipshape/logger');
  const imported = options.importName ?? loggerName;
  const specifier =
    imported === loggerName ? imported : `${imported} as ${loggerName}`;
  const statement = `import { ${specifier} } from '${from}';`;
  const imports = program.body.filter(
    (node) => node.type === 'ImportDeclaration',
  );
  const anchor = imports.at(-1) ?? directivesEnd(program);
  if (anchor) return fixer.insertTextAfter(anchor, `\n${statement}`);
  return fixer.insertTextBeforeRange([0, 0], `${statement}\n`);
}

function directiveOf(statement: Program['body'][number]): string | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const directive = (statement as { directive?: unknown }).directive;
  return typeof directive === 'string' ? directive : undefined;
}

function leadingDirectives(program: Program): string[] {
  const found: string[] = [];
  for (const statement of program.body) {
    const directive = directiveOf(statement);
    if (directive === undefined) break;
    found.push(directive);
  }
  return found;
}

function directivesEnd(program: Program): AnyNode | undefined {
  const count = leadingDirectives(program).length;
  return count > 0 ? program.body[count - 1] : undefined;
}
