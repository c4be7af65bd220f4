import type { TargetConfiguration } from '@nx/devkit';
import type { ProjectFacts } from '../facts.js';
import { hygieneTargets } from './hygiene.js';
import { auditTargets } from './audit.js';
import { scanTargets } from './scan.js';
import { rotationCheckTargets } from './rotation-check.js';
import { driftTargets } from './drift.js';

export type TargetBuilder = (
  facts: ProjectFacts,
) => Record<string, TargetConfiguration>;

/**
 * One builder per engine; a target is listed here only once its engine
 * exists, so the graph never shows a target that cannot run.
 */
export const TARGET_BUILDERS: readonly TargetBuilder[] = [
  auditTargets,
  hygieneTargets,
  scanTargets,
  rotationCheckTargets,
  driftTargets,
];
