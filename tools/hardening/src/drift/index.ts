export { registerDrift } from './command.js';
export {
  runDrift,
  buildSides,
  type DriftOptions,
  type DriftRun,
} from './run.js';
export { updateSchema } from './update/update.js';
export { compareModels, type Change } from './compare.js';
export { readModel } from './catalog/read.js';
export { PRELUDE_SQL, PRELUDE_VERSION } from './prelude/prelude.js';
export { splitStatements } from './sql/split.js';
