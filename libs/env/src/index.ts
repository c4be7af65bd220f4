export { validateEnv, type EnvIssue, type EnvResult } from './lib/validate-env.js';
