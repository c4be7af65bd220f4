import type { Logger } from '@shipshape/logger';
import { redactSecrets } from '@shipshape/secrets';
import { ShipshapeError } from '../../errors.js';
import { ProviderError } from '../http/client.js';
import type { JournalEntry, RunOutcome } from './journal.js';
import type { verifyHealth, VerifyResult } from './verify.js';

export type ApplyMode = 'fresh' | 'resume' | 'rollback';

export interface ApplyOptions {
  mode: ApplyMode;
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Set when the operator interrupts: the run stops after the current step. */
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  verify?: typeof verifyHealth;
  redeploy?: (url: string) => Promise<void>;
}

export interface StepRecord {
  step: string;
  title: string;
  outcome: 'done' | 'failed' | 'rolled-back' | 'rollback-failed' | 'skipped';
  message?: string;
  fingerprints?: JournalEntry['fingerprints'];
}

export interface ApplyResult {
  secret: string;
  run: string;
  status: Exclude<RunOutcome, 'started'>;
  steps: StepRecord[];
  failure?: { step: string; message: string; verification?: VerifyResult };
  /** What a person still has to do, in order. */
  followUps: string[];
  journal: string;
}

export class VerificationFailed extends Error {
  constructor(
    readonly result: VerifyResult,
    env: string,
    url: string,
  ) {
    super(
      `${env} health check ${url} failed after ${result.attempts} attempt(s): ${result.reason ?? 'no answer'}`,
    );
  }
}

/** The operator interrupted: stop after the current step. */
export class Stopped extends Error {}

/** Run ids double as credential name suffixes: YYYYMMDDHHMMSS, UTC. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export async function postDeployHook(url: string): Promise<void> {
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok)
    throw new ProviderError(
      'deploy-hook',
      response.status,
      `deploy hook answered ${response.status}`,
    );
}

/** Error text safe to journal and print: provider and shipshape messages, redacted otherwise. */
export function safeMessage(error: unknown): string {
  if (error instanceof ProviderError || error instanceof ShipshapeError)
    return error.message;
  if (error instanceof VerificationFailed || error instanceof Stopped)
    return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${redactSecrets(message).slice(0, 200)}`;
}
