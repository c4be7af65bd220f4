import type { EnvDefinition, ServerEnv } from './define.js';
import { EnvValidationError } from './issues.js';
import { isPublicName, type EnvSource } from './source.js';
import { validateEnv } from './validate-env.js';

export interface CreateEnvOptions {
  /**
   * Where values come from; defaults to `process.env` on the server. In
   * browser code, list each NEXT_PUBLIC_ variable literally
   * (`{ NEXT_PUBLIC_URL: process.env.NEXT_PUBLIC_URL }`): Next.js only
   * inlines references it can see.
   */
  runtimeEnv?: EnvSource;
  /** Defaults to true unless a `window` global exists. */
  isServer?: boolean;
  /** Skip validation (e.g. during `next lint`); values are passed through. */
  skipValidation?: boolean;
}

/**
 * Validates the environment once, at start-up, and returns the typed
 * values. Throws EnvValidationError listing every problem (never a value).
 * In the browser only the client half is validated and readable; reading
 * a server variable there throws instead of returning undefined.
 */
export function createEnv<D extends EnvDefinition>(
  definition: D,
  options: CreateEnvOptions = {},
): Readonly<ServerEnv<D>> {
  const isServer = options.isServer ?? !('window' in globalThis);
  const source = options.runtimeEnv ?? processEnv();
  const schema = isServer ? definition.all : definition.client;
  let values: Record<string, unknown>;
  if (options.skipValidation) {
    values = { ...source };
  } else {
    const result = validateEnv(schema, source);
    if (!result.ok) throw new EnvValidationError(result.issues);
    values = result.value as Record<string, unknown>;
  }
  if (isServer) return Object.freeze(values) as Readonly<ServerEnv<D>>;
  return guardServerOnly(
    values,
    Object.keys(definition.server.shape),
  ) as Readonly<ServerEnv<D>>;
}

function guardServerOnly(
  values: Record<string, unknown>,
  serverNames: string[],
): object {
  const serverOnly = new Set(serverNames);
  return new Proxy(Object.freeze(values), {
    get(target, name, receiver) {
      if (
        typeof name === 'string' &&
        serverOnly.has(name) &&
        !isPublicName(name)
      ) {
        throw new Error(
          `${name} is a server-only variable; read it in server code only.`,
        );
      }
      return Reflect.get(target, name, receiver);
    },
  });
}

function processEnv(): EnvSource {
  const env = (globalThis as { process?: { env?: EnvSource } }).process?.env;
  return env ?? {};
}
