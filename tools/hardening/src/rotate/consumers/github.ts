import type { HttpClient } from '../http/client.js';
import { ProviderError } from '../http/client.js';
import type { EnvironmentName } from '../inventory/schema.js';
import type { ConsumerAdapter } from '../providers/types.js';
import { sealForGitHub } from './seal.js';

export interface GitHubSecretTarget {
  repository: string;
  /** Set for environment secrets, absent for repository secrets. */
  githubEnvironment?: string;
  name: string;
  environment: EnvironmentName;
}

/**
 * A GitHub Actions secret (repository or environment). GitHub never returns
 * a secret's value, so this consumer is write-only: rollback writes back the
 * previous value that shipshape holds in memory for the run, obtained from
 * the inventory's `current` source.
 */
export function githubSecretConsumer(
  http: HttpClient,
  target: GitHubSecretTarget,
): ConsumerAdapter {
  const [owner, repo] = target.repository.split('/').map(encodeURIComponent);
  const scope = target.githubEnvironment
    ? `/repos/${owner}/${repo}/environments/${encodeURIComponent(target.githubEnvironment)}/secrets`
    : `/repos/${owner}/${repo}/actions/secrets`;
  const where = target.githubEnvironment
    ? `environment "${target.githubEnvironment}" of ${target.repository}`
    : target.repository;

  return {
    id: `github:${target.repository}:${target.githubEnvironment ?? '*'}:${target.name}`,
    label: `GitHub Actions secret ${target.name} (${where})`,
    environment: target.environment,
    readable: false,
    note: 'write-only: rollback re-seals the previous value held in memory',
    read: async () => undefined,
    async write(value) {
      const key = await http.request<{ key_id: string; key: string }>(
        'GET',
        `${scope}/public-key`,
      );
      if (!key.body?.key || !key.body.key_id) {
        throw new ProviderError(
          'github',
          key.status,
          `github: ${scope}/public-key answered without key and key_id`,
        );
      }
      const encrypted = await sealForGitHub(value, key.body.key);
      await http.request('PUT', `${scope}/${encodeURIComponent(target.name)}`, {
        body: { encrypted_value: encrypted, key_id: key.body.key_id },
        expect: [201, 204],
      });
    },
    async check() {
      await http.request('GET', `${scope}/public-key`);
    },
  };
}

export const GITHUB_HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
};
