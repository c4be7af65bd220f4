import { z } from 'zod';
import { loadConfigSection } from '../config/load.js';

/** The `env` section of shipshape.config.json. */
export const envConfigSchema = z
  .object({
    /** Module exporting a `defineEnv` definition or a zod object schema. */
    schema: z.string().min(1).optional(),
    /** Which export of that module; by default the only schema-like one. */
    export: z.string().min(1).optional(),
    /** Env files read when --env-file is not given (later ones win). */
    envFiles: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type EnvConfig = z.output<typeof envConfigSchema>;

export function loadEnvConfig(root: string, file?: string) {
  return loadConfigSection('env', envConfigSchema, { root, file });
}
