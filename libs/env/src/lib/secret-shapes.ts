import {
  BUILTIN_RULES,
  decodeJwtPayload,
  findSecrets,
} from '@shipshape/secrets';
import type { EnvIssue } from './issues.js';
import { isPublicName } from './source.js';

const GENERIC = new Set(
  BUILTIN_RULES.filter((rule) => rule.generic).map((rule) => rule.id),
);
const DESCRIPTION = new Map(
  BUILTIN_RULES.map((rule) => [rule.id, rule.description]),
);

/** Names that must hold the public Supabase key, never a privileged one. */
const ANON_SLOT = /(?:^|_)(?:ANON|PUBLISHABLE)_?KEY$/i;

/**
 * Variables whose value has the shape of a secret that must not be there:
 * a server secret in a NEXT_PUBLIC_* variable (Next.js inlines those into
 * browser bundles), or a privileged Supabase key where the anon key belongs.
 * The secret knowledge is @shipshape/secrets' catalog.
 */
export function secretShapeIssues(
  source: Readonly<Record<string, string>>,
): EnvIssue[] {
  const issues: EnvIssue[] = [];
  for (const [variable, value] of Object.entries(source)) {
    const anonSlot = ANON_SLOT.test(variable)
      ? anonSlotIssue(variable, value)
      : undefined;
    if (anonSlot) {
      issues.push(anonSlot);
      continue;
    }
    if (isPublicName(variable)) {
      const kind = serverSecretKind(variable, value);
      if (kind) {
        issues.push({
          variable,
          code: 'public_secret',
          problem:
            `holds a server secret (${kind}) but NEXT_PUBLIC_* values are shipped to ` +
            'browsers; move it to a server-only variable and rotate it',
        });
      }
    }
  }
  return issues;
}

/** What kind of server secret a public variable holds, if any. */
function serverSecretKind(variable: string, value: string): string | undefined {
  const assignment = `${variable}=${value}`;
  const offset = variable.length + 1;
  const match = findSecrets(assignment).find(
    (found) => found.start >= offset && !GENERIC.has(found.ruleId),
  );
  if (!match) return undefined;
  return kindOf(match.ruleId);
}

function anonSlotIssue(variable: string, value: string): EnvIssue | undefined {
  const payload = decodeJwtPayload(value.trim());
  const role = payload?.['role'];
  if (payload && role !== 'anon') {
    const named =
      role === 'service_role' || role === 'authenticated' ? role : 'not anon';
    return {
      variable,
      code: 'anon_key_role',
      problem:
        `holds a Supabase JWT whose role is ${named}, where the anon key belongs; ` +
        "use the project's anon (publishable) key and rotate the leaked one",
    };
  }
  const match = findSecrets(value).find((found) => !GENERIC.has(found.ruleId));
  if (match) {
    return {
      variable,
      code: 'anon_key_role',
      problem:
        `holds a secret key (${kindOf(match.ruleId)}) where the public anon key belongs; ` +
        'use the publishable key and rotate the leaked one',
    };
  }
  return undefined;
}

function kindOf(ruleId: string): string {
  const description = DESCRIPTION.get(ruleId);
  if (!description) return ruleId;
  const first = description.split(/[:;(]/)[0].replace(/\.$/, '').trim();
  return `${ruleId}: ${first}`;
}
