/**
 * @module delivery/environments
 * The one typed source of the three environments: how each runs (scale, resources, concurrency) and how a
 * new version reaches it (rolling, canary steps with gates, blue-green). The Knative manifests in
 * `knative/<env>/` are rendered from this file, and the traffic engine reads its strategy from here.
 */

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** The Knative Service name: the PodMonitor, alert rules and dashboard select on it. */
export const SERVICE_NAME = 'chatbot-service';
export const CONFIG_MAP_NAME = 'chatbot-service-config';
/** The guide's Secret and its keys. */
export const SECRET_NAME = 'chatbot-service-secrets';
export const SERVICE_ACCOUNT_NAME = 'chatbot-service';
export const IMAGE_REPOSITORY = 'ghcr.io/shopyverse/chatbot';

export type Strategy =
  | { kind: 'rolling' }
  | {
      kind: 'canary';
      /** Candidate percentages before the final 100, e.g. [10, 50]. */
      steps: number[];
      /** How long each step serves before its gate is checked. */
      bakeSeconds: number;
    }
  | {
      kind: 'blue-green';
      /** How long the switched revision serves before the post-switch gate. */
      bakeSeconds: number;
    };

export interface GateThresholds {
  /** Window of the PromQL rates, e.g. `2m`. */
  interval: string;
  /** Requests the candidate must have served in the window for the gate to judge it. */
  minRequests: number;
  /** What a gate does when the candidate has too few requests or no series at all. */
  noData: 'fail' | 'pass';
  /** Highest acceptable 5xx share of the candidate, 0..1. */
  maxErrorRatio: number;
  /** Highest acceptable 5xx share above the stable revision's, 0..1. */
  maxErrorRatioIncrease: number;
  /** Highest acceptable P95 latency of the candidate. */
  maxP95Seconds: number;
  /** Highest acceptable candidate P95 as a multiple of the stable revision's. */
  maxP95Ratio: number;
}

/** How a gate step judges: several checks some time apart, failing once enough of them failed. */
export interface Analysis {
  /** Gate evaluations per gate step. */
  checks: number;
  /** Time between two checks. */
  intervalSeconds: number;
  /** Failed checks that fail the step (1 = the first failure fails it). */
  failureThreshold: number;
}

/** Synthetic traffic during gated releases: one smoke run per tick against the Service's URL. */
export interface CanaryLoad {
  ratePerSecond: number;
  /** Upper bound for one release, whatever its length. */
  maxRequests: number;
}

export interface EnvironmentSpec {
  name: EnvironmentName;
  namespace: string;
  minScale: number;
  maxScale: number;
  /** Requests one container handles at once (Knative's hard limit); the autoscaler aims at 70 % of it. */
  containerConcurrency: number;
  timeoutSeconds: number;
  resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
  strategy: Strategy;
  gates: GateThresholds;
  analysis: Analysis;
  /** Load generated while a gated release runs (staging: too little real traffic for the gates). */
  canaryLoad?: CanaryLoad;
  /** Secrets for pulling a private image (e.g. a GHCR package), rendered as imagePullSecrets. */
  imagePullSecrets?: string[];
  /** Non-secret configuration, rendered into the environment's ConfigMap. */
  config: Record<string, string>;
  /** How long the engine waits for a revision or route to become ready. */
  readyTimeoutSeconds: number;
}

// Thresholds follow the guide's SLOs: P95 under 2 s, 5xx under 0.5 % (alerting at 5 %).
const GATES: GateThresholds = {
  interval: '2m',
  minRequests: 50,
  noData: 'fail',
  maxErrorRatio: 0.01,
  maxErrorRatioIncrease: 0.005,
  maxP95Seconds: 2,
  maxP95Ratio: 1.5,
};

// Three checks a minute apart; two failures fail the step (one bad scrape does not roll back).
const ANALYSIS: Analysis = { checks: 3, intervalSeconds: 60, failureThreshold: 2 };

