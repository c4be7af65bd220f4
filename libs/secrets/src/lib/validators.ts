import { githubChecksum } from './crc32.js';
import { isCodeReference, isPlaceholder, isUuid } from './placeholders.js';
import type { ValidatorName, Verdict } from './types.js';

const KEEP: Verdict = { keep: true };

/** Decodes a JWT's payload; undefined when it is not a JWT. */
export function decodeJwtPayload(
  token: string,
): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const json = Buffer.from(parts[1], 'base64url').toString('utf8');
    const payload = JSON.parse(json) as unknown;
    if (typeof payload !== 'object' || payload === null) return undefined;
    return payload as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

// Supabase's legacy API keys are JWTs: `anon` is meant for browsers, the
// local stack's demo keys are published, `service_role` bypasses RLS.
function supabaseJwtRole(secret: string): Verdict {
  const payload = decodeJwtPayload(secret);
  if (!payload) return { keep: false, reason: 'not a decodable JWT' };
  if (payload.iss === 'supabase-demo') {
    return { keep: false, reason: 'Supabase local-development demo key' };
  }
  const role = payload.role;
  if (role === 'service_role') {
    return { keep: true, severity: 'critical', note: 'role service_role' };
  }
  if (role === 'anon' || role === 'authenticated') {
    return { keep: false, reason: `public ${role} key` };
  }
  if (payload.iss === 'supabase' || typeof payload.ref === 'string') {
    return { keep: true, severity: 'high', note: `role ${String(role)}` };
  }
  return { keep: false, reason: 'not a Supabase key' };
}

function githubTokenChecksum(secret: string): Verdict {
  const body = secret.slice(secret.indexOf('_') + 1);
  if (body.length !== 36) return KEEP;
  const random = body.slice(0, 30);
  return githubChecksum(random) === body.slice(30)
    ? KEEP
    : { keep: false, reason: 'checksum does not match (not a real token)' };
}

function urlPassword(secret: string): Verdict {
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    // A stray % is part of the password.
  }
  // Real database passwords are long; one-letter ones are test fixtures.
  if (decoded.length < 6)
    return { keep: false, reason: 'too short for a real password' };
  if (isPlaceholder(decoded) || decoded.startsWith('$')) {
    return { keep: false, reason: 'placeholder password' };
  }
  if (
    /^(?:password|postgres|pass|user|admin|root|secret|test)$/i.test(decoded)
  ) {
    return { keep: false, reason: 'default local password' };
  }
  return KEEP;
}

export const VALIDATORS: Record<ValidatorName, (secret: string) => Verdict> = {
  'supabase-jwt-role': supabaseJwtRole,
  'github-checksum': githubTokenChecksum,
  'not-placeholder': (secret) =>
    isPlaceholder(secret) ? { keep: false, reason: 'placeholder' } : KEEP,
  'not-uuid': (secret) =>
    isUuid(secret) ? { keep: false, reason: 'a UUID' } : KEEP,
  'not-code-reference': (secret) =>
    isCodeReference(secret)
      ? { keep: false, reason: 'a reference, not a value' }
      : KEEP,
  'url-password': urlPassword,
};

/** Runs a rule's validators in order; the first rejection wins. */
export function runValidators(
  names: readonly ValidatorName[] | undefined,
  secret: string,
): Verdict {
  let verdict: Verdict = KEEP;
  for (const name of names ?? []) {
    const next = VALIDATORS[name](secret);
    if (!next.keep) return next;
    if (next.severity) verdict = next;
  }
  return verdict;
}
