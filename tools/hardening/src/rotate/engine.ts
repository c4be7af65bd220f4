import type { Logger } from '@shipshape/logger';
import { ShipshapeError } from '../errors.js';
import { DEFAULT_LEDGER_FILE, readLedger } from '../ledger/index.js';
import type { Prompter } from './apply/checklist.js';
import {
  RotationRun,
  type ApplyMode,
  type ApplyOptions,
  type ApplyResult,
} from './apply/run.js';
import { fingerprint } from './fingerprint.js';
import { loadInventory } from './inventory/load.js';
import type { Inventory } from './inventory/schema.js';
import { buildPlan } from './plan/build.js';
import type { RotationPlan } from './plan/model.js';
import { wireRotation, type Rotation } from './wire.js';
import { isAbsolute, join } from 'node:path';

export interface RotateOptions {
  root: string;
  inventoryFile?: string;
  /** Secret names; empty means the at-risk ones (or all with `all`). */
  names: readonly string[];
  all?: boolean;
  env: NodeJS.ProcessEnv;
  prompter: Prompter;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface Selection {
  inventory: Inventory;
  inventoryFile: string;
  rotations: Rotation[];
  plans: RotationPlan[];
}

/** Loads the inventory, picks the secrets and builds their plans. */
export function selectRotations(options: RotateOptions): Selection {
  const { inventory, file } = loadInventory(
    options.root,
    options.inventoryFile,
  );
  const now = options.now?.() ?? new Date();
  const ledgerFile = inventory.ledger ?? DEFAULT_LEDGER_FILE;
  const ledger = readLedger(
    isAbsolute(ledgerFile) ? ledgerFile : join(options.root, ledgerFile),
    { missingOk: true },
  );
  const wire = (secret: Inventory['secrets'][number]) =>
    wireRotation(inventory, secret, { ...options, now, ledger });

  for (const name of options.names) {
    if (!inventory.secrets.some((secret) => secret.name === name)) {
      const known = inventory.secrets.map((secret) => secret.name).join(', ');
      throw new ShipshapeError(
        'BAD_OPTION',
        `secret "${name}": not in ${file}; choose one of ${known}.`,
      );
    }
  }
  const rotations = inventory.secrets
    .filter(
      (secret) =>
        options.names.length === 0 || options.names.includes(secret.name),
    )
    .map(wire)
    .filter(
      (rotation) => options.names.length > 0 || options.all || rotation.atRisk,
    );
  return {
    inventory,
    inventoryFile: file,
    rotations,
    plans: rotations.map(buildPlan),
  };
}

export interface Preflight {
  secret: string;
  problems: string[];
  /** Fingerprint of the value in use (never the value). */
  current?: string;
  oldCredential?: string;
}

/**
 * What a dry run checks without changing anything: the old value is
 * readable, the old credential is found, each consumer answers (read-only
 * calls such as GitHub's public key or Vercel's env list).
 */
export async function preflight(
  rotation: Rotation,
  plan: RotationPlan,
): Promise<Preflight> {
  const result: Preflight = {
    secret: plan.secret,
    problems: [...plan.problems],
  };
  if (result.problems.length > 0) return result;
  await collect(result, async () => {
    const value = await rotation.readCurrent();
    if (!value)
      throw new Error(`current (${rotation.currentSource}) holds no value`);
    result.current = fingerprint(value);
  });
  await collect(result, async () => {
    const current = await rotation.credential.findCurrent();
    result.oldCredential = current.id ?? current.note;
  });
  for (const consumer of rotation.consumers) {
    await collect(result, () => consumer.check(), consumer.label);
  }
  return result;
}

async function collect(
  result: Preflight,
  check: () => Promise<unknown>,
  label?: string,
): Promise<void> {
  try {
    await check();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result.problems.push(
      label && !message.includes(label) ? `${label}: ${message}` : message,
    );
  }
}

export interface ApplyRunOptions {
  mode: ApplyMode;
  signal?: AbortSignal;
  verify?: ApplyOptions['verify'];
  redeploy?: ApplyOptions['redeploy'];
}

/** Applies the selected rotations one after another; stops at the first that does not complete. */
export async function applyRotations(
  selection: Selection,
  options: RotateOptions & ApplyRunOptions,
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  for (const [index, rotation] of selection.rotations.entries()) {
    const plan = selection.plans[index];
    if (options.mode === 'fresh' && plan.problems.length > 0) {
      throw new ShipshapeError(
        'BAD_CONFIG',
        `${selection.inventoryFile}: ${plan.secret} cannot be rotated yet: ${plan.problems.join('; ')}.`,
      );
    }
    if (
      options.mode !== 'rollback' &&
      options.prompter.kind === 'refuse' &&
      plan.steps.some((step) => step.manual)
    ) {
      throw new ShipshapeError(
        'BAD_OPTION',
        `--confirm-manual: ${plan.secret} has manual steps and stdin is not a terminal; run it interactively, or pass --confirm-manual once its checklist is done.`,
      );
    }
    const run = new RotationRun(rotation, plan, {
      ...options,
      logger: options.logger,
    });
    const result = await run.execute();
    results.push(result);
    if (result.status !== 'completed') break;
  }
  return results;
}
