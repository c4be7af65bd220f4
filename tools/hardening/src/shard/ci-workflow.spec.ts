import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const WORKFLOW = '.github/workflows/ci.yml';

/** Schema errors as GitHub would report them when the workflow is pushed. */
async function validate(content: string): Promise<string[]> {
  const parsed = parseWorkflow(
    { name: WORKFLOW, content },
    new NoOperationTraceWriter(),
  );
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || !parsed.value) return errors;
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return (template.errors ?? []).map((e) => e.Message);
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { steps: Step[]; if?: string; strategy?: { matrix: unknown } };

describe('.github/workflows/ci.yml', () => {
  const content = readFileSync(join(ROOT, WORKFLOW), 'utf8');
  const workflow = parse(content) as {
    env: Record<string, string>;
    jobs: Record<string, Job>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const runs = steps.map((step) => step.run ?? '').join('\n');

  it('passes the GitHub Actions workflow schema', async () => {
    expect(await validate(content)).toEqual([]);
  });

  it('is checked by a validator that rejects a broken workflow', async () => {
    const broken = content.replace(
      'runs-on: ubuntu-latest',
      'runs_on: ubuntu-latest',
    );
    const expression = content.replace(
      '${{ !cancelled() }}',
      '${{ !cancelled( }}',
    );
    expect(await validate(broken)).not.toEqual([]);
    expect(await validate(expression)).not.toEqual([]);
  });

  it('checks out full history and sets up the pinned Node and pnpm', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const pnpmVersion = String(pkg.packageManager).replace('pnpm@', '');
    for (const job of Object.values(workflow.jobs)) {
      const checkout = job.steps.find((s) =>
        s.uses?.startsWith('actions/checkout@'),
      );
      expect(checkout).toBeDefined();
      const pnpm = job.steps.find((s) =>
        s.uses?.startsWith('pnpm/action-setup@'),
      );
      expect(pnpm?.with?.['version']).toBe(pnpmVersion);
      const node = job.steps.find((s) =>
        s.uses?.startsWith('actions/setup-node@'),
      );
      expect(node?.with).toMatchObject({ 'node-version': 20, cache: 'pnpm' });
    }
    for (const name of ['plan', 'affected', 'shard']) {
      const checkout = workflow.jobs[name]?.steps.find((s) =>
        s.uses?.startsWith('actions/checkout@'),
      );
      expect(checkout?.with?.['fetch-depth']).toBe(0);
    }
  });

  it('caches .nx/cache and runs Nx without the daemon', () => {
    expect(workflow.env['NX_DAEMON']).toBe('false');
    expect(workflow.env['NX_CACHE_DIRECTORY']).toBe('.nx/cache');
    const caches = steps.filter((s) => s.uses?.startsWith('actions/cache@'));
    expect(caches.length).toBeGreaterThan(0);
    for (const cache of caches) expect(cache.with?.['path']).toBe('.nx/cache');
    expect(steps.some((s) => s.uses?.startsWith('nrwl/nx-set-shas@'))).toBe(
      true,
    );
  });

  it('runs the affected checks, then audit, hygiene and drift', () => {
    const lint = runs.indexOf('pnpm nx affected -t lint test scan');
    const harden = runs.indexOf('pnpm nx affected -t audit hygiene drift');
    expect(lint).toBeGreaterThan(-1);
    expect(harden).toBeGreaterThan(lint);
    expect(workflow.env['TARGETS']).toBe('lint test scan audit hygiene drift');
  });

  it('shards the affected projects and merges the reports into one SARIF', () => {
    expect(runs).toContain(
      'pnpm nx show projects --affected -t $TARGETS --json',
    );
    expect(runs).toContain('shipshape shard --total');
    expect(workflow.jobs['shard']?.strategy?.matrix).toBe(
      '${{ fromJSON(needs.plan.outputs.matrix) }}',
    );
    expect(runs).toContain('--projects="${{ matrix.projects }}"');
    expect(runs).toContain('shipshape merge-reports');
    const uploads = steps.filter((s) =>
      s.uses?.startsWith('github/codeql-action/upload-sarif@'),
    );
    expect(uploads).toHaveLength(1);
  });

  it('gives the read-write cache token to protected-branch pushes only', () => {
    const token = workflow.env['NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN'];
    expect(token).toMatch(
      /github\.event_name == 'push' && github\.ref_protected && secrets\.NX_CACHE_TOKEN_READ_WRITE \|\| secrets\.NX_CACHE_TOKEN_READ_ONLY/,
    );
    expect(content.match(/NX_CACHE_TOKEN_READ_WRITE/g)).toHaveLength(1);
  });
});
