/**
 * @module delivery/manifests
 * Builds each environment's Kubernetes objects from `environments.ts`: the Knative Service, its ConfigMap
 * and ServiceAccount. The same builder gives the committed manifests (`npm run knative:render`) and the
 * template the traffic engine writes when it rolls out a new image.
 */
import {
  CONFIG_MAP_NAME,
  type EnvironmentSpec,
  IMAGE_REPOSITORY,
  revisionName,
  SECRET_NAME,
  SERVICE_ACCOUNT_NAME,
  SERVICE_NAME,
} from './environments.ts';
import {
  type Job,
  type KnativeService,
  SERVING_GROUP,
  SERVING_VERSION,
  type TrafficTarget,
} from './knative-types.ts';

export const CONTAINER_PORT = 8080;

/** The guide's Secret keys and the variables they become. `hf-access-token` is optional (template replies). */
export const SECRET_ENV = [
  { env: 'HF_ACCESS_TOKEN', key: 'hf-access-token', optional: true },
  { env: 'CHATBOT_API_KEYS', key: 'api-key', optional: false },
  { env: 'DB_PASSWORD', key: 'db-password', optional: false },
] as const;

function labels(env: EnvironmentSpec): Record<string, string> {
  return {
    'app.kubernetes.io/name': SERVICE_NAME,
    'app.kubernetes.io/part-of': 'shopyverse',
    'app.kubernetes.io/component': 'chatbot',
    'shopyverse.dev/environment': env.name,
  };
}

export interface Release {
  image: string;
  version: string;
}

/** The revision template for one image: everything a revision is made of, named after the version. */
export function revisionTemplate(env: EnvironmentSpec, release: Release): KnativeService['spec']['template'] {
  return {
    metadata: {
      name: revisionName(release.version),
      labels: { ...labels(env), 'app.kubernetes.io/version': release.version },
      annotations: {
        'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev',
        'autoscaling.knative.dev/metric': 'concurrency',
        'autoscaling.knative.dev/target-utilization-percentage': '70',
        'autoscaling.knative.dev/min-scale': String(env.minScale),
        'autoscaling.knative.dev/max-scale': String(env.maxScale),
        'autoscaling.knative.dev/initial-scale': String(env.minScale),
        // Scale-down waits 15 minutes after load drops. A revision tagged at 0 % stays routable and keeps its
        // min-scale pods (the blue of a blue-green until the post-switch gate passes); a finished release
        // drops the old revision from the traffic, so it scales to zero.
        'autoscaling.knative.dev/scale-down-delay': '15m',
        // Knative marks a revision that cannot start as failed only after its progress deadline (600 s by
        // default); a minute under the engine's timeout, the engine sees Knative's reason, not a timeout.
        'serving.knative.dev/progress-deadline': `${Math.max(60, env.readyTimeoutSeconds - 60)}s`,
      },
    },
    spec: {
      serviceAccountName: SERVICE_ACCOUNT_NAME,
      ...(env.imagePullSecrets?.length
        ? { imagePullSecrets: env.imagePullSecrets.map((name) => ({ name })) }
        : {}),
      containerConcurrency: env.containerConcurrency,
      timeoutSeconds: env.timeoutSeconds,
      containers: [
        {
          name: 'chatbot',
          image: release.image,
          ports: [{ name: 'http1', containerPort: CONTAINER_PORT }],
          envFrom: [{ configMapRef: { name: CONFIG_MAP_NAME } }],
          env: SECRET_ENV.map(({ env: name, key, optional }) => ({
            name,
            valueFrom: { secretKeyRef: { name: SECRET_NAME, key, ...(optional ? { optional: true } : {}) } },
          })),
          readinessProbe: { httpGet: { path: '/readyz' }, periodSeconds: 5, failureThreshold: 3 },
          livenessProbe: {
            httpGet: { path: '/healthz' },
            // The NLU model is trained at start (a few seconds); liveness must not kill a starting pod.
            initialDelaySeconds: 20,
            periodSeconds: 10,
            failureThreshold: 3,
          },
          resources: env.resources,
          securityContext: {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
        },
      ],
    },
  };
}

/**
 * The Knative Service as committed for a first install: the release's revision pinned at 100 % with tag
 * `current`. Traffic names revisions, never `latestRevision`, so a template change never takes traffic by
 * itself: only the traffic engine moves it.
 */
export function knativeService(env: EnvironmentSpec, release: Release): KnativeService {
  const revision = revisionName(release.version);
  const traffic: TrafficTarget[] = [{ revisionName: revision, percent: 100, tag: 'current' }];
  return {
    apiVersion: `${SERVING_GROUP}/${SERVING_VERSION}`,
    kind: 'Service',
    metadata: { name: SERVICE_NAME, namespace: env.namespace, labels: labels(env) },
    spec: { template: revisionTemplate(env, release), traffic },
  };
}

export function namespace(env: EnvironmentSpec) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: env.namespace, labels: labels(env) } };
}

