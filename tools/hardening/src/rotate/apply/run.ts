import { ShipshapeError } from '../../errors.js';
import { appendLedger, hashSecret } from '../../ledger/index.js';
import { fingerprint } from '../fingerprint.js';
import { ProviderError } from '../http/client.js';
import type { PlanStep, RotationPlan } from '../plan/model.js';
import type { CurrentCredential } from '../providers/types.js';
import type { Rotation } from '../wire.js';
import { Journal, type JournalEntry, type RunState } from './journal.js';
import {
  postDeployHook,
  safeMessage,
  Stopped,
  VerificationFailed,
  type ApplyOptions,
  type ApplyResult,
  type StepRecord,
  stamp,
} from './outcome.js';
import { verifyHealth } from './verify.js';

export {
  stamp,
  type ApplyMode,
  type ApplyOptions,
  type ApplyResult,
  type StepRecord,
} from './outcome.js';

/**
 * Executes a rotation plan step by step, journaling each step before and
 * after it runs. The first failure before revocation rolls back what was
 * changed; failures at revocation stop (the new value already works
 * everywhere) and leave a journal to resume from.
 */
export class RotationRun {
  private readonly journal: Journal;
  private readonly records: StepRecord[] = [];
  private readonly followUps: string[] = [];
  /** Previous values of changed consumers, by consumer id: memory only. */
  private readonly previous = new Map<string, string>();
  private readonly done = new Set<string>();
  private run = '';
  private oldValue = '';
  private newValue?: string;
  private newId?: string;
  private current: CurrentCredential = {};
  private incomplete = false;

  constructor(
    private readonly rotation: Rotation,
    private readonly plan: RotationPlan,
    private readonly options: ApplyOptions,
  ) {
    this.journal = new Journal(rotation.journalDir, plan.secret);
  }

  async execute(): Promise<ApplyResult> {
    if (this.options.mode === 'fresh') return this.fresh();
    const state = this.journal.unfinished();
    if (!state) {
      throw new ShipshapeError(
        'BAD_OPTION',
        `--${this.options.mode}: ${this.journal.file} holds no unfinished run of ${this.plan.secret}; run apply without it.`,
      );
    }
    await this.restore(state);
    return this.options.mode === 'resume'
      ? this.resume(state)
      : this.rollbackOnly(state);
  }

  private async fresh(): Promise<ApplyResult> {
    if (this.journal.unfinished()) {
      throw new ShipshapeError(
        'INTERRUPTED',
        `${this.journal.file}: an earlier run of ${this.plan.secret} did not finish; pass --resume to continue it or --rollback to undo it.`,
      );
    }
    this.oldValue = await this.requireCurrentValue();
    this.current = await this.rotation.credential.findCurrent();
    this.run = stamp(this.now());
    this.journal.append({
      run: this.run,
      step: 'run',
      outcome: 'started',
      planHash: this.plan.hash,
      fingerprints: { old: fingerprint(this.oldValue) },
      detail: { oldId: this.current.id },
      message: this.current.note,
    });
    return this.forward(this.plan.steps);
  }

  private async resume(state: RunState): Promise<ApplyResult> {
    if (state.final === 'rollback-incomplete') {
      throw new ShipshapeError(
        'BAD_OPTION',
        `--resume: the last run of ${this.plan.secret} was rolling back; finish that with --rollback.`,
      );
    }
    const created = state.steps.get('create');
    if (created?.outcome === 'started' || created?.outcome === 'failed')
      await this.removePartial();
    if (created?.outcome === 'done' && !(await this.recoverNewValue(state))) {
      await this.supersede();
    }
    return this.forward(
      this.plan.steps.filter((step) => !this.done.has(step.id)),
    );
  }

  private async rollbackOnly(state: RunState): Promise<ApplyResult> {
    if (this.done.has('revoke')) {
      throw new ShipshapeError(
        'UNSAFE',
        `--rollback: the old credential of ${this.plan.secret} is already revoked, so its consumers must keep the new value; run --resume instead.`,
      );
    }
    const interrupted = [...state.steps.values()].find(
      (entry) => entry.outcome === 'started',
    );
    const failed = this.plan.steps.find(
      (step) => step.id === interrupted?.step,
    );
    return this.rollback(failed, {
      step: interrupted?.step ?? 'run',
      message: 'rolled back on request',
    });
  }

