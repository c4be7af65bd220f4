// The Edge/browser entry: no pino, no Node built-ins.
import { createEdgeLogger, type EdgeLogger } from './lib/edge-logger.js';
import { defaultService } from './lib/defaults.js';

export {
  createEdgeLogger,
  type EdgeLogger,
  type EdgeLoggerOptions,
} from './lib/edge-logger.js';
export {
  createRedactor,
  type RedactOptions,
  type Redactor,
  type SerializedError,
} from './lib/redact/redact.js';
export {
  pathWithoutQueryValues,
  requestIdOf,
  requestLogger,
  serializeRequest,
  withRequestLogger,
  REQUEST_ID_HEADERS,
  type RequestLike,
  type RequestScope,
  type SerializedRequest,
} from './lib/request.js';

/** The edge counterpart of `logger` from `@shipshape/logger`. */
export const logger: EdgeLogger = createEdgeLogger({
  service: defaultService(),
});
