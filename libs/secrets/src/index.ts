export { redactSecrets } from './lib/redact.js';
