import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Logger } from '@shipshape/logger';
import { DEFAULT_LEDGER_FILE, type LedgerEntry } from '../ledger/index.js';
import type { Prompter } from './apply/checklist.js';
import { dotenvConsumer, readDotenvValue } from './consumers/dotenv.js';
import { GITHUB_HEADERS, githubSecretConsumer } from './consumers/github.js';
import { vercelEnvConsumer } from './consumers/vercel.js';
import { HttpClient } from './http/client.js';
import type {
  ConsumerSpec,
  Inventory,
  SecretSpec,
} from './inventory/schema.js';
import { generatedAdapter } from './providers/generated.js';
import { manualAdapter } from './providers/manual.js';
import { resendAdapter } from './providers/resend.js';
import { supabaseAdapter } from './providers/supabase.js';
import type { ConsumerAdapter, CredentialAdapter } from './providers/types.js';

/** Everything one secret's rotation needs, wired to real adapters. */
export interface Rotation {
  secret: SecretSpec;
  credential: CredentialAdapter;
  consumers: ConsumerAdapter[];
  environments: Inventory['environments'];
  /** As written in the inventory (relative to the root). */
  ledgerFile: string;
  ledgerPath: string;
  journalDir: string;
  atRisk?: string;
  warnings: string[];
  problems: string[];
  /** Where the value in use today comes from, in words. */
  currentSource: string;
  /** Reads the value in use today; undefined when it cannot be found. */
  readCurrent(): Promise<string | undefined>;
}

export interface WireOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  prompter: Prompter;
  now: Date;
  ledger: readonly LedgerEntry[];
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

type ProviderName = 'resend' | 'supabase' | 'github' | 'vercel';

const DEFAULTS: Record<ProviderName, { baseUrl: string; tokenEnv: string }> = {
  resend: {
    baseUrl: 'https://api.resend.com',
    tokenEnv: 'RESEND_ADMIN_API_KEY',
  },
  supabase: {
    baseUrl: 'https://api.supabase.com',
    tokenEnv: 'SUPABASE_ACCESS_TOKEN',
  },
  github: { baseUrl: 'https://api.github.com', tokenEnv: 'GITHUB_TOKEN' },
  vercel: { baseUrl: 'https://api.vercel.com', tokenEnv: 'VERCEL_TOKEN' },
};

export const DEFAULT_JOURNAL_DIR = '.shipshape/rotate';

export function wireRotation(
  inventory: Inventory,
  secret: SecretSpec,
  options: WireOptions,
): Rotation {
  const problems: string[] = [];
  const warnings: string[] = [];
  const clients = new Map<ProviderName, HttpClient>();
  const client = (provider: ProviderName): HttpClient => {
    const existing = clients.get(provider);
    if (existing) return existing;
    const settings = inventory.providers[provider];
    const tokenEnv = settings?.tokenEnv ?? DEFAULTS[provider].tokenEnv;
    const token = options.env[tokenEnv];
    if (!token)
      problems.push(
        `${tokenEnv} is empty: export the ${provider} API token there`,
      );
    const created = new HttpClient({
      provider,
      baseUrl: settings?.baseUrl ?? DEFAULTS[provider].baseUrl,
      token: token ?? '',
      headers: provider === 'github' ? GITHUB_HEADERS : undefined,
      logger: options.logger,
      sleep: options.sleep,
    });
    clients.set(provider, created);
    return created;
  };

  const credential = credentialFor(secret, options, client);
  const consumers = secret.consumers.map((spec) =>
    consumerFor(spec, secret, inventory, options.root, client),
  );
  if (consumers.length === 0 && secret.provider !== 'manual') {
    problems.push(
      'no consumers are listed: the new value would reach nothing; add consumers',
    );
  }
  if (
    secret.provider === 'manual' &&
    consumers.length > 0 &&
    !secret.manual.newValueEnv
  ) {
    problems.push(
      'manual.newValueEnv is not set: name the variable the new value will be read from',
    );
  }
  for (const env of secret.environments) {
    const hook = inventory.environments[env]?.redeploy?.hookEnv;
    if (hook && !options.env[hook])
      problems.push(
        `${hook} is empty: export the ${env} deploy hook URL there`,
      );
  }
  if (!secret.current) {
    problems.push(
      'current is not set: say where the value in use today can be read (env, dotenv or provider), so the ledger can record it and write-only consumers can be rolled back',
    );
  }
  if (secret.current && 'dotenv' in secret.current) {
    const source = secret.current;
    const key = source.key ?? secret.name;
    if (
      secret.consumers.some(
        (c) =>
          c.type === 'dotenv' &&
          c.file === source.dotenv &&
          (c.name ?? secret.name) === key,
      )
    ) {
      warnings.push(
        `current reads ${source.dotenv}, which this rotation also writes: a resumed run cannot re-read the old value from it`,
      );
    }
  }

  const ledgerFile = inventory.ledger ?? DEFAULT_LEDGER_FILE;
  return {
    secret,
    credential,
    consumers,
    environments: inventory.environments,
    ledgerFile,
    ledgerPath: resolveIn(options.root, ledgerFile),
    journalDir: resolveIn(
      options.root,
      inventory.journalDir ?? DEFAULT_JOURNAL_DIR,
    ),
    atRisk: atRiskReason(
      secret,
      inventory.maxAgeDays,
      options.ledger,
      options.now,
    ),
    warnings,
    problems,
    currentSource: describeCurrent(secret),
    readCurrent: () => readCurrent(secret, credential, options),
  };
}

