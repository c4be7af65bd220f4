import { createLogger, type Logger } from './lib/create-logger.js';
import { defaultService } from './lib/defaults.js';

export {
  createLogger,
  type Logger,
  type LoggerOptions,
} from './lib/create-logger.js';
export * from './shared.js';
export { normaliseKey, sensitiveKeyMatcher } from './lib/redact/keys.js';
export { prettyDestination } from './lib/pretty.js';

/**
 * A ready logger for code that has no better name to give: service from
 * LOG_SERVICE (or the package name), level from LOG_LEVEL. This is what the
 * `shipshape/no-console` autofix imports.
 */
export const logger: Logger = createLogger({ service: defaultService() });
