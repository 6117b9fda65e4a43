/**
 * The triage files the pipeline's gates read: every accepted npm advisory and every ignored Trivy finding
 * says why and expires, so an acceptance cannot outlive its review.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingsOf, gate, parseAllowList } from '../../scripts/lib/audit.ts';

const MAX_DAYS = 180;
const days = (from: Date, to: string) => (Date.parse(to) - from.getTime()) / 86_400_000;

/** Entries of a .trivyignore: an id, then `exp:YYYY-MM-DD` (Trivy's own syntax), with a comment above. */
function trivyIgnoreProblems(text: string, today: Date): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [id, ...rest] = line.split(/\s+/);
    const exp = rest.find((part) => part.startsWith('exp:'))?.slice(4);
    if (!exp || !/^\d{4}-\d{2}-\d{2}$/.test(exp)) problems.push(`${id}: no exp:YYYY-MM-DD`);
    else if (days(today, exp) > MAX_DAYS) problems.push(`${id}: expires more than ${MAX_DAYS} days out`);
    if (!lines[i - 1]?.trim().startsWith('#')) problems.push(`${id}: no comment saying why`);
  }
  return problems;
}

describe('triage files', () => {
  it('.trivyignore: every entry expires within 180 days and says why', () => {
    expect(trivyIgnoreProblems(readFileSync('.trivyignore', 'utf8'), new Date())).toEqual([]);
  });

  it('the .trivyignore rule catches an entry without a date, a far date or a reason', () => {
    const today = new Date('2026-11-29T00:00:00Z');
    expect(
      trivyIgnoreProblems(
        '# ok\nCVE-2026-0001 exp:2027-01-31\nCVE-2026-0002\n# far\nCVE-2026-0003 exp:2030-01-01\n',
        today,
      ),
    ).toEqual([
      'CVE-2026-0002: no exp:YYYY-MM-DD',
      'CVE-2026-0002: no comment saying why',
      'CVE-2026-0003: expires more than 180 days out',
    ]);
  });

  it('audit-allowlist.json accepts the esbuild 0.18 advisory reached through drizzle-kit, dated, and nothing else', () => {
    const list = parseAllowList(JSON.parse(readFileSync('audit-allowlist.json', 'utf8')));
    expect(list.advisories.map((a) => [a.id, a.package])).toEqual([['GHSA-67mh-4wv8-2f99', 'esbuild']]);
    for (const entry of list.advisories) {
      expect(days(new Date(), entry.expires)).toBeLessThanOrEqual(MAX_DAYS);
      expect(entry.reason).toMatch(/drizzle-kit/);
    }
    // What npm audit reports for it (the report's shape, as the audit endpoint could not be reached here).
    const report = {
      vulnerabilities: {
        esbuild: {
          via: [
            {
              source: 1102341,
              name: 'esbuild',
              title: 'esbuild enables any website to send any requests to the development server',
              url: 'https://github.com/advisories/GHSA-67mh-4wv8-2f99',
              severity: 'moderate',
            },
          ],
        },
        'drizzle-kit': { via: ['@esbuild-kit/esm-loader'] },
      },
    };
    const result = gate(findingsOf(report), list, '2026-11-29');
    expect(result.failing).toEqual([]);
    expect(result.accepted.map((f) => f.id)).toEqual(['GHSA-67mh-4wv8-2f99']);
  });
});
