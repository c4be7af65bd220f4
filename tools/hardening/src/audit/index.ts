export {
  runAudit,
  HOW_TO_SUPPLY,
  type AuditOptions,
  type AuditResult,
  type Verdict,
} from './run.js';
export {
  readLockfile,
  findLockfile,
  LOCKFILE_NAMES,
} from './lockfile/detect.js';
export {
  computeClosure,
  linkedImporters,
  type InstalledPackage,
} from './graph/closure.js';
export type {
  DependencyGraph,
  PackageNode,
  ImporterNode,
  DependencyEdge,
} from './model.js';
export type {
  Advisory,
  AdvisorySource,
  Provenance,
} from './advisories/model.js';
export {
  syncSnapshot,
  OSV_NPM_URL,
  DEFAULT_CACHE_DIR,
} from './advisories/snapshot.js';
export { auditConfigSchema, type AuditConfig } from './policy/config.js';
export { registerAudit } from './command.js';