  // Loads what the journal knows and re-reads the old value from its source.
  private async restore(state: RunState): Promise<void> {
    if (state.planHash !== this.plan.hash) {
      throw new ShipshapeError(
        'BAD_CONFIG',
        `inventory: the steps for ${this.plan.secret} changed since run ${state.run} started; restore the inventory as it was to --${this.options.mode}.`,
      );
    }
    this.run = state.run;
    this.current = { id: state.oldId };
    this.oldValue = await this.requireCurrentValue();
    if (fingerprint(this.oldValue) !== state.oldFingerprint) {
      const fresh =
        state.steps.get('create')?.fingerprints?.new ===
        fingerprint(this.oldValue);
      throw new ShipshapeError(
        'BAD_CONFIG',
        `current (${this.rotation.currentSource}): ${fresh ? 'now holds the new value' : 'holds a different value'} than when run ${state.run} started; put the old value back there to --${this.options.mode}.`,
      );
    }
    this.newId = state.steps.get('create')?.detail?.newId as string | undefined;
    for (const [step, entry] of state.steps) {
      if (entry.outcome === 'done') this.done.add(step);
      const consumer = this.planStep(step)?.consumerId;
      if (consumer && entry.fingerprints?.previous === state.oldFingerprint) {
        this.previous.set(consumer, this.oldValue);
      }
    }
  }

  // A readable consumer written with the new value gives it back.
  private async recoverNewValue(state: RunState): Promise<boolean> {
    const wanted = state.steps.get('create')?.fingerprints?.new;
    if (!this.rotation.credential.automated) {
      const variable =
        this.rotation.secret.provider === 'manual'
          ? this.rotation.secret.manual.newValueEnv
          : undefined;
      const value = variable ? this.options.env[variable] : '';
      if (fingerprint(value ?? '') === wanted) this.newValue = value ?? '';
      return this.newValue !== undefined;
    }
    for (const step of this.plan.steps.filter(
      (item) => item.kind === 'write' && this.done.has(item.id),
    )) {
      const consumer = this.consumer(step);
      if (!consumer.readable) continue;
      const value = await consumer.read();
      if (value !== undefined && fingerprint(value) === wanted) {
        this.newValue = value;
        this.options.logger?.info(
          { step: step.id },
          'recovered the new value from a consumer',
        );
        return true;
      }
    }
    return false;
  }

  // The new value is lost (only write-only consumers hold it): replace it.
  private async supersede(): Promise<void> {
    await this.rotation.credential.deleteNew(this.newId);
    this.journal.append({
      run: this.run,
      step: 'create',
      outcome: 'superseded',
      detail: { newId: this.newId },
      message:
        'the new value could not be recovered; its credential was deleted and a new one is created',
    });
    const revokeAt = this.plan.steps.findIndex(
      (step) => step.kind === 'revoke',
    );
    for (const step of this.plan.steps.slice(0, revokeAt))
      this.done.delete(step.id);
    this.newId = undefined;
  }

  private async removePartial(): Promise<void> {
    const removed =
      (await this.rotation.credential.removePartial?.(
        this.run,
        this.current.id,
      )) ?? 0;
    if (removed > 0)
      this.options.logger?.info(
        { removed },
        'removed credentials left by the interrupted create',
      );
  }

