import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ShipshapeError } from '../../errors.js';
import { inventorySchema, type Inventory } from './schema.js';

/** Looked up in the repository root when --inventory is not given. */
export const INVENTORY_FILES = [
  '.shipshape/secrets.yaml',
  '.shipshape/secrets.yml',
  '.shipshape/secrets.json',
] as const;

export interface LoadedInventory {
  inventory: Inventory;
  file: string;
}

export function findInventory(root: string): string | undefined {
  return INVENTORY_FILES.map((name) => join(root, name)).find((file) =>
    existsSync(file),
  );
}

/**
 * Reads and validates the inventory. Every problem is reported at once by
 * key path, never with the offending value.
 */
export function loadInventory(root: string, file?: string): LoadedInventory {
  const path = file
    ? isAbsolute(file)
      ? file
      : join(root, file)
    : findInventory(root);
  if (!path) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--inventory: no inventory found (looked for ${INVENTORY_FILES.join(', ')}); create one as docs/rotate.md shows or pass its path.`,
    );
  }
  const raw = readInventoryFile(path);
  const shown = relative(root, path) || path;
  const parsed = inventorySchema.safeParse(raw, { reportInput: false });
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(
        (issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
      )
      .join('; ');
    throw new ShipshapeError(
      'BAD_CONFIG',
      `${shown}: ${problems}. Fix these keys (see docs/rotate.md).`,
    );
  }
  return { inventory: parsed.data, file: path };
}

function readInventoryFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${path}: cannot read the inventory; check that the file exists and is readable.`,
      { cause },
    );
  }
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    const kind = path.endsWith('.json') ? 'JSON' : 'YAML';
    throw new ShipshapeError(
      'BAD_CONFIG',
      `${path}: not valid ${kind}; fix the syntax.`,
      { cause },
    );
  }
}
