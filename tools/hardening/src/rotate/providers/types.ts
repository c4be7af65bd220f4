import type { EnvironmentName } from '../inventory/schema.js';

/** A credential fresh from the provider; the value lives in memory only. */
export interface NewCredential {
  value: string;
  /** The provider's id for it, kept in the journal so rollback can delete it. */
  id?: string;
  /** Name shown in plans and journals (never the value). */
  label: string;
}

export interface CurrentCredential {
  id?: string;
  /** Why there is nothing to revoke, when id is undefined. */
  note?: string;
}

/** Issues and revokes one kind of credential (Resend key, Supabase key...). */
export interface CredentialAdapter {
  readonly kind: string;
  /** False for rotations a person performs from a checklist. */
  readonly automated: boolean;
  describe(): string;
  /** Found before anything changes, so the old credential is known. */
  findCurrent(): Promise<CurrentCredential>;
  create(stamp: string): Promise<NewCredential>;
  /** Rollback of create: removes the new credential. */
  deleteNew(id: string | undefined): Promise<void>;
  /** Final step: the old credential stops working. */
  revokeOld(current: CurrentCredential): Promise<void>;
  /** Providers that can reveal a key again (Supabase) read the current value. */
  revealValue?(id: string): Promise<string | undefined>;
  /** After an interrupted create, removes credentials made by that attempt. */
  removePartial?(stamp: string, oldId: string | undefined): Promise<number>;
  /** What the plan says each step does and how it is undone. */
  texts: CredentialTexts;
}

export interface CredentialTexts {
  create: string;
  createRollback: string;
  revoke: string;
  revokeRollback: string;
  warning?: string;
}

/** Somewhere a secret is consumed: a CI secret, a hosting env var, a file. */
export interface ConsumerAdapter {
  /** Stable key used by the journal. */
  readonly id: string;
  readonly label: string;
  readonly environment: EnvironmentName;
  /** Write-only consumers (GitHub secrets) can never be read back. */
  readonly readable: boolean;
  /** Said in the plan: how a write takes effect (e.g. Vercel needs a redeploy). */
  readonly note?: string;
  read(): Promise<string | undefined>;
  write(value: string): Promise<void>;
  /** Read-only preflight: token works, target exists, file is safe to write. */
  check(): Promise<void>;
}
