/**
 * `node key-cli.js [root]`: prints the advisory data key for Nx runtime
 * inputs. The same answer as `shipshape advisories key`, without loading
 * every engine of the CLI: Nx computes it on every hash.
 */
import { cacheDir } from './advisories/snapshot.js';
import { sourceKey } from './advisories/key.js';
import { resolveSourceSpec } from './advisories/resolve.js';
import { loadAuditConfig } from './policy/config.js';

const root = process.argv[2] ?? process.cwd();
try {
  const { config } = loadAuditConfig(root);
  const spec = resolveSourceSpec(
    config.advisories,
    root,
    cacheDir(root, config.cacheDir),
  );
  process.stdout.write(`${sourceKey(spec, new Date())}\n`);
} catch (error) {
  // A broken config or source is reported by the audit itself; the key
  // only has to differ from any key a successful run could cache.
  process.stdout.write(`error:${(error as Error).message}\n`);
}
