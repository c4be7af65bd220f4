import { parentPort, workerData } from 'node:worker_threads';
import { buildRuleSet } from './prefilter.js';
import { ItemScanner } from './scan-item.js';
import type { DetectorOptions, ItemResult, ScanItem } from './types.js';

/** Worker side of the pool: compile the rules once, then scan batches. */
export interface BatchRequest {
  id: number;
  items: ScanItem[];
}

export interface BatchResponse {
  id: number;
  results?: ItemResult[];
  error?: string;
}

const options = workerData as DetectorOptions;
const scanner = new ItemScanner(
  buildRuleSet(options.rules),
  new Set(options.revoked),
);

parentPort!.on('message', (request: BatchRequest) => {
  try {
    const results = request.items.map((item) => scanner.scan(item));
    parentPort!.postMessage({
      id: request.id,
      results,
    } satisfies BatchResponse);
  } catch (error) {
    parentPort!.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies BatchResponse);
  }
});
