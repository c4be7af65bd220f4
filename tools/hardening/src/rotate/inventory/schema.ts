import { z } from 'zod';

/**
 * The secrets inventory: which secrets exist, who issues them, and where
 * they are consumed. It names places and variables, never values.
 */
export const ENVIRONMENTS = ['staging', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

const envVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');
const secretName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . - only');
const repository = z
  .string()
  .regex(/^[\w.-]+\/[\w.-]+$/, 'must read owner/name');
const httpUrl = z.url({ protocol: /^https?$/ });
const environment = z.enum(ENVIRONMENTS);

const health = z.strictObject({
  url: httpUrl,
  /** How often the URL is tried before the verification fails. */
  attempts: z.number().int().min(1).max(60).default(5),
  intervalSeconds: z.number().min(0).max(600).default(10),
  timeoutSeconds: z.number().min(1).max(120).default(10),
});

const environmentSettings = z.strictObject({
  health,
  /** A deploy hook (its URL read from this env var) to apply new values. */
  redeploy: z.strictObject({ hookEnv: envVarName }).optional(),
});

const connection = {
  baseUrl: httpUrl.optional(),
  tokenEnv: envVarName.optional(),
};

const providers = z.strictObject({
  resend: z.strictObject(connection).optional(),
  supabase: z.strictObject(connection).optional(),
  github: z
    .strictObject({ ...connection, repository: repository.optional() })
    .optional(),
  vercel: z
    .strictObject({
      ...connection,
      teamId: z.string().optional(),
      project: z.string().optional(),
    })
    .optional(),
});

/** Where the value in use today can be read, to hash it and to roll back. */
const current = z.union([
  z.strictObject({ env: envVarName }),
  z.strictObject({ dotenv: z.string().min(1), key: envVarName.optional() }),
  z.strictObject({ provider: z.literal(true) }),
]);

const consumerBase = { environment, name: envVarName.optional() };

export const consumerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('github-repository-secret'),
    ...consumerBase,
    repository: repository.optional(),
  }),
  z.strictObject({
    type: z.literal('github-environment-secret'),
    ...consumerBase,
    repository: repository.optional(),
    /** The GitHub environment; defaults to the shipshape environment name. */
    githubEnvironment: z.string().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('vercel-env'),
    ...consumerBase,
    project: z.string().min(1).optional(),
    /** Vercel targets; staging defaults to preview, production to production. */
    targets: z.array(z.string().min(1)).min(1).optional(),
    gitBranch: z.string().min(1).optional(),
    /** Sensitive variables cannot be read back, even by shipshape. */
    sensitive: z.boolean().default(true),
  }),
  z.strictObject({
    type: z.literal('dotenv'),
    ...consumerBase,
    file: z.string().min(1),
  }),
]);

const common = {
  name: secretName,
  environments: z.array(environment).min(1).default(['staging', 'production']),
  current: current.optional(),
  /** true, or a short reason (where it leaked); `rotate plan` picks these up. */
  atRisk: z.union([z.boolean(), z.string().min(1)]).optional(),
  rotatedAt: z.iso.date().optional(),
  consumers: z.array(consumerSchema).default([]),
  description: z.string().optional(),
};

export const MANUAL_KINDS = [
  'supabase-jwt-secret',
  'database-password',
  'other',
] as const;

export const secretSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    ...common,
    provider: z.literal('resend'),
    resend: z.strictObject({
      keyName: z.string().min(1).max(50),
      permission: z
        .enum(['full_access', 'sending_access'])
        .default('sending_access'),
      domainId: z.string().optional(),
      currentKeyId: z.string().optional(),
    }),
  }),
  z.strictObject({
    ...common,
    provider: z.literal('supabase'),
    supabase: z.strictObject({
      projectRef: z
        .string()
        .regex(/^[a-z0-9]{20}$/, 'must be the 20-character project ref'),
      keyName: z
        .string()
        .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _ only'),
      description: z.string().optional(),
      currentKeyId: z.string().optional(),
    }),
  }),
  z.strictObject({
    ...common,
    provider: z.literal('generated'),
    generated: z
      .strictObject({
        bytes: z.number().int().min(16).max(128).default(32),
        encoding: z.enum(['base64url', 'hex']).default('base64url'),
        prefix: z.string().max(20).default(''),
      })
      .default({ bytes: 32, encoding: 'base64url', prefix: '' }),
  }),
  z.strictObject({
    ...common,
    provider: z.literal('manual'),
    manual: z.strictObject({
      kind: z.enum(MANUAL_KINDS),
      /** The operator puts the new value here before confirming the checklist. */
      newValueEnv: envVarName.optional(),
      checklist: z.array(z.string().min(1)).optional(),
      downtime: z.string().min(1).optional(),
    }),
  }),
]);

export const inventorySchema = z
  .strictObject({
    version: z.literal(1),
    /** Secrets older than this (since rotatedAt or the last ledger entry) are at risk. */
    maxAgeDays: z.number().int().positive().optional(),
    ledger: z.string().min(1).optional(),
    journalDir: z.string().min(1).optional(),
    environments: z.strictObject({
      staging: environmentSettings.optional(),
      production: environmentSettings.optional(),
    }),
    providers: providers.default({}),
    secrets: z.array(secretSchema).min(1),
  })
  .superRefine(crossCheck);

export type Inventory = z.output<typeof inventorySchema>;
export type SecretSpec = Inventory['secrets'][number];
export type ConsumerSpec = z.output<typeof consumerSchema>;
export type EnvironmentSettings = z.output<typeof environmentSettings>;
export type ProviderSettings = z.output<typeof providers>;
export type CurrentSource = z.output<typeof current>;

type RawInventory = Omit<Inventory, never>;

// Rules that span fields: every referenced environment and provider exists.
function crossCheck(inventory: RawInventory, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  inventory.secrets.forEach((secret, index) => {
    const at = (...path: (string | number)[]) => ['secrets', index, ...path];
    if (seen.has(secret.name)) {
      ctx.addIssue({
        code: 'custom',
        path: at('name'),
        message: 'is used by another secret',
      });
    }
    seen.add(secret.name);
    for (const env of secret.environments) {
      if (!inventory.environments[env]) {
        ctx.addIssue({
          code: 'custom',
          path: at('environments'),
          message: `names ${env}, which has no entry under environments`,
        });
      }
    }
    secret.consumers.forEach((consumer, position) => {
      if (!secret.environments.includes(consumer.environment)) {
        ctx.addIssue({
          code: 'custom',
          path: at('consumers', position, 'environment'),
          message: "is not one of the secret's environments",
        });
      }
      const missing = missingProviderSetting(consumer, inventory.providers);
      if (missing)
        ctx.addIssue({
          code: 'custom',
          path: at('consumers', position),
          message: missing,
        });
    });
    if (
      secret.current &&
      'provider' in secret.current &&
      secret.provider !== 'supabase'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: at('current'),
        message:
          'provider: true works for supabase only (the others never reveal a key again)',
      });
    }
  });
}

function missingProviderSetting(
  consumer: ConsumerSpec,
  providers: ProviderSettings,
): string | undefined {
  if (
    consumer.type.startsWith('github') &&
    !('repository' in consumer && consumer.repository)
  ) {
    if (!providers.github?.repository)
      return 'needs repository (or providers.github.repository)';
  }
  if (
    consumer.type === 'vercel-env' &&
    !consumer.project &&
    !providers.vercel?.project
  ) {
    return 'needs project (or providers.vercel.project)';
  }
  return undefined;
}
