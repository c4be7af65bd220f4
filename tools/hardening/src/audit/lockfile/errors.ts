/** A lockfile that cannot be read or understood: the verdict is unknown. */
export class LockfileError extends Error {
  override readonly name = 'LockfileError';

  constructor(
    readonly file: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`${file}: ${reason}`, { cause });
  }
}
