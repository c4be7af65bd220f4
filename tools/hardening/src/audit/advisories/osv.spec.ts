import { fixFromRange } from './bulk.js';
import { advisoryFromOsv, isOsvRecord, type OsvRecord } from './osv.js';
import { cvss3BaseScore } from './severity.js';

function record(
  affected: NonNullable<OsvRecord['affected']>[number]['ranges'],
  versions?: string[],
): OsvRecord {
  return {
    id: 'GHSA-aaaa-bbbb-cccc',
    aliases: ['CVE-2026-0001'],
    summary: 'test',
    database_specific: { severity: 'MODERATE' },
    affected: [
      {
        package: { ecosystem: 'npm', name: 'pkg' },
        ranges: affected,
        versions,
      },
    ],
  };
}

const events = (...list: Array<Record<string, string>>) => [
  { type: 'SEMVER', events: list },
];

describe('OSV matching', () => {
  it.each([
    // [events, version, affected, fix]
    [events({ introduced: '0' }, { fixed: '1.2.6' }), '1.2.5', true, '1.2.6'],
    [
      events({ introduced: '0' }, { fixed: '1.2.6' }),
      '1.2.6',
      false,
      undefined,
    ],
    [events({ introduced: '0' }, { fixed: '1.2.6' }), '0.0.1', true, '1.2.6'],
    [
      events({ introduced: '1.0.0' }, { fixed: '1.2.6' }),
      '0.9.0',
      false,
      undefined,
    ],
    [
      events({ introduced: '1.0.0' }, { last_affected: '1.2.5' }),
      '1.2.5',
      true,
      undefined,
    ],
    [
      events({ introduced: '1.0.0' }, { last_affected: '1.2.5' }),
      '1.2.6',
      false,
      undefined,
    ],
    [events({ introduced: '1.0.0' }), '99.0.0', true, undefined],
    [
      events({ introduced: '1.0.0' }, { limit: '2.0.0' }),
      '2.0.0',
      false,
      undefined,
    ],
    [
      events({ introduced: '1.0.0' }, { limit: '2.0.0' }),
      '1.9.9',
      true,
      undefined,
    ],
    [
      events(
        { introduced: '0' },
        { fixed: '1.0.0' },
        { introduced: '2.0.0' },
        { fixed: '2.3.0' },
      ),
      '1.5.0',
      false,
      undefined,
    ],
    [
      events(
        { introduced: '0' },
        { fixed: '1.0.0' },
        { introduced: '2.0.0' },
        { fixed: '2.3.0' },
      ),
      '2.1.0',
      true,
      '2.3.0',
    ],
    // events out of order are sorted first
    [
      events({ fixed: '2.3.0' }, { introduced: '2.0.0' }),
      '2.2.0',
      true,
      '2.3.0',
    ],
    // prereleases sort below their release
    [
      events({ introduced: '0' }, { fixed: '3.0.0' }),
      '3.0.0-rc.1',
      true,
      '3.0.0',
    ],
  ])('%j at %s: affected %s, fix %s', (ranges, version, affected, fix) => {
    const advisory = advisoryFromOsv(record(ranges), 'pkg');
    expect(advisory.affects(version)).toBe(affected);
    expect(advisory.fixedVersion(version)).toBe(fix);
  });

  it('matches explicit version lists, including non-semver versions', () => {
    const advisory = advisoryFromOsv(
      record(undefined, ['1.3.0', 'git-abc']),
      'pkg',
    );
    expect(advisory.affects('1.3.0')).toBe(true);
    expect(advisory.affects('git-abc')).toBe(true);
    expect(advisory.affects('1.3.1')).toBe(false);
  });

  it('only reads the npm package asked about', () => {
    const osv: OsvRecord = {
      id: 'GHSA-aaaa-bbbb-cccc',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'pkg' },
          ranges: events({ introduced: '0' }),
        },
        {
          package: { ecosystem: 'npm', name: 'other' },
          ranges: events({ introduced: '0' }),
        },
      ],
    };
    expect(advisoryFromOsv(osv, 'pkg').affects('1.0.0')).toBe(false);
  });

  it('prefers the GHSA id and keeps the others as aliases', () => {
    const advisory = advisoryFromOsv(
      {
        ...record(events({ introduced: '0' })),
        id: 'CVE-2026-0001',
        aliases: ['GHSA-aaaa-bbbb-cccc'],
      },
      'pkg',
    );
    expect(advisory.id).toBe('GHSA-aaaa-bbbb-cccc');
    expect(advisory.aliases).toEqual(['CVE-2026-0001']);
    expect(advisory.url).toBe(
      'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
    );
  });

  it.each([
    [{ database_specific: { severity: 'MODERATE' } }, 'medium', 'advisory'],
    [
      {
        severity: [
          {
            type: 'CVSS_V3',
            score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          },
        ],
      },
      'critical',
      'cvss',
    ],
    [
      {
        severity: [
          {
            type: 'CVSS_V3',
            score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
          },
        ],
      },
      'medium',
      'cvss',
    ],
    [{ id: 'MAL-2026-1' }, 'critical', 'malware'],
    [{}, 'high', 'assumed'],
  ])('severity from %j is %s (%s)', (extra, severity, source) => {
    const base: OsvRecord = {
      id: 'OSV-1',
      affected: [{ package: { ecosystem: 'npm', name: 'pkg' } }],
    };
    const advisory = advisoryFromOsv({ ...base, ...extra } as OsvRecord, 'pkg');
    expect(advisory.severity).toBe(severity);
    expect(advisory.severitySource).toBe(source);
  });
});

describe('cvss3BaseScore', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 5.3],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      undefined,
    ],
    ['CVSS:3.1/AV:X', undefined],
  ])('%s scores %s', (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });
});

describe('fixFromRange (npm bulk answers)', () => {
  it.each([
    ['<1.2.6', '1.2.5', '1.2.6'],
    ['>=1.0.0 <1.2.6 || <0.2.4', '1.0.1', '1.2.6'],
    ['>=1.0.0 <1.2.6 || <0.2.4', '0.1.0', '0.2.4'],
    ['<=1.2.5', '1.2.5', undefined],
    ['*', '1.0.0', undefined],
    ['not a range', '1.0.0', undefined],
  ])('%s at %s: fix %s', (range, version, fix) => {
    expect(fixFromRange(range, version)).toBe(fix);
  });
});

describe('isOsvRecord', () => {
  it.each([
    [{ id: 'X' }, true],
    [
      {
        id: 'X',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'a' },
            ranges: [{ events: [{ introduced: '0' }] }],
          },
        ],
      },
      true,
    ],
    [{ id: 1 }, false],
    [{ id: 'X', aliases: 'CVE-1' }, false],
    [{ id: 'X', affected: {} }, false],
    [{ id: 'X', affected: [{ ranges: {} }] }, false],
    [{ id: 'X', affected: [{ ranges: [{ events: 'x' }] }] }, false],
    [{ id: 'X', affected: [{ versions: [1] }] }, false],
    [[], false],
    [null, false],
  ])('%j -> %s', (value, ok) => {
    expect(isOsvRecord(value)).toBe(ok);
  });
});
