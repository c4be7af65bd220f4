import { z } from 'zod';
import { loadConfigSection } from '../config/load.js';
import { ShipshapeError } from '../errors.js';

/** The `dbGuard` section of shipshape.config.json. */
export const dbGuardConfigSchema = z
  .object({
    /** Regular expressions; a database host matching any of them is production. */
    productionHosts: z.array(z.string().min(1)).default([]),
    /**
     * Regular expressions; a hosted Supabase host matching one is not
     * production by default (a staging project). Explicit production
     * signals still win.
     */
    nonProductionHosts: z.array(z.string().min(1)).default([]),
  })
  .strict();

export function loadDbGuardConfig(
  root: string,
  file?: string,
): { productionHosts: RegExp[]; nonProductionHosts: RegExp[] } {
  const { value, file: from } = loadConfigSection(
    'dbGuard',
    dbGuardConfigSchema,
    { root, file },
  );
  const compile = (key: string, sources: string[]) =>
    sources.map((source, index) => {
      try {
        return new RegExp(source, 'i');
      } catch {
        throw new ShipshapeError(
          'BAD_CONFIG',
          `${from ?? 'config'}: dbGuard.${key}.${index} is not a valid regular expression; fix it.`,
        );
      }
    });
  return {
    productionHosts: compile('productionHosts', value.productionHosts),
    nonProductionHosts: compile('nonProductionHosts', value.nonProductionHosts),
  };
}
