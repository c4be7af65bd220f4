export {
  runHygiene,
  type HygieneOptions,
  type HygieneResult,
} from './engine.js';
export { buildReport, HYGIENE_RULES } from './report.js';
export { renderHygieneText } from './text.js';
export { registerHygieneCommand } from './command.js';
export { classify, type ArtifactClass } from './classify.js';
export { parseSize, formatSize, DEFAULT_MAX_SIZE } from './size.js';
