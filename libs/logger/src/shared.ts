// What both entry points (Node and Edge) share: no pino, no Node built-ins.
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
