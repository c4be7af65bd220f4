import { defineEnv, envVar } from '@shipshape/env';
import { z } from 'zod';

const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;

/**
 * The app's variables, server and client apart: only the client half
 * (NEXT_PUBLIC_*) may reach browsers. `shipshape validate-env --schema
 * apps/web/src/env.schema.ts` checks an env file against this definition.
 */
const envDefinition = defineEnv({
  client: {
    NEXT_PUBLIC_SUPABASE_URL: envVar.httpUrl(),
    /** The anon or publishable key; a secret key here is refused. */
    NEXT_PUBLIC_SUPABASE_ANON_KEY: envVar.string().min(20),
  },
  server: {
    /** Optional: without it the database check is skipped. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** A table the anon role may read; default: a probe PostgREST answers 404 for. */
    SUPABASE_HEALTH_TABLE: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/)
      .optional(),
    HEALTH_TIMEOUT_MS: envVar.int().min(50).max(30_000).default(2_000),
    LOG_LEVEL: envVar.enum(LOG_LEVELS).default('info'),
  },
});

export default envDefinition;
