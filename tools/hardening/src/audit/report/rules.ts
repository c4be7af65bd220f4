import type { RuleDescriptor } from '../../report/index.js';
import { RULE_ALLOWLIST_EXPIRED, RULE_VULNERABLE } from '../policy/evaluate.js';

/** SARIF rule metadata for audit findings. */
export const AUDIT_RULES: readonly RuleDescriptor[] = [
  {
    id: RULE_VULNERABLE,
    name: 'VulnerableDependency',
    description:
      'An installed package version is affected by a published security advisory. Move to the fixed version shown, or allowlist the advisory with a reason and an expiry.',
    severity: 'high',
    helpUri: 'https://osv.dev/',
  },
  {
    id: RULE_ALLOWLIST_EXPIRED,
    name: 'AllowlistEntryExpired',
    description:
      'An audit allowlist entry has passed its expiry date. Fix the dependency, or renew the entry with a fresh reason and date.',
    severity: 'high',
  },
];
