/** Anything the catalog reader can ask: a scratch database or a live one. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
}

/** A disposable database the migrations (or the canonical schema) are applied to. */
export interface Scratch extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs one or more statements, no results. */
  exec(sql: string): Promise<void>;
  /** Extensions this engine can create. */
  canCreateExtension(name: string): boolean;
  /** Identifies a prepared starting state whose model may be cached. */
  readonly stateKey?: string;
  close(): Promise<void>;
}

/** A database error with the fields both drivers share. */
export interface DatabaseErrorLike {
  message: string;
  position?: string | number;
  detail?: string;
  hint?: string;
  code?: string;
}

export function isDatabaseError(error: unknown): error is DatabaseErrorLike {
  return (
    error instanceof Error &&
    ('position' in error || 'code' in error || 'severity' in error)
  );
}
