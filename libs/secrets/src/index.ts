export { redactSecrets } from './lib/redact.js';
export {
  findSecrets,
  compiledBuiltinRules,
  resolveOverlaps,
} from './lib/find.js';
export {
  compileRule,
  matchRule,
  lineAround,
  RuleCompileError,
  type CompiledRule,
  type SecretMatch,
} from './lib/compile.js';
export { BUILTIN_RULES } from './lib/rules.js';
export { shannonEntropy } from './lib/entropy.js';
export { isPlaceholder, isUuid, isCodeReference } from './lib/placeholders.js';
export {
  decodeJwtPayload,
  runValidators,
  VALIDATORS,
} from './lib/validators.js';
export { crc32, githubChecksum } from './lib/crc32.js';
export type {
  SecretRule,
  SecretSeverity,
  RuleAllowlist,
  ValidatorName,
  Verdict,
} from './lib/types.js';
export { mayContainSecret, scrubSecrets } from './lib/prefilter.js';
