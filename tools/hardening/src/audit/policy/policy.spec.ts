import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShipshapeError } from '../../errors.js';
import {
  FIXTURES,
  materialise,
  WORKSPACE_FORMATS,
} from '../__fixtures__/helpers.js';
import { runAudit } from '../run.js';

const NOW = new Date('2026-06-01T12:00:00Z');

function withConfig(audit: unknown): string {
  const root = materialise(WORKSPACE_FORMATS.pnpm.dir);
  writeFileSync(
    join(root, 'shipshape.config.json'),
    JSON.stringify({ audit }, null, 2),
  );
  return root;
}

const run = (root: string) =>
  runAudit({ root, advisories: join(FIXTURES, 'osv'), now: NOW });
const minimist = {
  id: 'CVE-2021-44906',
  reason: 'CLI args are never user input here',
  expires: '2026-12-31',
};

describe('audit policy', () => {
  it('an allowlisted advisory is shown, suppressed, and no longer gates', async () => {
    const root = withConfig({ level: 'medium', allowlist: [minimist] });
    const result = await run(root);
    const finding = result.report.findings.find(
      (item) => item.properties?.package === 'minimist',
    );
    expect(finding?.suppressed).toEqual({
      kind: 'allowlist',
      reason: 'CLI args are never user input here (until 2026-12-31)',
    });
    // ms (medium, prod) still gates; left-pad is low, below the configured level.
    expect(
      result.report.findings
        .filter((item) => !item.suppressed)
        .map((item) => item.properties?.package),
    ).toEqual(['ms']);
  });

  it('matches by alias, package and path; a mismatch does not suppress', async () => {
    const root = withConfig({
      level: 'critical',
      allowlist: [
        {
          ...minimist,
          id: 'GHSA-xvch-5gv4-984h',
          package: 'minimist@1.2.5',
          path: 'packages/app > packages/lib > minimist',
        },
      ],
    });
    const result = await run(root);
    expect(result.verdict).toBe('pass');
    const wrongPath = withConfig({
      level: 'critical',
      allowlist: [{ ...minimist, path: 'packages/app > debug' }],
    });
    expect((await run(wrongPath)).verdict).toBe('findings');
    const wrongPackage = withConfig({
      level: 'critical',
      allowlist: [{ ...minimist, package: 'left-pad' }],
    });
    expect((await run(wrongPackage)).verdict).toBe('findings');
  });

  it('an expired entry fails the run and suppresses nothing', async () => {
    const root = withConfig({
      level: 'critical',
      allowlist: [{ ...minimist, expires: '2026-05-31' }],
    });
    const result = await run(root);
    expect(result.verdict).toBe('findings');
    const rules = result.report.findings
      .filter((item) => !item.suppressed)
      .map((item) => item.ruleId);
    expect(rules.sort()).toEqual([
      'audit/allowlist-expired',
      'audit/vulnerable-dependency',
    ]);
    const expired = result.report.findings.find(
      (item) => item.ruleId === 'audit/allowlist-expired',
    );
    expect(expired?.location.file).toBe('shipshape.config.json');
    expect(expired?.message).toMatch(
      /expired on 2026-05-31 \(the advisory still applies\)/,
    );
  });

  it('an entry expiring today still holds', async () => {
    const root = withConfig({
      level: 'critical',
      allowlist: [{ ...minimist, expires: '2026-06-01' }],
    });
    expect((await run(root)).verdict).toBe('pass');
  });

  it('an unused entry warns', async () => {
    const root = withConfig({
      allowlist: [
        { id: 'GHSA-0000-0000-0000', reason: 'old', expires: '2027-01-01' },
      ],
    });
    const result = await run(root);
    expect(result.report.warnings).toContainEqual({
      code: 'AUDIT_ALLOWLIST_UNUSED',
      message: expect.stringContaining(
        'allowlist entry GHSA-0000-0000-0000 matches nothing',
      ),
    });
  });

  it('gateDev makes dev findings gate', async () => {
    const root = withConfig({ gateDev: true, level: 'high' });
    const gating = (await run(root)).report.findings.filter(
      (item) => !item.suppressed,
    );
    expect(gating.map((item) => item.properties?.package)).toEqual([
      'kind-of',
      'minimist',
    ]);
  });

  it.each([
    [
      { allowlist: [{ id: 'GHSA-1', expires: '2027-01-01' }] },
      /audit\.allowlist\.0\.reason/,
    ],
    [
      { allowlist: [{ id: 'GHSA-1', reason: 'x' }] },
      /audit\.allowlist\.0\.expires/,
    ],
    [
      { allowlist: [{ id: 'GHSA-1', reason: 'x', expires: 'next year' }] },
      /use a date as YYYY-MM-DD/,
    ],
    [
      { allowlist: [{ id: 'GHSA-1', reason: 'x', expires: '2027-02-30x' }] },
      /audit\.allowlist\.0\.expires/,
    ],
    [
      {
        allowlist: [
          { id: 'GHSA-1', reason: 'x', expires: '2027-01-01', until: 'x' },
        ],
      },
      /audit\.allowlist\.0/,
    ],
    [{ allowlist: { id: 'GHSA-1' } }, /audit\.allowlist/],
    [{ level: 'severe' }, /audit\.level/],
    [{ maxSnapshotAgeDays: -1 }, /audit\.maxSnapshotAgeDays/],
  ])(
    'a malformed config %j is an error (exit 2), never ignored',
    async (config, message) => {
      const root = withConfig(config);
      const error = await run(root).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ShipshapeError);
      expect((error as ShipshapeError).code).toBe('BAD_CONFIG');
      expect((error as Error).message).toMatch(message);
    },
  );
});
