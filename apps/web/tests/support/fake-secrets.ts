import { randomBytes } from 'node:crypto';

// Secret-shaped values are generated at test time, never committed.
const part = (bytes: number) => randomBytes(bytes).toString('base64url');

/** A Supabase-style JWT with the given role, signed with nothing real. */
export function fakeSupabaseJwt(role: 'anon' | 'service_role'): string {
  const header = Buffer.from(
    JSON.stringify({ alg: 'HS256', typ: 'JWT' }),
  ).toString('base64url');
  const body = Buffer.from(
    JSON.stringify({
      iss: 'supabase',
      ref: part(9),
      role,
      iat: 1_700_000_000,
      exp: 2_000_000_000,
    }),
  ).toString('base64url');
  return [header, body, part(32)].join('.');
}

/** A password that trust auth ignores but a leak check can look for. */
export function fakePassword(): string {
  return `pw${part(18)}`;
}

/** A connection string with the password put in, for the PostgreSQL test server. */
export function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}
