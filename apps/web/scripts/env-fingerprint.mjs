// Prints a digest of the variables `nx validate-env web` reads, so Nx can
// cache the target on them without ever storing a value: only the sha256
// of NEXT_PUBLIC_* and the schema's server names goes into the task hash.
import { createHash } from 'node:crypto';

const SERVER = [
  'DATABASE_URL',
  'SUPABASE_HEALTH_TABLE',
  'HEALTH_TIMEOUT_MS',
  'LOG_LEVEL',
];
const hash = createHash('sha256');
for (const [name, value] of Object.entries(process.env).sort(([a], [b]) =>
  a.localeCompare(b),
)) {
  if (name.startsWith('NEXT_PUBLIC_') || SERVER.includes(name))
    hash.update(`${name}=${value}\n`);
}
process.stdout.write(`${hash.digest('hex')}\n`);
