import { ShipshapeError } from '../../errors.js';
import type { HttpClient } from '../http/client.js';
import { ProviderError } from '../http/client.js';
import type {
  CredentialAdapter,
  CurrentCredential,
  NewCredential,
} from './types.js';

export interface ResendKeySettings {
  keyName: string;
  permission: 'full_access' | 'sending_access';
  domainId?: string;
  currentKeyId?: string;
}

interface ResendKey {
  id: string;
  name: string;
  created_at?: string;
}

/**
 * Resend API keys (https://resend.com/docs/api-reference/api-keys): POST
 * /api-keys answers { id, token } once; DELETE /api-keys/{id} revokes.
 * The token is never shown again, so rollback of consumers needs the old
 * value from the inventory's `current` source.
 */
export function resendAdapter(
  http: HttpClient,
  settings: ResendKeySettings,
): CredentialAdapter {
  const list = async (): Promise<ResendKey[]> => {
    const answer = await http.request<{ data?: ResendKey[] }>(
      'GET',
      '/api-keys',
    );
    return answer.body?.data ?? [];
  };
  const remove = async (id: string, missingOk: boolean): Promise<void> => {
    try {
      await http.request('DELETE', `/api-keys/${encodeURIComponent(id)}`);
    } catch (error) {
      if (missingOk && error instanceof ProviderError && error.status === 404)
        return;
      throw error;
    }
  };

  return {
    kind: 'resend',
    automated: true,
    describe: () =>
      `Resend API key "${settings.keyName}" (${settings.permission})`,
    async findCurrent(): Promise<CurrentCredential> {
      const keys = await list();
      if (settings.currentKeyId) {
        if (keys.some((key) => key.id === settings.currentKeyId))
          return { id: settings.currentKeyId };
        return {
          note: `key ${settings.currentKeyId} no longer exists at Resend`,
        };
      }
      const named = keys.filter((key) => key.name === settings.keyName);
      if (named.length === 1) return { id: named[0].id };
      if (named.length === 0)
        return { note: `no Resend key is named "${settings.keyName}"` };
      throw new ShipshapeError(
        'BAD_CONFIG',
        `inventory resend.currentKeyId: ${named.length} Resend keys are named "${settings.keyName}"; set currentKeyId to the one in use.`,
      );
    },
    async create(): Promise<NewCredential> {
      const answer = await http.request<{ id?: string; token?: string }>(
        'POST',
        '/api-keys',
        {
          body: {
            name: settings.keyName,
            permission: settings.permission,
            ...(settings.domainId ? { domain_id: settings.domainId } : {}),
          },
        },
      );
      const { id, token } = answer.body ?? {};
      if (!id || !token)
        throw new ProviderError(
          'resend',
          answer.status,
          'resend: POST /api-keys answered without id and token',
        );
      return { id, value: token, label: `${settings.keyName} (${id})` };
    },
    deleteNew: async (id) => {
      if (id) await remove(id, true);
    },
    revokeOld: async (current) => {
      if (current.id) await remove(current.id, true);
    },
    async removePartial(stamp, oldId): Promise<number> {
      const since = Date.parse(stampToIso(stamp));
      const orphans = (await list()).filter(
        (key) =>
          key.name === settings.keyName &&
          key.id !== oldId &&
          key.created_at !== undefined &&
          Date.parse(key.created_at) >= since,
      );
      for (const key of orphans) await remove(key.id, true);
      return orphans.length;
    },
    texts: {
      create: `POST /api-keys: create a new key named "${settings.keyName}"`,
      createRollback:
        'DELETE /api-keys/{new id}: delete the new key (its id is in the journal)',
      revoke: 'DELETE /api-keys/{old id}: revoke the old key',
      revokeRollback:
        'none: a revoked Resend key cannot be restored; this runs only after both environments verified',
    },
  };
}

/** Run stamps are YYYYMMDDHHMMSS in UTC. */
export function stampToIso(stamp: string): string {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) =>
    stamp.slice(at, i === 0 ? 4 : at + 2),
  );
  return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
}
