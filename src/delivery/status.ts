/**
 * @module delivery/status
 * `rollout status`: what an operator needs at a glance — readiness and why not, which revision serves
 * what share under which tag and URL, and every revision with its own readiness.
 */
import { condition, type KnativeService, type Revision } from './knative-types.ts';

export function formatStatus(service: KnativeService, revisions: Revision[]): string {
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
