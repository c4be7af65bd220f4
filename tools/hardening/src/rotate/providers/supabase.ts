import { ShipshapeError } from '../../errors.js';
import type { HttpClient } from '../http/client.js';
import { ProviderError } from '../http/client.js';
import type {
  CredentialAdapter,
  CurrentCredential,
  NewCredential,
} from './types.js';

export interface SupabaseKeySettings {
  projectRef: string;
  keyName: string;
  description?: string;
  currentKeyId?: string;
}

interface ApiKey {
  id?: string | null;
  name: string;
  type?: 'legacy' | 'publishable' | 'secret' | null;
  api_key?: string | null;
}

/**
 * Supabase secret API keys through the Management API
 * (/v1/projects/{ref}/api-keys). Keys are named `<keyName>_<stamp>` because
 * names are unique per project; the key in use is the one named keyName or
 * keyName_<12-14 digits>.
 */
export function supabaseAdapter(
  http: HttpClient,
  settings: SupabaseKeySettings,
): CredentialAdapter {
  const base = `/v1/projects/${encodeURIComponent(settings.projectRef)}/api-keys`;
  const ours = new RegExp(`^${settings.keyName}(_\\d{12,14})?$`);
  const list = async (): Promise<ApiKey[]> =>
    (await http.request<ApiKey[]>('GET', base, { query: { reveal: 'false' } }))
      .body ?? [];
  const remove = async (id: string): Promise<void> => {
    try {
      await http.request('DELETE', `${base}/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) return;
      throw error;
    }
  };

  return {
    kind: 'supabase',
    automated: true,
    describe: () =>
      `Supabase secret API key "${settings.keyName}" in project ${settings.projectRef}`,
    async findCurrent(): Promise<CurrentCredential> {
      const secrets = (await list()).filter(
        (key) => key.type === 'secret' && key.id,
      );
      if (settings.currentKeyId) {
        if (secrets.some((key) => key.id === settings.currentKeyId))
          return { id: settings.currentKeyId };
        return {
          note: `secret key ${settings.currentKeyId} no longer exists in the project`,
        };
      }
      const named = secrets.filter((key) => ours.test(key.name));
      if (named.length === 1) return { id: named[0].id ?? undefined };
      if (named.length === 0)
        return { note: `no secret key named "${settings.keyName}" exists yet` };
      throw new ShipshapeError(
        'BAD_CONFIG',
        `inventory supabase.currentKeyId: ${named.length} secret keys match "${settings.keyName}"; set currentKeyId to the one in use.`,
      );
    },
    async create(stamp): Promise<NewCredential> {
      const name = `${settings.keyName}_${stamp}`;
      const answer = await http.request<ApiKey>('POST', base, {
        query: { reveal: 'true' },
        body: {
          type: 'secret',
          name,
          ...(settings.description
            ? { description: settings.description }
            : {}),
        },
      });
      const { id, api_key: value } = answer.body ?? ({} as ApiKey);
      if (!id || !value) {
        throw new ProviderError(
          'supabase',
          answer.status,
          'supabase: the new key came back without id or value',
        );
      }
      return { id, value, label: `${name} (${id})` };
    },
    deleteNew: async (id) => {
      if (id) await remove(id);
    },
    revokeOld: async (current) => {
      if (current.id) await remove(current.id);
    },
    async revealValue(id): Promise<string | undefined> {
      const answer = await http.request<ApiKey>(
        'GET',
        `${base}/${encodeURIComponent(id)}`,
        {
          query: { reveal: 'true' },
        },
      );
      return answer.body?.api_key ?? undefined;
    },
    async removePartial(stamp): Promise<number> {
      const orphans = (await list()).filter(
        (key) => key.name === `${settings.keyName}_${stamp}` && key.id,
      );
      for (const key of orphans) await remove(key.id as string);
      return orphans.length;
    },
    texts: {
      create: `POST ${base}?reveal=true: create secret key "${settings.keyName}_<stamp>"`,
      createRollback: `DELETE ${base}/{new id}: delete the new key`,
      revoke: `DELETE ${base}/{old id}: delete the old secret key`,
      revokeRollback:
        'none: a deleted key cannot be restored; this runs only after both environments verified',
    },
  };
}