const commonConfig = (env: EnvironmentName, logLevel: string): Record<string, string> => ({
  NODE_ENV: 'production',
  LOG_LEVEL: logLevel,
  // The password comes from the Secret as DB_PASSWORD and is added to this URL by the service.
  DATABASE_URL: `postgres://chatbot@postgres.chatbot-${env}.svc.cluster.local:5432/chatbot`,
  DB_POOL_MAX: '10',
  QDRANT_URL: `http://qdrant.chatbot-${env}.svc.cluster.local:6333`,
  METRICS_ENABLED: 'true',
  CHATBOT_SEED_DEMO: env === 'prod' ? 'false' : 'true',
  CHATBOT_RATE_LIMIT_PER_MINUTE: '60',
  REQUEST_TIMEOUT_MS: '15000',
  // Behind Knative the socket peer is the pod's queue-proxy on loopback, and the ingress gateway and activator
  // sit on cluster-internal addresses: trust those, so the client is the first public X-Forwarded-For entry.
  // Narrow the private ranges to the cluster's pod and service CIDRs where they are known.
  TRUST_PROXY: '127.0.0.1/32,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
  // Knative sends SIGTERM only after the pod is out of the routing; a short drain covers stragglers.
  SHUTDOWN_DRAIN_MS: '2000',
  SHUTDOWN_TIMEOUT_MS: '20000',
});

export const ENVIRONMENT_SPECS: Record<EnvironmentName, EnvironmentSpec> = {
  dev: {
    name: 'dev',
    namespace: 'chatbot-dev',
    minScale: 1,
    maxScale: 1,
    containerConcurrency: 50,
    timeoutSeconds: 60,
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    strategy: { kind: 'rolling' },
    gates: GATES,
    analysis: { checks: 1, intervalSeconds: 0, failureThreshold: 1 },
    config: commonConfig('dev', 'debug'),
    readyTimeoutSeconds: 300,
  },
  staging: {
    name: 'staging',
    namespace: 'chatbot-staging',
    minScale: 2,
    maxScale: 4,
    containerConcurrency: 50,
    timeoutSeconds: 60,
    resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    strategy: { kind: 'canary', steps: [10, 50], bakeSeconds: 180 },
    gates: GATES,
    analysis: ANALYSIS,
    // At 10 % the candidate needs 50 requests in the 2-minute window: ~4 requests/s in all. Each smoke run
    // is three requests (liveness, readiness, one chat turn); 2 runs/s, at most 3 600 runs (30 minutes).
    canaryLoad: { ratePerSecond: 2, maxRequests: 3600 },
    config: commonConfig('staging', 'info'),
    readyTimeoutSeconds: 600,
  },
  prod: {
    name: 'prod',
    namespace: 'chatbot-prod',
    minScale: 3,
    maxScale: 10,
    containerConcurrency: 50,
    timeoutSeconds: 60,
    resources: { requests: { cpu: '500m', memory: '768Mi' }, limits: { cpu: '2', memory: '1536Mi' } },
    strategy: { kind: 'blue-green', bakeSeconds: 300 },
    gates: GATES,
    analysis: ANALYSIS,
    imagePullSecrets: ['ghcr-pull'],
    config: commonConfig('prod', 'info'),
    readyTimeoutSeconds: 900,
  },
};

export function environment(name: string): EnvironmentSpec {
  if (!(ENVIRONMENTS as readonly string[]).includes(name)) {
    throw new Error(`unknown environment "${name}" (expected ${ENVIRONMENTS.join(', ')})`);
  }
  return ENVIRONMENT_SPECS[name as EnvironmentName];
}

/**
 * The revision name for a version, chosen by us rather than Knative so traffic can be pinned to it:
 * `chatbot-service-1-4-0`, `chatbot-service-0-1-0-main-abc1234`. A DNS label of at most 63 characters.
 */
export function revisionName(version: string): string {
  const suffix = version
    .toLowerCase()
    .replace(/^v/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!suffix) throw new Error(`version "${version}" gives an empty revision name`);
  const name = `${SERVICE_NAME}-${suffix}`.slice(0, 63).replace(/-+$/, '');
  return name;
}

/** `ghcr.io/x/y:1.2.3` → `1.2.3`; `…@sha256:abcd…` → `sha256-abcd…` (first 12 hex digits). */
export function versionOfImage(image: string): string {
  const digest = /@sha256:([0-9a-f]{12})/.exec(image);
  if (digest) return `sha256-${digest[1]}`;
  const tag = /:([\w.-]+)$/.exec(image.split('/').pop() ?? '');
  if (!tag?.[1]) throw new Error(`image "${image}" has neither a tag nor a digest; pass --version`);
  return tag[1];
}
