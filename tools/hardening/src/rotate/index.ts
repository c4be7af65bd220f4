export { registerRotate } from './command.js';
export {
  applyRotations,
  preflight,
  selectRotations,
  type RotateOptions,
  type Selection,
} from './engine.js';
export { loadInventory, INVENTORY_FILES } from './inventory/load.js';
export {
  inventorySchema,
  type Inventory,
  type SecretSpec,
} from './inventory/schema.js';
export type { RotationPlan, PlanStep } from './plan/model.js';
export type { ApplyResult } from './apply/run.js';
export { sealForGitHub } from './consumers/seal.js';
