/**
 * @module delivery/admission
 * The admission rules Knative Serving's webhook applies to a Service that matter for us, re-implemented so
 * manifests and every update the traffic engine makes are checked without a cluster (the CRD's OpenAPI
 * schema accepts almost anything). Each error names the field path, as Knative's FieldError does.
 * Sources: knative.dev/serving pkg/apis/serving (k8s_validation.go, v1/*_validation.go) and the autoscaling
 * annotation validation, with the defaults of a stock install (max-revision-timeout-seconds 600, no
 * field-ref or multi-container feature flags needed).
 */
import { posix } from 'node:path';
import type { Container, KnativeService, TrafficTarget } from './knative-types.ts';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * Ports queue-proxy, the autoscaler and the profiler use inside every pod (k8s_validation.go reservedPorts:
 * BackendHTTPPort, BackendHTTP2Port, QueueAdminPort, AutoscalingQueueMetricsPort, UserQueueMetricsPort,
 * ProfilingDefaultPort).
 */
export const RESERVED_PORTS = [8012, 8013, 8022, 9090, 9091, 8008] as const;
/** Variables Knative sets itself. */
export const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_CONFIGURATION', 'K_REVISION'] as const;
/** k8s_validation.go reservedPaths, compared after path.Clean: `/tmp` and `/var` are free (an emptyDir at `/tmp`). */
export const RESERVED_MOUNT_PATHS = ['/', '/dev', '/dev/log'] as const;
const MAX_REVISION_TIMEOUT_SECONDS = 600;
const MAX_CONTAINER_CONCURRENCY = 1000;

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function dnsLabelErrors(path: string, value: string | undefined): FieldError[] {
  if (!value) return [{ path, message: 'missing field' }];
  if (value.length > 63)
    return [{ path, message: `must be no more than 63 characters (got ${value.length})` }];
  if (!DNS1035_LABEL.test(value)) {
    return [{ path, message: `"${value}" is not a DNS-1035 label (lower case letters, digits, -)` }];
  }
  return [];
}

function containerErrors(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!container.image) errors.push({ path: `${path}.image`, message: 'missing field' });
  const ports = container.ports ?? [];
  if (ports.length > 1) {
    errors.push({ path: `${path}.ports`, message: `more than one container port is set (${ports.length})` });
  }
  const port = ports[0];
  if (port) {
    if (!Number.isInteger(port.containerPort) || port.containerPort < 1 || port.containerPort > 65535) {
      errors.push({ path: `${path}.ports[0].containerPort`, message: 'expected 1..65535' });
    }
    if ((RESERVED_PORTS as readonly number[]).includes(port.containerPort)) {
      errors.push({
        path: `${path}.ports[0].containerPort`,
        message: `port ${port.containerPort} is reserved`,
      });
    }
    if (port.name !== undefined && !['', 'http1', 'h2c'].includes(port.name)) {
      errors.push({ path: `${path}.ports[0].name`, message: `"${port.name}" must be "http1" or "h2c"` });
    }
    if (port.protocol !== undefined && port.protocol !== 'TCP') {
      errors.push({ path: `${path}.ports[0].protocol`, message: 'only TCP is supported' });
    }
  }
  const seen = new Set<string>();
  for (const [i, variable] of (container.env ?? []).entries()) {
    const at = `${path}.env[${i}]`;
    if (!ENV_NAME.test(variable.name))
      errors.push({ path: `${at}.name`, message: 'not a valid variable name' });
    if ((RESERVED_ENV as readonly string[]).includes(variable.name)) {
      errors.push({ path: `${at}.name`, message: `${variable.name} is a reserved environment variable` });
    }
    if (seen.has(variable.name)) errors.push({ path: `${at}.name`, message: `duplicate ${variable.name}` });
    seen.add(variable.name);
    const from = variable.valueFrom ?? {};
    for (const gated of ['fieldRef', 'resourceFieldRef']) {
      if (gated in from) {
        errors.push({ path: `${at}.valueFrom.${gated}`, message: `${gated} needs a Knative feature flag` });
      }
    }
    if (variable.value !== undefined && variable.valueFrom !== undefined) {
      errors.push({ path: at, message: 'expected exactly one of value and valueFrom' });
    }
  }
  for (const [i, mount] of (container.volumeMounts ?? []).entries()) {
    if (
      (RESERVED_MOUNT_PATHS as readonly string[]).includes(
        posix.normalize(mount.mountPath).replace(/(.)\/+$/, '$1'),
      )
    ) {
      errors.push({
        path: `${path}.volumeMounts[${i}].mountPath`,
        message: `${mount.mountPath} is reserved`,
      });
    }
    if (!mount.mountPath.startsWith('/')) {
      errors.push({ path: `${path}.volumeMounts[${i}].mountPath`, message: 'must be an absolute path' });
    }
  }
  for (const kind of ['readinessProbe', 'livenessProbe'] as const) {
    const probePort = container[kind]?.httpGet?.port;
    if (probePort !== undefined && port && probePort !== port.containerPort && probePort !== port.name) {
      errors.push({
        path: `${path}.${kind}.httpGet.port`,
        message: `may only be the container port ${port.containerPort}`,
      });
    }
  }
  return errors;
}

