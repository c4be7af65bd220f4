import { randomBytes } from 'node:crypto';
import type { CredentialAdapter, NewCredential } from './types.js';

export interface GeneratedSettings {
  bytes: number;
  encoding: 'base64url' | 'hex';
  prefix: string;
}

/**
 * Secrets the app itself defines (cron secrets, webhook signing keys):
 * shipshape draws a random value; the old one stops working once no
 * consumer holds it any more.
 */
export function generatedAdapter(
  settings: GeneratedSettings,
): CredentialAdapter {
  return {
    kind: 'generated',
    automated: true,
    describe: () =>
      `random ${settings.bytes}-byte value (${settings.encoding})`,
    findCurrent: async () => ({
      note: 'a generated secret has no provider-side credential',
    }),
    async create(): Promise<NewCredential> {
      const value =
        settings.prefix +
        randomBytes(settings.bytes).toString(settings.encoding);
      return { value, label: `${settings.bytes} random bytes` };
    },
    deleteNew: async () => undefined,
    revokeOld: async () => undefined,
    texts: {
      create: `draw ${settings.bytes} random bytes (node:crypto)`,
      createRollback: 'forget the new value (it was only ever in memory)',
      revoke:
        'nothing to call: the old value stops working once every consumer holds the new one',
      revokeRollback: 'none needed',
    },
  };
}
