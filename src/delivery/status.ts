/**
 * @module delivery/status
 * `rollout status`: what an operator needs at a glance — readiness and why not, which revision serves
 * what share under which tag and URL, and every revision with its own readiness.
 */
import { condition, type KnativeService, type Revision } from './knative-types.ts';
import { failedRevision, previousRevision, readControl, readLease, readRelease } from './rollout-state.ts';

/** The engine's own state on the Service: who rolls out, what was asked of it, what failed, what was before. */
function rolloutLines(service: KnativeService, now: number): string[] {
  const lines: string[] = [];
  const lease = readLease(service);
  if (lease) {
    const age = Math.round((now - lease.renewTime) / 1000);
    lines.push(
      now < lease.renewTime + lease.leaseSeconds * 1000
        ? `rollout in progress: ${lease.action} by ${lease.holder} (lease renewed ${age} s ago)`
        : `stale lease: ${lease.action} by ${lease.holder}, not renewed for ${age} s (free to take)`,
    );
  }
  const control = readControl(service);
  if (control) lines.push(`operator asked: ${control}`);
  const release = readRelease(service);
  if (release) lines.push(`release: ${release.stable} → ${release.candidate} (${release.strategy.kind})`);
  const failed = failedRevision(service);
  if (failed) lines.push(`failed: ${failed.revision}: ${failed.reason} (promote refuses it without --force)`);
  const previous = previousRevision(service);
  if (previous) lines.push(`previous: ${previous} (\`rollback\` target)`);
  return lines.length ? ['', ...lines] : [];
}

export function formatStatus(service: KnativeService, revisions: Revision[], now = Date.now()): string {
  const status = service.status ?? {};
  const lines = [
    `service ${service.metadata.namespace}/${service.metadata.name}  generation ${service.metadata.generation ?? '?'} (observed ${status.observedGeneration ?? '?'})`,
    `url ${status.url ?? 'none yet'}`,
  ];
  for (const c of status.conditions ?? []) {
    lines.push(
      `  ${c.type.padEnd(20)} ${c.status}${c.reason ? `  ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`,
    );
  }
  lines.push(
    `latest created ${status.latestCreatedRevisionName ?? 'none'}, latest ready ${status.latestReadyRevisionName ?? 'none'}`,
    '',
    'traffic (programmed):',
  );
  for (const t of status.traffic ?? []) {
    lines.push(
      `  ${String(t.percent ?? 0).padStart(3)} %  ${(t.revisionName ?? 'latest').padEnd(40)} ${t.tag ?? ''}${t.url ? `  ${t.url}` : ''}`,
    );
  }
  const pending =
    JSON.stringify(service.spec.traffic ?? []) !==
    JSON.stringify((status.traffic ?? []).map(({ url: _url, ...t }) => t));
  if (pending) {
    lines.push('traffic (requested):');
    for (const t of service.spec.traffic ?? []) {
      lines.push(
        `  ${String(t.percent ?? 0).padStart(3)} %  ${(t.revisionName ?? 'latest').padEnd(40)} ${t.tag ?? ''}`,
      );
    }
  }
  lines.push(...rolloutLines(service, now));
  lines.push('', 'revisions:');
  const sorted = [...revisions].sort((a, b) =>
    (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''),
  );
  for (const r of sorted) {
    const ready = condition(r);
    const image = (r.spec as { containers?: Array<{ image?: string }> }).containers?.[0]?.image ?? '';
    lines.push(
      `  ${(r.metadata.name ?? '').padEnd(40)} Ready=${ready?.status ?? 'Unknown'}${ready?.reason ? ` (${ready.reason})` : ''}  ${image}`,
    );
  }
  return lines.join('\n');
}
