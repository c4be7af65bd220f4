export * from './model.js';
export { formatJson } from './json.js';
export { formatSarif } from './sarif.js';
export {
  formatText,
  defaultFinding,
  formatLocation,
  summaryLine,
} from './text.js';