const NON_NEGATIVE_INT = /^\d+$/;

function autoscalingErrors(annotations: Record<string, string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const at = (key: string) => `${path}.annotations[autoscaling.knative.dev/${key}]`;
  const value = (key: string) => annotations[`autoscaling.knative.dev/${key}`];
  for (const key of ['min-scale', 'max-scale', 'initial-scale']) {
    const v = value(key);
    if (v !== undefined && !NON_NEGATIVE_INT.test(v)) {
      errors.push({ path: at(key), message: `expected a whole number ≥ 0 (got "${v}")` });
    }
  }
  const min = Number(value('min-scale') ?? 0);
  const max = Number(value('max-scale') ?? 0);
  if (max > 0 && min > max)
    errors.push({ path: at('min-scale'), message: `min-scale ${min} > max-scale ${max}` });
  if (value('initial-scale') === '0') {
    errors.push({
      path: at('initial-scale'),
      message: '0 needs allow-zero-initial-scale in the cluster config',
    });
  }
  const cls = value('class') ?? 'kpa.autoscaling.knative.dev';
  if (!['kpa.autoscaling.knative.dev', 'hpa.autoscaling.knative.dev'].includes(cls)) {
    errors.push({ path: at('class'), message: `unknown autoscaler class "${cls}"` });
  }
  const metric = value('metric');
  const metrics = cls.startsWith('kpa') ? ['concurrency', 'rps'] : ['cpu', 'memory'];
  if (metric !== undefined && !metrics.includes(metric)) {
    errors.push({
      path: at('metric'),
      message: `"${metric}" is not a ${cls} metric (${metrics.join(', ')})`,
    });
  }
  const utilization = value('target-utilization-percentage');
  if (utilization !== undefined) {
    const n = Number(utilization);
    if (!(n >= 1 && n <= 100))
      errors.push({ path: at('target-utilization-percentage'), message: 'expected 1..100' });
  }
  const target = value('target');
  if (target !== undefined && !(Number(target) >= 0.01)) {
    errors.push({ path: at('target'), message: 'expected a number ≥ 0.01' });
  }
  const delay = value('scale-down-delay');
  if (delay !== undefined && !/^(0|(\d+h)?(\d+m)?(\d+s)?)$/.test(delay)) {
    errors.push({ path: at('scale-down-delay'), message: `"${delay}" is not a duration such as 15m` });
  }
  return errors;
}

export function trafficErrors(
  serviceName: string,
  traffic: TrafficTarget[],
  path = 'spec.traffic',
): FieldError[] {
  const errors: FieldError[] = [];
  if (traffic.length === 0) return errors;
  let sum = 0;
  const tags = new Set<string>();
  for (const [i, target] of traffic.entries()) {
    const at = `${path}[${i}]`;
    const percent = target.percent ?? 0;
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      errors.push({
        path: `${at}.percent`,
        message: `expected a whole number 0..100 (got ${target.percent})`,
      });
    }
    sum += percent;
    if (target.configurationName !== undefined) {
      errors.push({ path: `${at}.configurationName`, message: 'not allowed on a Service' });
    }
    if (target.latestRevision === true && target.revisionName) {
      errors.push({
        path: `${at}.revisionName`,
        message: 'may not set revisionName if latestRevision is true',
      });
    }
    if (target.latestRevision === false && !target.revisionName) {
      errors.push({
        path: at,
        message: 'expected exactly one of latestRevision: true and revisionName, got neither',
      });
    }
    if (target.tag !== undefined) {
      errors.push(...dnsLabelErrors(`${at}.tag`, target.tag));
      // The tag becomes a host name `<tag>-<service>`, itself a DNS label.
      if (`${target.tag}-${serviceName}`.length > 63) {
        errors.push({
          path: `${at}.tag`,
          message: `"${target.tag}-${serviceName}" is longer than 63 characters`,
        });
      }
      if (tags.has(target.tag)) errors.push({ path: `${at}.tag`, message: `duplicate tag "${target.tag}"` });
      tags.add(target.tag);
    }
  }
  if (sum !== 100) errors.push({ path, message: `traffic percentages sum to ${sum}, expected 100` });
  return errors;
}

