/**
 * @module delivery/defaults
 * The defaults Knative Serving's mutating webhook writes into a revision template, for the fields our
 * templates use, with a stock install's config-defaults (knative.dev/serving pkg/apis/serving/v1
 * revision_defaults.go, route_defaults.go, configuration_defaults.go; pkg/apis/config/defaults.go):
 * - timeoutSeconds 300 when unset or 0; containerConcurrency 0 when unset;
 * - responseStartTimeoutSeconds / idleTimeoutSeconds only when their defaults are non-zero and below the
 *   timeout (stock: response-start = revision timeout, idle = 0, so neither is set);
 * - a single container gets the name `user-container` when it has none; resources.requests/limits exist;
 * - a readiness probe exists (TCP when no handler), successThreshold 1, and with a periodSeconds:
 *   failureThreshold 3 and timeoutSeconds 1;
 * - enableServiceLinks false, on create only; volume mounts of non-writable volumes become readOnly;
 * - traffic targets get `latestRevision: revisionName == ""` and `percent: 0` when unset.
 * Knative defaults a template only on create or when its name changes: an update that keeps the name is
 * compared (VerifyNameChange) against the stored, defaulted template as sent. So the engine, re-releasing a
 * revision that exists, must send the stored template back rather than re-render it.
 */
import type { Container, KnativeService, Probe, TrafficTarget } from './knative-types.ts';

type Template = KnativeService['spec']['template'];

export const DEFAULT_TIMEOUT_SECONDS = 300;
export const DEFAULT_USER_CONTAINER = 'user-container';

function probeDefaults(probe: Probe): Probe {
  const next: Probe = { ...probe };
  if (!next.tcpSocket && !next.httpGet && !next.exec && !next.grpc) next.tcpSocket = {};
  if (!next.successThreshold) next.successThreshold = 1;
  if (next.periodSeconds) {
    if (!next.failureThreshold) next.failureThreshold = 3;
    if (!next.timeoutSeconds) next.timeoutSeconds = 1;
  }
  return next;
}

/** A copy of `template` as Knative's webhook stores it. */
export function defaultTemplate(template: Template, { inCreate }: { inCreate: boolean }): Template {
  const next = structuredClone(template);
  const spec = next.spec;
  if (!spec.timeoutSeconds) spec.timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (spec.containerConcurrency === undefined) spec.containerConcurrency = 0;
  const writable = new Set(
    ((spec.volumes as Array<Record<string, unknown>> | undefined) ?? [])
      .filter((v) => v.emptyDir || v.persistentVolumeClaim || v.ephemeral)
      .map((v) => String(v.name)),
  );
  const containers: Container[] = spec.containers ?? [];
  for (const container of containers) {
    if (!container.name && containers.length === 1) container.name = DEFAULT_USER_CONTAINER;
    const resources = (container.resources ?? {}) as { requests?: object; limits?: object };
    container.resources = {
      ...resources,
      requests: resources.requests ?? {},
      limits: resources.limits ?? {},
    };
    if (containers.length === 1 || (container.ports ?? []).length > 0) {
      container.readinessProbe = probeDefaults(container.readinessProbe ?? {});
    }
    if (inCreate && spec.enableServiceLinks === undefined) spec.enableServiceLinks = false;
    for (const mount of container.volumeMounts ?? []) {
      if (!writable.has(mount.name)) mount.readOnly = true;
    }
  }
  return next;
}

export function defaultTraffic(traffic: TrafficTarget[]): TrafficTarget[] {
  return traffic.map((t) => ({
    ...t,
    latestRevision: t.latestRevision ?? !t.revisionName,
    percent: t.percent ?? 0,
  }));
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * True when `rendered` is what `stored` was made from: equal once Knative's defaults are applied to the
 * rendered one (create-only defaults counted either way, since the stored one may come from a create).
 */
export function sameTemplate(stored: Template, rendered: Template): boolean {
  const want = canonical(stored);
  return (
    canonical(defaultTemplate(rendered, { inCreate: false })) === want ||
    canonical(defaultTemplate(rendered, { inCreate: true })) === want ||
    canonical(rendered) === want
  );
}
