/** Thrown when a check takes longer than its budget. */
export class CheckTimeout extends Error {
  override readonly name = 'CheckTimeout';
  readonly code = 'TIMEOUT';

  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

/**
 * Races work against a timer. The work is not cancelled here: callers also
 * pass the signal (fetch) or a driver timeout (pg), so nothing keeps running.
 */
export async function withTimeout<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new CheckTimeout(ms));
      reject(new CheckTimeout(ms));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