function credentialFor(
  secret: SecretSpec,
  options: WireOptions,
  client: (provider: ProviderName) => HttpClient,
): CredentialAdapter {
  switch (secret.provider) {
    case 'resend':
      return resendAdapter(client('resend'), secret.resend);
    case 'supabase':
      return supabaseAdapter(client('supabase'), secret.supabase);
    case 'generated':
      return generatedAdapter(secret.generated);
    case 'manual':
      return manualAdapter(
        secret.name,
        secret.manual,
        options.prompter,
        options.env,
      );
  }
}

function consumerFor(
  spec: ConsumerSpec,
  secret: SecretSpec,
  inventory: Inventory,
  root: string,
  client: (provider: ProviderName) => HttpClient,
): ConsumerAdapter {
  const name = spec.name ?? secret.name;
  switch (spec.type) {
    case 'github-repository-secret':
    case 'github-environment-secret':
      return githubSecretConsumer(client('github'), {
        repository:
          spec.repository ?? (inventory.providers.github?.repository as string),
        githubEnvironment:
          spec.type === 'github-environment-secret'
            ? (spec.githubEnvironment ?? spec.environment)
            : undefined,
        name,
        environment: spec.environment,
      });
    case 'vercel-env':
      return vercelEnvConsumer(client('vercel'), {
        project:
          spec.project ?? (inventory.providers.vercel?.project as string),
        teamId: inventory.providers.vercel?.teamId,
        key: name,
        targets: spec.targets ?? [
          spec.environment === 'staging' ? 'preview' : 'production',
        ],
        gitBranch: spec.gitBranch,
        sensitive: spec.sensitive,
        environment: spec.environment,
      });
    case 'dotenv':
      return dotenvConsumer({
        root,
        file: spec.file,
        key: name,
        environment: spec.environment,
      });
  }
}

function describeCurrent(secret: SecretSpec): string {
  const source = secret.current;
  if (!source) return 'unknown';
  if ('env' in source) return `$${source.env}`;
  if ('dotenv' in source)
    return `${source.key ?? secret.name} in ${source.dotenv}`;
  return 'revealed by the provider';
}

async function readCurrent(
  secret: SecretSpec,
  credential: CredentialAdapter,
  options: WireOptions,
): Promise<string | undefined> {
  const source = secret.current;
  if (!source) return undefined;
  if ('env' in source) return options.env[source.env] || undefined;
  if ('dotenv' in source) {
    const path = resolveIn(options.root, source.dotenv);
    if (!existsSync(path)) return undefined;
    return (
      readDotenvValue(readFileSync(path, 'utf8'), source.key ?? secret.name) ||
      undefined
    );
  }
  const current = await credential.findCurrent();
  return current.id && credential.revealValue
    ? credential.revealValue(current.id)
    : undefined;
}

/** Why a secret is in the at-risk set: flagged, or older than maxAgeDays. */
export function atRiskReason(
  secret: SecretSpec,
  maxAgeDays: number | undefined,
  ledger: readonly LedgerEntry[],
  now: Date,
): string | undefined {
  if (secret.atRisk)
    return typeof secret.atRisk === 'string'
      ? secret.atRisk
      : 'flagged at risk';
  if (!maxAgeDays) return undefined;
  const dates = ledger
    .filter((entry) => entry.name === secret.name)
    .map((entry) => entry.date);
  if (secret.rotatedAt) dates.push(secret.rotatedAt);
  const last = dates
    .map((date) => Date.parse(date))
    .filter(Number.isFinite)
    .sort((a, b) => b - a)[0];
  if (last === undefined)
    return `no rotation on record (maxAgeDays ${maxAgeDays})`;
  const age = Math.floor((now.getTime() - last) / 86_400_000);
  return age > maxAgeDays
    ? `last rotated ${age} days ago (maxAgeDays ${maxAgeDays})`
    : undefined;
}

function resolveIn(root: string, path: string): string {
  return isAbsolute(path) ? path : join(root, path);
}
