import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { hashSecret } from '../../ledger/index.js';
import { refusingPrompter } from '../apply/checklist.js';
import { selectRotations } from '../engine.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../../../docs/rotate.inventory.example.yaml', import.meta.url),
);
const NOW = new Date('2026-12-03T12:00:00Z');

function select(
  names: string[],
  extra: {
    all?: boolean;
    env?: NodeJS.ProcessEnv;
    root?: string;
    file?: string;
  } = {},
) {
  return selectRotations({
    root: extra.root ?? tmpdir(),
    inventoryFile: extra.file ?? EXAMPLE,
    names,
    all: extra.all,
    env: extra.env ?? {},
    prompter: refusingPrompter(),
    now: () => NOW,
  });
}

describe('rotate plan', () => {
  it('picks flagged and overdue secrets by default', () => {
    const { plans } = select([]);
    expect(plans.map((plan) => [plan.secret, plan.atRisk])).toEqual([
      ['RESEND_API_KEY', 'pasted into a support ticket'],
      ['SUPABASE_DB_URL', 'last rotated 185 days ago (maxAgeDays 90)'],
    ]);
    expect(select([], { all: true }).plans).toHaveLength(4);
  });

  it('counts a ledger entry as the last rotation', () => {
    const root = mkdtempSync(join(tmpdir(), 'plan-'));
    writeFileSync(
      join(root, 'revoked.txt'),
      `${hashSecret('x')} SUPABASE_DB_URL 2026-11-30\n`,
    );
    const inventory = join(root, 'secrets.yaml');
    writeFileSync(
      inventory,
      stringify({
        version: 1,
        maxAgeDays: 90,
        ledger: 'revoked.txt',
        environments: { production: { health: { url: 'https://x.test/h' } } },
        secrets: [
          {
            name: 'SUPABASE_DB_URL',
            provider: 'generated',
            environments: ['production'],
            current: { env: 'X' },
            consumers: [
              { type: 'dotenv', environment: 'production', file: '.env' },
            ],
          },
        ],
      }),
    );
    expect(select([], { root, file: inventory }).plans).toEqual([]);
  });

  it('orders steps staging first and gives each a rollback', () => {
    const [plan] = select(['RESEND_API_KEY']).plans;
    const kinds = plan.steps.map(
      (step) => `${step.kind}${step.environment ? `:${step.environment}` : ''}`,
    );
    expect(kinds).toEqual([
      'create',
      'write:staging',
      'write:staging',
      'redeploy:staging',
      'verify:staging',
      'write:production',
      'write:production',
      'redeploy:production',
      'verify:production',
      'revoke',
      'ledger',
    ]);
    for (const step of plan.steps)
      expect(step.rollback.length).toBeGreaterThan(10);
    expect(
      plan.steps.find((step) => step.id.includes('github'))?.rollback,
    ).toMatch(/held in memory .*never stored on disk/);
    expect(plan.problems).toContain(
      'RESEND_ADMIN_API_KEY is empty: export the resend API token there',
    );
  });

  it('marks manual steps and their downtime, and clears problems once the env is set', () => {
    const env = {
      VERCEL_TOKEN: 't',
      GITHUB_TOKEN: 't',
      VERCEL_DEPLOY_HOOK_PRODUCTION: 'https://hook.test/p',
    };
    const [plan] = select(['SUPABASE_DB_URL'], { env }).plans;
    expect(plan.steps[0]).toMatchObject({ kind: 'create', manual: true });
    expect(plan.steps[0].note).toMatch(/^downtime: /);
    expect(plan.warnings).toContain(
      'no staging environment: production is the first to receive the new value',
    );
    expect(plan.problems).toEqual([]);
  });

  it('keeps the same plan hash for the same steps', () => {
    expect(select(['CRON_SECRET']).plans[0].hash).toBe(
      select(['CRON_SECRET']).plans[0].hash,
    );
    expect(select(['CRON_SECRET']).plans[0].hash).not.toBe(
      select(['RESEND_API_KEY']).plans[0].hash,
    );
  });

  it('names an unknown secret and lists the known ones', () => {
    expect(() => select(['NOPE'])).toThrow(
      /secret "NOPE": not in .*; choose one of RESEND_API_KEY, SUPABASE_SECRET_KEY/,
    );
  });
});
