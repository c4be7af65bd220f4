/** Environment variables read for defaults; `process` may not exist (Edge). */
function variable(name: string): string | undefined {
  const env = (
    globalThis as { process?: { env?: Record<string, string | undefined> } }
  ).process?.env;
  const value = env?.[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export const LEVELS = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
] as const;
export type LevelName = (typeof LEVELS)[number];

/** `LOG_LEVEL` when it names a level (any casing), else `info`. */
export function defaultLevel(): string {
  const level = variable('LOG_LEVEL')?.trim().toLowerCase();
  return level &&
    (level === 'silent' || (LEVELS as readonly string[]).includes(level))
    ? level
    : 'info';
}

/** `APP_ENV`, `VERCEL_ENV`, `NODE_ENV`, else `development`. */
export function defaultEnvName(): string {
  return (
    variable('APP_ENV') ??
    variable('VERCEL_ENV') ??
    variable('NODE_ENV') ??
    'development'
  );
}

/** `APP_VERSION`, the deployed commit, or the package version. */
export function defaultVersion(): string | undefined {
  const commit = variable('VERCEL_GIT_COMMIT_SHA') ?? variable('GITHUB_SHA');
  return (
    variable('APP_VERSION') ??
    commit?.slice(0, 12) ??
    variable('npm_package_version')
  );
}

/** `LOG_SERVICE`, `OTEL_SERVICE_NAME`, the package name, else `app`. */
export function defaultService(): string {
  return (
    variable('LOG_SERVICE') ??
    variable('OTEL_SERVICE_NAME') ??
    variable('npm_package_name') ??
    'app'
  );
}

export function isProduction(): boolean {
  return variable('NODE_ENV') === 'production';
}

/** `LOG_FORMAT=pretty|json` wins; else pretty only in development. */
export function defaultPretty(): boolean {
  const format = variable('LOG_FORMAT')?.toLowerCase();
  if (format === 'json') return false;
  if (format === 'pretty') return !isProduction();
  return variable('NODE_ENV') === 'development';
}