  private async forward(steps: readonly PlanStep[]): Promise<ApplyResult> {
    for (const step of steps) {
      try {
        if (this.options.signal?.aborted)
          throw new Stopped('interrupted by the operator');
        this.journal.append({
          run: this.run,
          step: step.id,
          outcome: 'started',
        });
        const outcome = await this.perform(step);
        this.done.add(step.id);
        this.journal.append({
          run: this.run,
          step: step.id,
          outcome: 'done',
          ...outcome,
        });
        this.records.push({
          step: step.id,
          title: step.title,
          outcome: 'done',
          fingerprints: outcome.fingerprints,
        });
      } catch (error) {
        const message = safeMessage(error);
        if (!(error instanceof Stopped)) {
          this.journal.append({
            run: this.run,
            step: step.id,
            outcome: 'failed',
            message,
          });
          this.records.push({
            step: step.id,
            title: step.title,
            outcome: 'failed',
            message,
          });
        }
        const failure = {
          step: step.id,
          message,
          verification:
            error instanceof VerificationFailed ? error.result : undefined,
        };
        if (
          error instanceof Stopped ||
          step.kind === 'revoke' ||
          step.kind === 'ledger'
        ) {
          this.followUps.push(
            error instanceof Stopped
              ? `run \`shipshape rotate apply ${this.plan.secret} --resume --yes\` to continue, or --rollback to undo`
              : `the new value works in every environment; fix the cause and run \`shipshape rotate apply ${this.plan.secret} --resume --yes\` to ${step.kind === 'revoke' ? 'revoke the old credential' : 'record it in the ledger'}`,
          );
          return this.finish('stopped', failure);
        }
        return this.rollback(step, failure);
      }
    }
    return this.finish('completed');
  }

  private async perform(
    step: PlanStep,
  ): Promise<Pick<JournalEntry, 'fingerprints' | 'detail'>> {
    switch (step.kind) {
      case 'create':
        return this.create();
      case 'write':
        return this.write(step);
      case 'redeploy':
        await this.redeploy(step);
        return {};
      case 'verify':
        await this.verify(step);
        return {};
      case 'revoke':
        await this.rotation.credential.revokeOld(this.current);
        return { detail: { oldId: this.current.id } };
      case 'ledger': {
        const appended = appendLedger(this.rotation.ledgerPath, {
          sha256: hashSecret(this.oldValue),
          name: this.plan.secret,
        });
        return { detail: { appended } };
      }
    }
  }

  private async create(): Promise<
    Pick<JournalEntry, 'fingerprints' | 'detail'>
  > {
    const created = await this.rotation.credential.create(this.run);
    this.newValue = created.value;
    this.newId = created.id;
    if (created.value !== '' && created.value === this.oldValue) {
      throw new ShipshapeError(
        'BAD_OPTION',
        `${this.plan.secret}: the new value equals the one in use; create a different one.`,
      );
    }
    return {
      fingerprints: { new: fingerprint(created.value) },
      detail: { newId: created.id, label: created.label },
    };
  }

  private async write(
    step: PlanStep,
  ): Promise<Pick<JournalEntry, 'fingerprints'>> {
    const consumer = this.consumer(step);
    const value = this.newValue ?? '';
    const before = consumer.readable ? await consumer.read() : undefined;
    // TODO(rollback of new consumers): a variable that did not exist before
    // is restored with the old value rather than deleted on rollback.
    const previous = this.previous.get(consumer.id) ?? before ?? this.oldValue;
    this.previous.set(consumer.id, previous);
    await consumer.write(value);
    if (consumer.readable && (await consumer.read()) !== value) {
      throw new ProviderError(
        'consumer',
        0,
        `${consumer.label}: reading it back after the write gave a different value`,
      );
    }
    return {
      fingerprints: {
        previous: fingerprint(previous),
        new: fingerprint(value),
      },
    };
  }

  private async redeploy(step: PlanStep): Promise<void> {
    const hook =
      this.rotation.environments[step.environment ?? 'staging']?.redeploy
        ?.hookEnv;
    const url = hook ? this.options.env[hook] : undefined;
    if (!url)
      throw new ShipshapeError(
        'BAD_OPTION',
        `${hook ?? 'redeploy.hookEnv'}: empty; export the deploy hook URL there.`,
      );
    await (this.options.redeploy ?? postDeployHook)(url);
  }

  private async verify(step: PlanStep): Promise<void> {
    const env = step.environment ?? 'staging';
    const health = this.rotation.environments[env]?.health;
    if (!health)
      throw new ShipshapeError(
        'BAD_CONFIG',
        `inventory environments.${env}.health: missing; add its URL.`,
      );
    const result = await (this.options.verify ?? verifyHealth)(health, {
      sleep: this.options.sleep,
      signal: this.options.signal,
    });
    if (!result.ok) throw new VerificationFailed(result, env, health.url);
  }

