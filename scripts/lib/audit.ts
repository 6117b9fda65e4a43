/**
 * The audit gate: reads `npm audit --json` and fails on any advisory of moderate severity or worse that the
 * allow-list does not accept. An accepted advisory names its GHSA id, why it is accepted and until when;
 * after that date it fails again, so an acceptance cannot be forgotten.
 */
import { z } from 'zod';

export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

const allowListSchema = z.object({
  advisories: z.array(
    z.object({
      id: z.string().regex(/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/, 'expected a GHSA id'),
      package: z.string().min(1),
      reason: z.string().min(10, 'say why the advisory is accepted'),
      expires: z.iso.date(),
    }),
  ),
});
export type AllowList = z.infer<typeof allowListSchema>;

const viaSchema = z.union([
  z.string(),
  z.object({
    source: z.union([z.number(), z.string()]).optional(),
    name: z.string(),
    title: z.string().default(''),
    url: z.string().default(''),
    severity: z.enum(SEVERITIES),
  }),
]);
const reportSchema = z.object({
  vulnerabilities: z.record(z.string(), z.object({ via: z.array(viaSchema) })).default({}),
});

export interface Finding {
  id: string;
  package: string;
  severity: Severity;
  title: string;
  url: string;
}

export interface GateResult {
  failing: Finding[];
  accepted: Finding[];
  /** Allow-list entries past their date or matching nothing: worth cleaning up, not failing on. */
  stale: string[];
}

export function parseAllowList(json: unknown): AllowList {
  return allowListSchema.parse(json);
}

/** The advisories in a report, once each; npm repeats one advisory under every package that pulls it in. */
export function findingsOf(json: unknown): Finding[] {
  if (json && typeof json === 'object' && 'error' in json) {
    const error = (json as { error: { summary?: string } }).error;
    throw new Error(`npm audit did not run: ${error.summary ?? JSON.stringify(error)}`);
  }
  const report = reportSchema.parse(json);
  const byId = new Map<string, Finding>();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via) {
      if (typeof via === 'string') continue; // a pointer to another package's entry
      const id = /GHSA(-[a-z0-9]{4}){3}/i.exec(via.url)?.[0] ?? `npm-${via.source ?? via.name}`;
      byId.set(id, { id, package: via.name, severity: via.severity, title: via.title, url: via.url });
    }
  }
  return [...byId.values()];
}

export function gate(
  findings: Finding[],
  allowList: AllowList,
  today: string,
  minimum: Severity = 'moderate',
) {
  const floor = SEVERITIES.indexOf(minimum);
  const live = new Map(allowList.advisories.filter((a) => a.expires >= today).map((a) => [a.id, a]));
  const result: GateResult = { failing: [], accepted: [], stale: [] };
  for (const finding of findings) {
    if (SEVERITIES.indexOf(finding.severity) < floor) continue;
    const entry = live.get(finding.id);
    if (entry && entry.package === finding.package) result.accepted.push(finding);
    else result.failing.push(finding);
  }
  const seen = new Set(findings.map((f) => f.id));
  for (const entry of allowList.advisories) {
    if (entry.expires < today) result.stale.push(`${entry.id} expired on ${entry.expires}`);
    else if (!seen.has(entry.id)) result.stale.push(`${entry.id} no longer reported`);
  }
  return result;
}

export function formatGate(result: GateResult): string {
  const line = (f: Finding) => `  ${f.severity.padEnd(8)} ${f.package}  ${f.id}  ${f.title}`;
  const parts = [
    `${result.failing.length} advisory(ies) at moderate or above not accepted, ${result.accepted.length} accepted`,
  ];
  if (result.failing.length) parts.push('failing:', ...result.failing.map(line));
  if (result.accepted.length) parts.push('accepted by audit-allowlist.json:', ...result.accepted.map(line));
  if (result.stale.length) parts.push('allow-list entries to review:', ...result.stale.map((s) => `  ${s}`));
  return parts.join('\n');
}
