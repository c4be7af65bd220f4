// The Edge/browser entry: no pino, no Node built-ins.
import { createEdgeLogger, type EdgeLogger } from './lib/edge-logger.js';
import { defaultService } from './lib/defaults.js';

export {
  createEdgeLogger,
  type EdgeLogger,
  type EdgeLoggerOptions,
} from './lib/edge-logger.js';
export * from './shared.js';

/** The edge counterpart of `logger` from `@shipshape/logger`. */
export const logger: EdgeLogger = createEdgeLogger({
  service: defaultService(),
});
