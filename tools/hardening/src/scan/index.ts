export { runScan, type ScanOptions, type ScanResult } from './engine.js';
export { registerScanCommand } from './command.js';
export { listCommits, commitItems, type CommitRef } from './git.js';
export { scanConfigSchema, type ScanConfig } from './config.js';
