import { describe, expect, it } from 'vitest';
import { findingsOf, formatGate, gate, parseAllowList } from './audit.ts';

/** The shape `npm audit --json` (npm 7 and later) prints, trimmed to what the gate reads. */
const report = {
  auditReportVersion: 2,
  vulnerabilities: {
    'left-pad': {
      name: 'left-pad',
      severity: 'high',
      via: [
        {
          source: 1001,
          name: 'left-pad',
          title: 'Prototype pollution',
          url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
          severity: 'high',
          range: '<1.3.1',
        },
      ],
    },
    'uses-left-pad': { name: 'uses-left-pad', severity: 'high', via: ['left-pad'] },
    'tiny-lib': {
      name: 'tiny-lib',
      severity: 'low',
      via: [
        {
          source: 1002,
          name: 'tiny-lib',
          title: 'Verbose errors',
          url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff',
          severity: 'low',
        },
      ],
    },
    'mid-lib': {
      name: 'mid-lib',
      severity: 'moderate',
      via: [
        {
          source: 1003,
          name: 'mid-lib',
          title: 'ReDoS',
          url: 'https://github.com/advisories/GHSA-gggg-hhhh-jjjj',
          severity: 'moderate',
        },
      ],
    },
  },
};
const none = parseAllowList({ advisories: [] });

describe('audit gate', () => {
  it('fails on moderate and above, once per advisory, and ignores low', () => {
    const result = gate(findingsOf(report), none, '2026-11-26');
    expect(result.failing.map((f) => f.id).sort()).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-gggg-hhhh-jjjj']);
    expect(formatGate(result)).toMatch(/^2 advisory\(ies\) at moderate or above not accepted/);
  });

  it('accepts an allow-listed advisory until its expiry, for the named package only', () => {
    const allow = parseAllowList({
      advisories: [
        {
          id: 'GHSA-gggg-hhhh-jjjj',
          package: 'mid-lib',
          reason: 'not reachable: we never pass user input to it',
          expires: '2027-01-31',
        },
      ],
    });
    expect(gate(findingsOf(report), allow, '2026-11-26').accepted.map((f) => f.id)).toEqual([
      'GHSA-gggg-hhhh-jjjj',
    ]);
    const expired = gate(findingsOf(report), allow, '2027-02-01');
    expect(expired.failing.map((f) => f.id)).toContain('GHSA-gggg-hhhh-jjjj');
    expect(expired.stale).toEqual(['GHSA-gggg-hhhh-jjjj expired on 2027-01-31']);
    const otherPackage = parseAllowList({
      advisories: [{ ...allow.advisories[0], package: 'other' } as never],
    });
    expect(gate(findingsOf(report), otherPackage, '2026-11-26').failing).toHaveLength(2);
  });

  it('refuses an allow-list entry without a reason or a date, and a report that is an npm error', () => {
    expect(() =>
      parseAllowList({
        advisories: [{ id: 'GHSA-gggg-hhhh-jjjj', package: 'x', reason: 'ok', expires: '2027-01-01' }],
      }),
    ).toThrow(/say why/);
    expect(() =>
      parseAllowList({
        advisories: [{ id: 'CVE-1', package: 'x', reason: 'a long enough reason', expires: 'soon' }],
      }),
    ).toThrow();
    expect(() => findingsOf({ error: { code: 'E405', summary: 'audit endpoint refused' } })).toThrow(
      /npm audit did not run: audit endpoint refused/,
    );
  });

  it('passes a clean report', () => {
    expect(gate(findingsOf({ vulnerabilities: {} }), none, '2026-11-26').failing).toEqual([]);
  });
});
