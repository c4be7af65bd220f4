import type { HttpClient } from '../http/client.js';
import { ProviderError } from '../http/client.js';
import type { EnvironmentName } from '../inventory/schema.js';
import type { ConsumerAdapter } from '../providers/types.js';

export interface VercelEnvTarget {
  project: string;
  teamId?: string;
  key: string;
  targets: string[];
  gitBranch?: string;
  sensitive: boolean;
  environment: EnvironmentName;
}

interface VercelEnv {
  id: string;
  key: string;
  type?: string;
  target?: string[] | string;
  gitBranch?: string;
  value?: string;
}

/**
 * A Vercel project environment variable, written with
 * POST /v10/projects/{project}/env?upsert=true. Vercel applies it to new
 * deployments only, so a redeploy must follow before verification. Sensitive
 * variables cannot be read back; others are read through GET
 * /v1/projects/{project}/env/{id}, which returns the decrypted value.
 */
export function vercelEnvConsumer(
  http: HttpClient,
  target: VercelEnvTarget,
): ConsumerAdapter {
  const project = `/projects/${encodeURIComponent(target.project)}`;
  const query = { teamId: target.teamId };
  const find = async (): Promise<VercelEnv | undefined> => {
    const answer = await http.request<{ envs?: VercelEnv[] }>(
      'GET',
      `/v10${project}/env`,
      { query },
    );
    return (answer.body?.envs ?? []).find(
      (env) =>
        env.key === target.key &&
        (env.gitBranch ?? undefined) === target.gitBranch &&
        targetsOf(env).some((name) => target.targets.includes(name)),
    );
  };

  return {
    id: `vercel:${target.project}:${target.targets.join('+')}:${target.key}`,
    label: `Vercel env ${target.key} (${target.project}, ${target.targets.join('+')})`,
    environment: target.environment,
    readable: !target.sensitive,
    note: 'Vercel applies env changes on the next deployment: redeploy before verifying',
    async read() {
      if (target.sensitive) return undefined;
      const env = await find();
      if (!env) return undefined;
      const answer = await http.request<VercelEnv>(
        'GET',
        `/v1${project}/env/${encodeURIComponent(env.id)}`,
        { query },
      );
      return answer.body?.value;
    },
    async write(value) {
      const answer = await http.request<{
        failed?: Array<{ error?: { code?: string; message?: string } }>;
      }>('POST', `/v10${project}/env`, {
        query: { ...query, upsert: 'true' },
        body: {
          key: target.key,
          value,
          type: target.sensitive ? 'sensitive' : 'encrypted',
          target: target.targets,
          ...(target.gitBranch ? { gitBranch: target.gitBranch } : {}),
        },
      });
      const failed = answer.body?.failed ?? [];
      if (failed.length > 0) {
        const reason =
          failed[0].error?.message ?? failed[0].error?.code ?? 'unknown reason';
        throw new ProviderError(
          'vercel',
          answer.status,
          `vercel: ${target.key} was not written (${reason})`,
        );
      }
    },
    async check() {
      await http.request('GET', `/v10${project}/env`, { query });
    },
  };
}

function targetsOf(env: VercelEnv): string[] {
  if (Array.isArray(env.target)) return env.target;
  return env.target ? [env.target] : [];
}
