import type { EnvironmentName } from '../inventory/schema.js';

export type StepKind =
  | 'create'
  | 'write'
  | 'redeploy'
  | 'verify'
  | 'revoke'
  | 'ledger';

/** One step of a rotation, with the way it is undone. */
export interface PlanStep {
  /** Stable id, also the journal key: create, write:staging:<consumer>, verify:staging... */
  id: string;
  kind: StepKind;
  environment?: EnvironmentName;
  /** For write steps. */
  consumerId?: string;
  title: string;
  rollback: string;
  note?: string;
  /** A person performs it from a checklist. */
  manual?: boolean;
}

export interface RotationPlan {
  secret: string;
  provider: string;
  /** Why it is in the at-risk set, when it is. */
  atRisk?: string;
  steps: PlanStep[];
  /** Worth knowing, does not block apply. */
  warnings: string[];
  /** Blocks apply until fixed (missing token, unknown current value...). */
  problems: string[];
  /** Changes when the steps change; a journal only resumes the same plan. */
  hash: string;
}
