/**
 * The one error type shipshape throws for problems the user can fix.
 *
 * The message starts with the file or option to change and says what to do;
 * it never contains a secret or an env value. Anything else that escapes an
 * engine is a bug and is reported as such.
 */
export type ErrorCode =
  | 'BAD_OPTION'
  | 'BAD_CONFIG'
  | 'UNREADABLE_INPUT'
  | 'SOURCE_UNAVAILABLE'
  | 'NOT_A_REPOSITORY'
  | 'UNSUPPORTED'
  | 'UNSAFE'
  | 'INTERRUPTED';

export class ShipshapeError extends Error {
  override readonly name = 'ShipshapeError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isShipshapeError(error: unknown): error is ShipshapeError {
  return error instanceof ShipshapeError;
}
