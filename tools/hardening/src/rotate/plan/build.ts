import { createHash } from 'node:crypto';
import type { EnvironmentName } from '../inventory/schema.js';
import type { Rotation } from '../wire.js';
import type { PlanStep, RotationPlan } from './model.js';

const ORDER: readonly EnvironmentName[] = ['staging', 'production'];

/**
 * Orders the rotation staging first: create, write and verify staging,
 * then production, and only then revoke the old credential and record it
 * in the ledger. Every step says how it is undone.
 */
export function buildPlan(rotation: Rotation): RotationPlan {
  const { secret, credential, consumers, environments } = rotation;
  const texts = credential.texts;
  const steps: PlanStep[] = [
    {
      id: 'create',
      kind: 'create',
      title: `${credential.automated ? '' : 'MANUAL: '}${texts.create}`,
      rollback: texts.createRollback,
      note: texts.warning ? `downtime: ${texts.warning}` : undefined,
      manual: !credential.automated,
    },
  ];

  for (const env of ORDER.filter((name) =>
    secret.environments.includes(name),
  )) {
    for (const consumer of consumers.filter(
      (item) => item.environment === env,
    )) {
      steps.push({
        id: `write:${env}:${consumer.id}`,
        kind: 'write',
        environment: env,
        consumerId: consumer.id,
        title: `write the new value to ${consumer.label}`,
        rollback: consumer.readable
          ? 'write back the previous value, read from it before the change and held in memory'
          : 'write back the previous value held in memory (from the `current` source; never stored on disk)',
        note: consumer.note,
      });
    }
    const settings = environments[env];
    if (settings?.redeploy) {
      steps.push({
        id: `redeploy:${env}`,
        kind: 'redeploy',
        environment: env,
        title: `trigger the ${env} deploy hook ($${settings.redeploy.hookEnv}) so the new value is applied`,
        rollback: 'trigger it again after the previous values are restored',
      });
    }
    steps.push({
      id: `verify:${env}`,
      kind: 'verify',
      environment: env,
      title: `verify ${env}: GET ${settings?.health.url ?? '(no health URL)'} must answer 2xx (${settings?.health.attempts ?? 0} attempts)`,
      rollback: `on failure: restore every consumer changed so far, in reverse order, then delete the new credential`,
    });
  }

  steps.push(
    {
      id: 'revoke',
      kind: 'revoke',
      title: `${credential.automated ? '' : 'MANUAL: '}${texts.revoke}`,
      rollback: texts.revokeRollback,
    },
    {
      id: 'ledger',
      kind: 'ledger',
      title: `append the old value's SHA-256 to ${rotation.ledgerFile} (never the value)`,
      rollback:
        'none: the entry only records that the old value must never appear again',
    },
  );

  return {
    secret: secret.name,
    provider: credential.kind,
    atRisk: rotation.atRisk,
    steps,
    warnings: planWarnings(rotation),
    problems: [...rotation.problems],
    hash: createHash('sha256')
      .update(steps.map((step) => step.id).join('\n'))
      .digest('hex')
      .slice(0, 16),
  };
}

function planWarnings(rotation: Rotation): string[] {
  const { secret, consumers, environments, credential } = rotation;
  const warnings = [...rotation.warnings];
  if (!secret.environments.includes('staging')) {
    warnings.push(
      'no staging environment: production is the first to receive the new value',
    );
  }
  for (const env of secret.environments) {
    const usesVercel = consumers.some(
      (c) => c.environment === env && c.id.startsWith('vercel:'),
    );
    if (usesVercel && !environments[env]?.redeploy) {
      warnings.push(
        `${env}: Vercel applies env changes on the next deployment and no environments.${env}.redeploy hook is set; the health check may test the old deployment`,
      );
    }
  }
  if (credential.texts.warning)
    warnings.push(`downtime: ${credential.texts.warning}`);
  return warnings;
}
