export {
  validateEnv,
  type EnvResult,
  type ValidateOptions,
} from './lib/validate-env.js';
export {
  EnvValidationError,
  formatEnvIssues,
  describeZodIssue,
  type EnvIssue,
  type EnvIssueCode,
} from './lib/issues.js';
export {
  defineEnv,
  isEnvDefinition,
  type ClientEnv,
  type EnvDefinition,
  type ServerEnv,
} from './lib/define.js';
export { createEnv, type CreateEnvOptions } from './lib/create-env.js';
export { secretShapeIssues } from './lib/secret-shapes.js';
export { envVar } from './lib/vars.js';
export {
  isPublicName,
  withoutEmptyValues,
  PUBLIC_PREFIX,
  type EnvSource,
} from './lib/source.js';