export function configMap(env: EnvironmentSpec) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_MAP_NAME, namespace: env.namespace, labels: labels(env) },
    data: env.config,
  };
}

export function serviceAccount(env: EnvironmentSpec) {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: SERVICE_ACCOUNT_NAME, namespace: env.namespace, labels: labels(env) },
    // The service calls no Kubernetes API: no token in its pods.
    automountServiceAccountToken: false,
  };
}

/** The image a first install uses: the package version, which the release tag `v<version>` publishes. */
export function defaultRelease(packageVersion: string): Release {
  return { image: `${IMAGE_REPOSITORY}:${packageVersion}`, version: packageVersion };
}

/** Where the runtime image keeps node (distroless: no shell, no PATH lookup). */
export const RUNTIME_NODE = '/nodejs/bin/node';

/**
 * A Job that runs the service's migration CLI (`src/db/cli.ts migrate`, or `rollback --steps N`) from a
 * release's image with the Service's own configuration and secrets: the schema step of a release, run
 * before any traffic moves, and the schema half of a rollback. The migration runner takes a PostgreSQL
 * advisory lock, so this Job and starting pods never migrate at once. `generateName` gives every run its
 * own Job (a retried release migrates again, which finds nothing pending), named after the revision and
 * the action.
 */
export function schemaJob(
  env: EnvironmentSpec,
  release: Release,
  action: { kind: 'migrate' } | { kind: 'rollback'; steps: number },
): Job {
  const template = revisionTemplate(env, release);
  const container = template.spec.containers[0];
  const suffix = action.kind === 'migrate' ? 'migrate' : `schema-down-${action.steps}`;
  // Kubernetes appends 5 characters to generateName; a Job name is at most 63.
  const prefix = `${revisionName(release.version)}-${suffix}`.slice(0, 57).replace(/-+$/, '');
  const args = action.kind === 'migrate' ? ['migrate'] : ['rollback', '--steps', String(action.steps)];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      generateName: `${prefix}-`,
      namespace: env.namespace,
      labels: {
        ...labels(env),
        'app.kubernetes.io/version': release.version,
        'shopyverse.dev/schema': suffix,
      },
    },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: env.readyTimeoutSeconds,
      ttlSecondsAfterFinished: 7 * 24 * 3600,
      template: {
        metadata: { labels: labels(env) },
        spec: {
          restartPolicy: 'Never',
          serviceAccountName: SERVICE_ACCOUNT_NAME,
          ...(env.imagePullSecrets?.length
            ? { imagePullSecrets: env.imagePullSecrets.map((n) => ({ name: n })) }
            : {}),
          containers: [
            {
              name: 'schema',
              image: release.image,
              command: [
                RUNTIME_NODE,
                '--experimental-strip-types',
                '--disable-warning=ExperimentalWarning',
                'src/db/cli.ts',
                ...args,
              ],
              envFrom: container?.envFrom,
              env: container?.env,
              resources: env.resources,
              securityContext: container?.securityContext,
            },
          ],
        },
      },
    },
  };
}
