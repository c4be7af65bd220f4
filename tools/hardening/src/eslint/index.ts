import type { ESLint, Linter } from 'eslint';
import { noConsole } from './rules/no-console.js';

export type { NoConsoleOptions } from './rules/no-console.js';

/**
 * The workspace's own ESLint plugin. Flat config:
 *   import shipshape from '@shipshape/hardening/eslint-plugin';
 *   { plugins: { shipshape }, rules: { 'shipshape/no-console': 'error' } }
 */
const plugin = {
  meta: { name: '@shipshape/eslint-plugin', version: '0.0.1' },
  rules: { 'no-console': noConsole },
  configs: {} as Record<string, Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs['recommended'] = {
  plugins: { shipshape: plugin },
  rules: { 'shipshape/no-console': 'error' },
};

export default plugin;
export { noConsole };
