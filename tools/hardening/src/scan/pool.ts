import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { buildRuleSet } from './prefilter.js';
import { ItemScanner } from './scan-item.js';
import type { DetectorOptions, ItemResult, ScanItem } from './types.js';
import type { BatchRequest, BatchResponse } from './worker.js';

const BATCH_ITEMS = 64;
const BATCH_BYTES = 8 * 1024 * 1024;
/** Below this many items, starting workers costs more than it saves. */
const INLINE_LIMIT = 200;

export interface PoolOptions extends DetectorOptions {
  /** 0 scans on the main thread; default: CPUs, at most 8. */
  workers?: number;
  onResult?: (result: ItemResult) => void;
}

/** Spreads items over worker threads; results come back in input order. */
export async function scanItems(
  items: readonly ScanItem[],
  options: PoolOptions,
  sizeOf: (item: ScanItem) => number = () => 1,
): Promise<ItemResult[]> {
  const count = workerCount(options.workers, items.length);
  if (count === 0) return scanInline(items, options);
  const batches = makeBatches(items, sizeOf);
  const results: ItemResult[][] = new Array(batches.length);
  const workers = Array.from({ length: count }, () => startWorker(options));
  let next = 0;
  try {
    await Promise.all(
      workers.map(async (worker) => {
        while (next < batches.length) {
          const id = next++;
          results[id] = await runBatch(worker, { id, items: batches[id] });
          results[id].forEach((result) => options.onResult?.(result));
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.flat();
}

function workerCount(requested: number | undefined, items: number): number {
  if (requested !== undefined) return requested;
  if (items < INLINE_LIMIT) return 0;
  return Math.max(1, Math.min(8, availableParallelism()));
}

function scanInline(
  items: readonly ScanItem[],
  options: PoolOptions,
): ItemResult[] {
  const scanner = new ItemScanner(
    buildRuleSet(options.rules),
    new Set(options.revoked),
  );
  return items.map((item) => {
    const result = scanner.scan(item);
    options.onResult?.(result);
    return result;
  });
}

function makeBatches(
  items: readonly ScanItem[],
  sizeOf: (item: ScanItem) => number,
): ScanItem[][] {
  const batches: ScanItem[][] = [];
  let current: ScanItem[] = [];
  let bytes = 0;
  for (const item of items) {
    current.push(item);
    bytes += sizeOf(item);
    if (current.length >= BATCH_ITEMS || bytes >= BATCH_BYTES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function startWorker(options: DetectorOptions): Worker {
  // From sources, bin/scan-worker.mjs registers tsx first.
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(
    fromSource ? '../../bin/scan-worker.mjs' : './worker.js',
    import.meta.url,
  );
  const data: DetectorOptions = {
    rules: options.rules,
    revoked: options.revoked,
  };
  return new Worker(entry, { workerData: data });
}

function runBatch(
  worker: Worker,
  request: BatchRequest,
): Promise<ItemResult[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (response: BatchResponse) => {
      if (response.id !== request.id) return;
      cleanup();
      if (response.error) reject(new Error(response.error));
      else resolve(response.results ?? []);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(request);
  });
}
