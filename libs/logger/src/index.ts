export {
  createLogger,
  type Logger,
  type LoggerOptions,
} from './lib/create-logger.js';
