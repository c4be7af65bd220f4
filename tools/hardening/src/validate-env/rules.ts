import type { EnvIssueCode } from '@shipshape/env';
import type { RuleDescriptor, Severity } from '../report/index.js';

export const ENV_RULES: readonly (RuleDescriptor & { code: EnvIssueCode })[] = [
  {
    id: 'env/public-secret',
    code: 'public_secret',
    name: 'PublicSecret',
    description:
      'A NEXT_PUBLIC_* variable holds a server secret; Next.js inlines it into browser bundles.',
    severity: 'critical',
  },
  {
    id: 'env/anon-key-role',
    code: 'anon_key_role',
    name: 'AnonKeyRole',
    description:
      'A privileged Supabase key sits where the public anon key belongs.',
    severity: 'critical',
  },
  {
    id: 'env/missing',
    code: 'missing',
    name: 'Missing',
    description: 'A required variable is unset or empty.',
    severity: 'high',
  },
  {
    id: 'env/invalid',
    code: 'invalid',
    name: 'Invalid',
    description: 'A variable does not match its schema.',
    severity: 'high',
  },
  {
    id: 'env/not-public',
    code: 'not_public',
    name: 'NotPublic',
    description: 'A variable the browser needs is not NEXT_PUBLIC_*.',
    severity: 'high',
  },
];

export function ruleFor(code: EnvIssueCode): {
  id: string;
  severity: Severity;
} {
  const rule = ENV_RULES.find((candidate) => candidate.code === code);
  return { id: rule?.id ?? `env/${code}`, severity: rule?.severity ?? 'high' };
}
