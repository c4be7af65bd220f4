import { ShipshapeError } from '../errors.js';

/** Where the statements would run, and why it counts as production. */
export interface Target {
  /** host[:port]/database: what the confirmation flag must name. No user, no password. */
  name: string;
  host: string;
  database: string;
  production: boolean;
  /** Why it was judged production (or not), for the report. */
  reasons: string[];
}

/** Env variables that say which environment a process deploys to. */
export const ENVIRONMENT_VARIABLES = [
  'SHIPSHAPE_DB_ENV',
  'APP_ENV',
  'DEPLOY_ENV',
  'ENVIRONMENT',
  'VERCEL_ENV',
  'SUPABASE_ENV',
  'NODE_ENV',
] as const;

/**
 * Hosted Supabase: the direct `db.<ref>.supabase.co` host and the Supavisor
 * `*.pooler.supabase.com` hosts. They are production unless marked otherwise.
 */
export const HOSTED_SUPABASE = [
  /^db\.[a-z0-9-]+\.supabase\.co$/i,
  /(^|\.)pooler\.supabase\.com$/i,
  /\.supabase\.(co|com)$/i,
] as const;

const PRODUCTION_VALUES = new Set(['production', 'prod', 'live']);
const PRODUCTION_WORD = /(^|[^a-z0-9])(prod|production|live)([^a-z0-9]|$)/i;

export interface TargetOptions {
  /** Treat the target as production whatever the URL says (--production). */
  forceProduction?: boolean;
  /** Extra host patterns from config: any host matching one is production. */
  productionHosts?: readonly RegExp[];
  /**
   * --not-production: a hosted Supabase project that is staging. Cancels
   * only the hosted-Supabase default, never an explicit production signal.
   */
  notProduction?: boolean;
  /** dbGuard.nonProductionHosts: the same, per host pattern. */
  nonProductionHosts?: readonly RegExp[];
}

/**
 * Reads a PostgreSQL URL and decides whether it names production: a
 * `prod`/`production`/`live` word in the host, the database or the user,
 * a configured host pattern, or an environment variable that says so.
 */
export function describeTarget(
  url: string,
  env: Record<string, string | undefined>,
  options: TargetOptions = {},
): Target {
  const parsed = parseUrl(url);
  const host = parsed.port
    ? `${parsed.hostname}:${parsed.port}`
    : parsed.hostname;
  const database =
    decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  const user = decodeURIComponent(parsed.username);
  const reasons: string[] = [];
  const notes: string[] = [];

  if (options.forceProduction && options.notProduction) {
    throw new ShipshapeError(
      'BAD_OPTION',
      '--production and --not-production contradict each other; pass one of them.',
    );
  }
  if (options.forceProduction) reasons.push('--production was given');
  if (HOSTED_SUPABASE.some((pattern) => pattern.test(parsed.hostname))) {
    const marked = options.notProduction
      ? '--not-production'
      : options.nonProductionHosts?.find((pattern) =>
          pattern.test(parsed.hostname),
        );
    if (marked === undefined)
      reasons.push(
        `the host ${parsed.hostname} is a hosted Supabase project (mark a staging project with dbGuard.nonProductionHosts or --not-production)`,
      );
    else
      notes.push(
        `the hosted Supabase host ${parsed.hostname} is marked not production by ${typeof marked === 'string' ? marked : `dbGuard.nonProductionHosts ${marked.source}`}`,
      );
  }
  if (PRODUCTION_WORD.test(parsed.hostname))
    reasons.push(`the host ${parsed.hostname} says production`);
  if (PRODUCTION_WORD.test(database))
    reasons.push(`the database name ${database} says production`);
  if (user && PRODUCTION_WORD.test(user))
    reasons.push('the user name says production');
  for (const pattern of options.productionHosts ?? []) {
    if (pattern.test(parsed.hostname))
      reasons.push(
        `the host matches dbGuard.productionHosts ${pattern.source}`,
      );
  }
  for (const variable of ENVIRONMENT_VARIABLES) {
    const value = env[variable]?.trim().toLowerCase();
    if (value && PRODUCTION_VALUES.has(value))
      reasons.push(`${variable} says production`);
  }
  return {
    name: `${host}/${database}`,
    host,
    database,
    production: reasons.length > 0,
    reasons: reasons.length > 0 ? reasons : notes,
  };
}

function parseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ShipshapeError(
      'BAD_OPTION',
      '--url (or DATABASE_URL): not a valid URL; use postgres://user@host:port/database.',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--url (or DATABASE_URL): the scheme ${parsed.protocol} is not PostgreSQL; use postgres://user@host:port/database.`,
    );
  }
  return parsed;
}
