/**
 * @module delivery/knative-types
 * The parts of Knative Serving's v1 API the manifests, the admission validator and the traffic engine use.
 * Fields we do not read are kept as they come (`[key: string]: unknown`) so a read-modify-write never
 * drops what another controller wrote.
 */

export const SERVING_GROUP = 'serving.knative.dev';
export const SERVING_VERSION = 'v1';

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  [key: string]: unknown;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

export interface Probe {
  httpGet?: { path?: string; port?: number | string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface Container {
  name?: string;
  image: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  env?: EnvVar[];
  envFrom?: Array<Record<string, unknown>>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  volumeMounts?: Array<{ name: string; mountPath: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface TrafficTarget {
  revisionName?: string;
  latestRevision?: boolean;
  percent?: number;
  tag?: string;
  /** Status only: the tag's own URL. */
  url?: string;
  configurationName?: string;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface KnativeService {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: {
    template: {
      metadata?: ObjectMeta;
      spec: {
        containers: Container[];
        containerConcurrency?: number;
        timeoutSeconds?: number;
        serviceAccountName?: string;
        [key: string]: unknown;
      };
    };
    traffic?: TrafficTarget[];
    [key: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    conditions?: Condition[];
    latestReadyRevisionName?: string;
    latestCreatedRevisionName?: string;
    url?: string;
    traffic?: TrafficTarget[];
    [key: string]: unknown;
  };
}

export interface Revision {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: Record<string, unknown>;
  status?: { conditions?: Condition[]; observedGeneration?: number; [key: string]: unknown };
}

export function condition(
  object: { status?: { conditions?: Condition[] } },
  type = 'Ready',
): Condition | undefined {
  return object.status?.conditions?.find((c) => c.type === type);
}

/** The parts of a batch/v1 Job the schema steps write and read. */
export interface Job {
  apiVersion: 'batch/v1';
  kind: 'Job';
  metadata: ObjectMeta;
  spec: {
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    template: { metadata?: ObjectMeta; spec: Record<string, unknown> };
    [key: string]: unknown;
  };
  status?: {
    succeeded?: number;
    failed?: number;
    conditions?: Condition[];
    [key: string]: unknown;
  };
}