  /** Undoes every completed step (and a half-done write) in reverse order. */
  private async rollback(
    failed: PlanStep | undefined,
    failure: NonNullable<ApplyResult['failure']>,
  ): Promise<ApplyResult> {
    const undo = this.plan.steps
      .filter(
        (step) =>
          this.done.has(step.id) ||
          (step === failed &&
            (step.kind === 'write' || step.kind === 'create')),
      )
      .reverse();
    const touched = new Set<string>();
    this.incomplete = false;
    for (const step of undo) {
      try {
        const undone = await this.undo(step, step === failed);
        if (!undone) continue;
        if (step.environment) touched.add(step.environment);
        this.journal.append({
          run: this.run,
          step: step.id,
          outcome: 'rolled-back',
        });
        this.records.push({
          step: step.id,
          title: step.title,
          outcome: 'rolled-back',
        });
      } catch (error) {
        this.incomplete = true;
        const message = safeMessage(error);
        this.records.push({
          step: step.id,
          title: step.title,
          outcome: 'rollback-failed',
          message,
        });
        this.followUps.push(
          `undo by hand: ${step.title} (${step.rollback}); the rollback failed: ${message}`,
        );
      }
    }
    await this.settle(touched);
    return this.finish(
      this.incomplete ? 'rollback-incomplete' : 'rolled-back',
      failure,
    );
  }

  private async undo(step: PlanStep, partial: boolean): Promise<boolean> {
    if (step.kind === 'write') {
      const consumer = this.consumer(step);
      const previous = this.previous.get(consumer.id);
      if (previous === undefined) {
        if (partial) return false;
        this.incomplete = true;
        this.followUps.push(
          `restore ${consumer.label} by hand: its previous value was not the current one and is not kept`,
        );
        return false;
      }
      await consumer.write(previous);
      return true;
    }
    if (step.kind === 'create') {
      if (!this.rotation.credential.automated) {
        if (partial) return false;
        this.incomplete = true;
        this.followUps.push(`${this.plan.secret}: ${step.rollback}`);
        return false;
      }
      if (partial && !this.newId) await this.removePartial();
      else await this.rotation.credential.deleteNew(this.newId);
      return true;
    }
    return false;
  }

  // After restoring, redeploy and re-check the environments that changed.
  private async settle(environments: Set<string>): Promise<void> {
    for (const env of ['staging', 'production'] as const) {
      if (!environments.has(env)) continue;
      const settings = this.rotation.environments[env];
      try {
        if (settings?.redeploy && this.done.has(`redeploy:${env}`)) {
          await this.redeploy({
            id: `redeploy:${env}`,
            kind: 'redeploy',
            environment: env,
            title: '',
            rollback: '',
          });
        }
        if (!settings?.health) continue;
        const result = await (this.options.verify ?? verifyHealth)(
          settings.health,
          { sleep: this.options.sleep },
        );
        if (!result.ok) {
          this.followUps.push(
            `${env} still fails its health check after the rollback (${result.reason}); investigate`,
          );
        }
      } catch (error) {
        this.followUps.push(
          `${env}: re-check after rollback failed: ${safeMessage(error)}`,
        );
      }
    }
  }

  private finish(
    status: ApplyResult['status'],
    failure?: ApplyResult['failure'],
  ): ApplyResult {
    this.journal.append({
      run: this.run,
      step: 'run',
      outcome: status,
      message: failure?.message,
    });
    return {
      secret: this.plan.secret,
      run: this.run,
      status,
      steps: this.records,
      failure,
      followUps: this.followUps,
      journal: this.journal.file,
    };
  }

  private async requireCurrentValue(): Promise<string> {
    const value = await this.rotation.readCurrent();
    if (!value) {
      throw new ShipshapeError(
        'BAD_CONFIG',
        `current (${this.rotation.currentSource}): no value there; make the value in use today readable there and run again.`,
      );
    }
    return value;
  }

  private consumer(step: PlanStep) {
    const consumer = this.rotation.consumers.find(
      (item) => item.id === step.consumerId,
    );
    if (!consumer)
      throw new ShipshapeError(
        'BAD_CONFIG',
        `inventory: consumer ${step.consumerId} is gone; restore it.`,
      );
    return consumer;
  }

  private planStep(id: string): PlanStep | undefined {
    return this.plan.steps.find((step) => step.id === id);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
