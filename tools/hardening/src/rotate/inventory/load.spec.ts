import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadInventory } from './load.js';

const base = () => ({
  version: 1,
  environments: {
    staging: { health: { url: 'https://staging.test/api/health' } },
  },
  providers: { github: { repository: 'acme/app' } },
  secrets: [
    {
      name: 'API_KEY',
      provider: 'generated',
      environments: ['staging'],
      current: { env: 'API_KEY' },
      consumers: [
        { type: 'github-environment-secret', environment: 'staging' },
      ],
    },
  ],
});

function load(inventory: unknown, name = 'secrets.yaml') {
  const root = mkdtempSync(join(tmpdir(), 'inventory-'));
  writeFileSync(
    join(root, name),
    name.endsWith('.json') ? JSON.stringify(inventory) : stringify(inventory),
  );
  return loadInventory(root, name);
}

type Mutate = (inventory: ReturnType<typeof base>) => void;
const secret = (inventory: ReturnType<typeof base>) =>
  inventory.secrets[0] as Record<string, unknown>;

describe('loadInventory', () => {
  it('accepts a minimal inventory and fills defaults', () => {
    const { inventory } = load(base());
    expect(inventory.secrets[0]).toMatchObject({
      generated: { bytes: 32, encoding: 'base64url' },
    });
    expect(load(base(), 'secrets.json').inventory.secrets).toHaveLength(1);
  });

  it.each<[string, Mutate, RegExp]>([
    [
      'unknown provider',
      (i) => void (secret(i).provider = 'aws'),
      /secrets\.0\.provider/,
    ],
    [
      'typo in a key',
      (i) => void (secret(i).consumerz = []),
      /secrets\.0: Unrecognized key: "consumerz"/,
    ],
    [
      'bad environment',
      (i) => void (secret(i).environments = ['prod']),
      /secrets\.0\.environments\.0/,
    ],
    [
      'environment without settings',
      (i) => void (secret(i).environments = ['staging', 'production']),
      /names production, which has no entry under environments/,
    ],
    [
      'consumer outside the secret environments',
      (i) =>
        void (secret(i).consumers = [
          { type: 'dotenv', environment: 'production', file: '.env' },
        ]),
      /consumers\.0\.environment: is not one of the secret's environments/,
    ],
    [
      'github consumer without repository',
      (i) => void ((i as { providers: object }).providers = {}),
      /needs repository/,
    ],
    [
      'duplicate names',
      (i) => void i.secrets.push(i.secrets[0]),
      /secrets\.1\.name: is used by another secret/,
    ],
    [
      'provider: true outside supabase',
      (i) => void (secret(i).current = { provider: true }),
      /works for supabase only/,
    ],
    [
      'non-http health URL',
      (i) => void (i.environments.staging.health.url = 'ftp://x'),
      /environments\.staging\.health\.url/,
    ],
  ])('reports %s by key path', (_label, mutate, message) => {
    const inventory = base();
    mutate(inventory);
    expect(() => load(inventory)).toThrow(message);
  });

  it('never echoes values in its errors', () => {
    const inventory = base();
    secret(inventory).name = 'has spaces and a value-like string';
    expect(() => load(inventory)).toThrow(/secrets\.0\.name: use letters/);
    try {
      load(inventory);
    } catch (error) {
      expect((error as Error).message).not.toContain('value-like');
    }
  });

  it('says where it looked when there is no inventory', () => {
    const root = mkdtempSync(join(tmpdir(), 'inventory-'));
    expect(() => loadInventory(root)).toThrow(
      /^--inventory: no inventory found \(looked for \.shipshape\/secrets\.yaml/,
    );
  });
});