/** Every admission error for a Service as it would be created or replaced. */
export function validateService(service: KnativeService): FieldError[] {
  const errors: FieldError[] = [];
  if (service.apiVersion !== 'serving.knative.dev/v1') {
    errors.push({
      path: 'apiVersion',
      message: `expected serving.knative.dev/v1 (got ${service.apiVersion})`,
    });
  }
  if (service.kind !== 'Service')
    errors.push({ path: 'kind', message: `expected Service (got ${service.kind})` });
  const name = service.metadata?.name;
  errors.push(...dnsLabelErrors('metadata.name', name));
  if (!service.metadata?.namespace) errors.push({ path: 'metadata.namespace', message: 'missing field' });

  const template = service.spec?.template;
  if (!template?.spec) return [...errors, { path: 'spec.template.spec', message: 'missing field' }];
  const revision = template.metadata?.name;
  if (revision !== undefined) {
    if (name && !revision.startsWith(`${name}-`)) {
      errors.push({
        path: 'spec.template.metadata.name',
        message: `"${revision}" must have prefix "${name}-"`,
      });
    }
    // revision_validation.go validateRevisionName: NameIsDNS1035Label.
    if (revision.length > 63 || !DNS1035_LABEL.test(revision)) {
      errors.push({
        path: 'spec.template.metadata.name',
        message: `"${revision}" is not a DNS-1035 label (a letter first; lower case letters, digits, -)`,
      });
    }
  }
  errors.push(...autoscalingErrors(template.metadata?.annotations ?? {}, 'spec.template.metadata'));
  // revision_validation.go validateProgressDeadlineAnnotation: a Go duration, whole seconds, not negative
  // (stricter here: h/m/s units only, so `1500ms`, which Knative accepts, is refused).
  const deadline = template.metadata?.annotations?.['serving.knative.dev/progress-deadline'];
  if (deadline !== undefined && !/^(\d+h)?(\d+m)?(\d+s)?$/.test(deadline.replace(/^0$/, '0s'))) {
    errors.push({
      path: 'spec.template.metadata.annotations[serving.knative.dev/progress-deadline]',
      message: `progress-deadline=${deadline} is not a duration at second precision`,
    });
  }

  const spec = template.spec;
  const containers = spec.containers ?? [];
  if (containers.length === 0)
    errors.push({ path: 'spec.template.spec.containers', message: 'missing field' });
  const serving = containers.filter((c) => (c.ports ?? []).length > 0);
  if (containers.length > 1 && serving.length !== 1) {
    errors.push({
      path: 'spec.template.spec.containers',
      message: `exactly one container must expose a port (got ${serving.length})`,
    });
  }
  for (const [i, container] of containers.entries()) {
    errors.push(...containerErrors(container, `spec.template.spec.containers[${i}]`));
  }
  const concurrency = spec.containerConcurrency;
  if (
    concurrency !== undefined &&
    !(Number.isInteger(concurrency) && concurrency >= 0 && concurrency <= MAX_CONTAINER_CONCURRENCY)
  ) {
    errors.push({
      path: 'spec.template.spec.containerConcurrency',
      message: `expected 0..${MAX_CONTAINER_CONCURRENCY}`,
    });
  }
  const timeout = spec.timeoutSeconds;
  if (timeout !== undefined && !(timeout > 0 && timeout <= MAX_REVISION_TIMEOUT_SECONDS)) {
    errors.push({
      path: 'spec.template.spec.timeoutSeconds',
      message: `expected 1..${MAX_REVISION_TIMEOUT_SECONDS}`,
    });
  }
  errors.push(...trafficErrors(name ?? '', service.spec.traffic ?? []));
  return errors;
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Update rules on top of `validateService`: with a chosen revision name, a changed template must change the
 * name too (Knative refuses "changes without a name change"), and a name may not be reused for other content.
 */
export function validateUpdate(previous: KnativeService, next: KnativeService): FieldError[] {
  const errors = validateService(next);
  const before = previous.spec.template;
  const after = next.spec.template;
  const sameName = before.metadata?.name !== undefined && before.metadata.name === after.metadata?.name;
  if (sameName && stable(before) !== stable(after)) {
    errors.push({
      path: 'spec.template.metadata.name',
      message: `the template changed but its name "${after.metadata?.name}" did not; a new revision needs a new name`,
    });
  }
  return errors;
}

export function formatErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
