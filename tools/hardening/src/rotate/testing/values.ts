import { randomBytes } from 'node:crypto';

/**
 * Secret-shaped test values, generated at test time so that no committed
 * file holds anything that looks like a real key.
 */
export function fakeValue(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export const fakeToken = (provider: string) =>
  fakeValue(`${provider}-test-token-`, 12);
