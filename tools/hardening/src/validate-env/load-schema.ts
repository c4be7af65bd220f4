import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isEnvDefinition, type EnvDefinition } from '@shipshape/env';
import type { z } from 'zod';
import { ShipshapeError } from '../errors.js';

export type LoadedSchema = { name: string; schema: EnvDefinition | z.ZodType };

const PREFERRED = ['default', 'envDefinition', 'envSchema', 'schema'];

/**
 * Imports the module named by --schema and picks the definition to
 * validate with: the export named by --export, else the one export that is
 * a `defineEnv` definition or a zod schema.
 */
export async function loadSchema(
  modulePath: string,
  root: string,
  exportName?: string,
): Promise<LoadedSchema> {
  const absolute = resolve(root, modulePath);
  if (!existsSync(absolute)) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--schema ${modulePath}: no such file; point it at the module that exports your defineEnv() definition.`,
    );
  }
  const module = await importModule(modulePath, absolute);
  const candidates = Object.entries(module).filter(([, value]) =>
    isSchemaLike(value),
  );
  if (exportName) {
    const found = candidates.find(([name]) => name === exportName);
    if (!found) {
      throw new ShipshapeError(
        'BAD_OPTION',
        `--export ${exportName}: ${modulePath} has no such defineEnv() definition or zod schema; ` +
          `choose one of: ${candidates.map(([name]) => name).join(', ') || '(none found)'}.`,
      );
    }
    return { name: found[0], schema: found[1] as LoadedSchema['schema'] };
  }
  const preferred = PREFERRED.map((name) =>
    candidates.find(([n]) => n === name),
  ).find(Boolean);
  const picked =
    preferred ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!picked) {
    throw new ShipshapeError(
      'BAD_OPTION',
      candidates.length === 0
        ? `--schema ${modulePath}: exports no defineEnv() definition or zod schema; export one.`
        : `--schema ${modulePath}: exports several schemas (${candidates.map(([n]) => n).join(', ')}); pick one with --export.`,
    );
  }
  return { name: picked[0], schema: picked[1] as LoadedSchema['schema'] };
}

async function importModule(
  modulePath: string,
  absolute: string,
): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(absolute).href)) as Record<
      string,
      unknown
    >;
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const reason =
      code === 'ERR_UNKNOWN_FILE_EXTENSION'
        ? 'Node cannot load TypeScript here; point it at compiled JavaScript or run shipshape through tsx'
        : `importing it failed (${(cause as Error).name ?? 'Error'}${code ? ` ${code}` : ''}); ` +
          'export the definition from a module with no side effects (run with --verbose for the cause)';
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `--schema ${modulePath}: ${reason}.`,
      { cause },
    );
  }
}

function isSchemaLike(value: unknown): boolean {
  if (isEnvDefinition(value)) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
}
