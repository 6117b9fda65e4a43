/**
 * @module test/simulators/knative-api
 * A SIMULATOR of the Kubernetes API server with Knative Serving installed, for tests only: no cluster can
 * run on our machines. It speaks the real REST paths and Status errors for Services and Revisions, so the
 * traffic engine is exercised through the real `@kubernetes/client-node`. It models what the engine relies
 * on: resourceVersion conflicts (409), generation/observedGeneration, the admission webhook (our validator
 * stands in for Knative's), revision creation from a named template, revision readiness after a delay,
 * and route programming (`status.traffic`, tag URLs) only once every target revision is ready.
 * Failure injection: revisions that never become ready or fail, and concurrent writers.
 * Fidelity to Knative where it bites: the webhook's defaults are applied on create and whenever the
 * template's name changes (src/delivery/defaults.ts, from Knative's *_defaults.go) and not otherwise; every
 * status write bumps resourceVersion (so a writer holding an old copy gets 409); a failing revision stays
 * Ready=Unknown until its progress deadline, as Kubernetes reports a stuck Deployment only then; a template
 * naming an existing revision with a different spec leaves the Configuration failed with Knative's
 * "already exists" message; and `route()` answers which revision a request reaches, with tag-header
 * routing (`Knative-Serving-Tag`) as Knative does when `tag-header-based-routing` is enabled.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { validateService, validateUpdate } from '../../src/delivery/admission.ts';
import { defaultTemplate, defaultTraffic } from '../../src/delivery/defaults.ts';
import type {
  Condition,
  Job,
  KnativeService,
  Revision,
  TrafficTarget,
} from '../../src/delivery/knative-types.ts';
import { serveOnLoopback } from './serve.ts';

export interface KnativeSimulatorOptions {
  /** Delay before the controller reconciles a change. */
  reconcileMs?: number;
  /** Delay before a new revision's pods are ready. */
  revisionReadyMs?: number;
  /** The URL a tag gets in `status.traffic` (e.g. a locally running instance for smoke tests). */
  tagUrl?: (tag: string, revision: string, namespace: string) => string;
  /** How long a failing revision stays Unknown before Knative reports it False (its progress deadline). */
  progressDeadlineMs?: number;
}

const SERVICE_PATH = /^\/apis\/serving\.knative\.dev\/v1\/namespaces\/([^/]+)\/services\/([^/?]+)$/;
const JOB_PATH = /^\/apis\/batch\/v1\/namespaces\/([^/]+)\/jobs(?:\/([^/?]+))?$/;
const REVISION_PATH = /^\/apis\/serving\.knative\.dev\/v1\/namespaces\/([^/]+)\/revisions(?:\/([^/?]+))?$/;

const cond = (type: string, status: Condition['status'], reason?: string, message?: string): Condition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

export class KnativeApiSimulator {
  readonly services = new Map<string, KnativeService>();
  readonly revisions = new Map<string, Revision>();
  /** Every PUT the simulator accepted, in order (what the engine wrote). */
  readonly writes: KnativeService[] = [];
  /** Jobs created, by namespace/name (the schema steps of releases and rollbacks). */
  readonly jobs = new Map<string, Job>();
  /** Job name prefixes (generateName) that fail (a migration that errors); the others succeed after `revisionReadyMs`. */
  readonly failingJobs = new Set<string>();
  /** Called when a Job completes successfully (a test applies the migration the Job would have run). */
  onJobSucceeded: (job: Job) => void = () => {};
  /** Revision names whose pods never become ready (an image that hangs on start). */
  readonly neverReady = new Set<string>();
  /** Revision names that fail with this reason (e.g. a missing image). */
  readonly failing = new Map<string, string>();
  #resourceVersion = 1;
  /** Per Service: why the Configuration could not create its revision. */
  readonly #creationFailures = new Map<string, string>();
  #interferences = 0;
  #timers = new Set<NodeJS.Timeout>();
  readonly #options: Required<KnativeSimulatorOptions>;
  url = '';
  #close: (() => Promise<void>) | undefined;

  constructor(options: KnativeSimulatorOptions = {}) {
    this.#options = {
      reconcileMs: 20,
      revisionReadyMs: 60,
      tagUrl: (tag, _revision, namespace) => `http://${tag}-chatbot-service.${namespace}.example.test`,
      progressDeadlineMs: 200,
      ...options,
    };
  }

  async start(): Promise<this> {
    const server = await serveOnLoopback((req, res) => void this.#handle(req, res));
    this.url = server.url;
    this.#close = server.close;
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    await this.#close?.();
  }

  /** A kubeconfig for the real client, pointing at this simulator. */
  kubeConfig(): KubeConfig {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'simulator', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'operator', token: 'simulated-token' }],
      contexts: [{ name: 'simulator', cluster: 'simulator', user: 'operator' }],
      currentContext: 'simulator',
    });
    return config;
  }

  /** Installs a Service as `kubectl apply` would, and lets it reconcile to Ready. */
  async install(service: KnativeService): Promise<void> {
    const errors = validateService(service);
    if (errors.length) throw new Error(`simulator: invalid service: ${JSON.stringify(errors)}`);
    const stored = structuredClone(service);
    stored.spec.template = defaultTemplate(stored.spec.template, { inCreate: true });
    stored.spec.traffic = defaultTraffic(stored.spec.traffic ?? []);
    stored.metadata.generation = 1;
    stored.metadata.resourceVersion = String(this.#resourceVersion++);
    this.services.set(this.#key(service.metadata.namespace ?? '', service.metadata.name ?? ''), stored);
    this.#reconcileLater(stored);
    await this.settle();
  }

  /** Makes the next `count` writes collide with another writer (an annotation bump between read and write). */
  interfere(count: number): void {
    this.#interferences = count;
  }

  /** Waits until pending reconciles have run. */
  async settle(): Promise<void> {
    const wait = this.#options.reconcileMs + this.#options.revisionReadyMs + 30;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }

  service(namespace: string, name = 'chatbot-service'): KnativeService {
    const found = this.services.get(this.#key(namespace, name));
    if (!found) throw new Error(`simulator: no service ${namespace}/${name}`);
    return found;
  }

  /** The traffic Knative has programmed: revision → percent. */
  routed(namespace: string): Record<string, number> {
    const traffic = this.service(namespace).status?.traffic ?? [];
    return Object.fromEntries(traffic.map((t) => [t.revisionName ?? '', t.percent ?? 0]));
  }

  #key(namespace: string, name: string) {
    return `${namespace}/${name}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const status = (code: number, reason: string, message: string) =>
      send(code, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason,
        code,
      });
    if (req.headers.authorization !== 'Bearer simulated-token')
      return status(401, 'Unauthorized', 'Unauthorized');

    const serviceMatch = SERVICE_PATH.exec(url.pathname);
    if (serviceMatch) {
      const [, ns = '', name = ''] = serviceMatch;
      const key = this.#key(ns, name);
      const stored = this.services.get(key);
      if (!stored) return status(404, 'NotFound', `services.serving.knative.dev "${name}" not found`);
      if (req.method === 'GET') return send(200, stored);
      if (req.method === 'PUT') {
        const body = JSON.parse(await readBody(req)) as KnativeService;
        if (this.#interferences > 0) {
          this.#interferences--;
          stored.metadata.annotations = {
            ...stored.metadata.annotations,
            'other-writer/touched': String(Date.now()),
          };
          stored.metadata.resourceVersion = String(this.#resourceVersion++);
        }
        if (body.metadata.resourceVersion !== stored.metadata.resourceVersion) {
          return status(
            409,
            'Conflict',
            `Operation cannot be fulfilled on services.serving.knative.dev "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          );
        }
        const errors = validateUpdate(stored, body);
        if (errors.length) {
          const detail = errors.map((e) => `${e.message}: ${e.path}`).join('\n');
          return status(
            400,
            'BadRequest',
            `admission webhook "validation.webhook.serving.knative.dev" denied the request: validation failed: ${detail}`,
          );
        }
        const next: KnativeService = { ...structuredClone(body), status: stored.status };
        // The mutating webhook (configuration_defaults.go): a template is defaulted only when its name changes.
        if (next.spec.template.metadata?.name !== stored.spec.template.metadata?.name)
          next.spec.template = defaultTemplate(next.spec.template, { inCreate: false });
        next.spec.traffic = defaultTraffic(next.spec.traffic ?? []);
        const specChanged = JSON.stringify(next.spec) !== JSON.stringify(stored.spec);
        next.metadata.generation = (stored.metadata.generation ?? 1) + (specChanged ? 1 : 0);
        next.metadata.resourceVersion = String(this.#resourceVersion++);
        this.services.set(key, next);
        this.writes.push(structuredClone(next));
        this.#reconcileLater(next);
        return send(200, next);
      }
      return status(405, 'MethodNotAllowed', `${req.method} not supported by the simulator`);
    }

    const jobMatch = JOB_PATH.exec(url.pathname);
    if (jobMatch) {
      const [, ns = '', name] = jobMatch;
      if (req.method === 'POST' && !name) {
        const body = JSON.parse(await readBody(req)) as Job;
        const jobName =
          body.metadata.name ??
          `${body.metadata.generateName ?? 'job-'}${String(this.jobs.size).padStart(5, 'x')}`;
        const key = this.#key(ns, jobName);
        if (this.jobs.has(key)) return status(409, 'AlreadyExists', `jobs.batch "${jobName}" already exists`);
        const job: Job = {
          ...body,
          metadata: {
            ...body.metadata,
            name: jobName,
            namespace: ns,
            resourceVersion: String(this.#resourceVersion++),
          },
          status: {},
        };
        this.jobs.set(key, job);
        this.#later(this.#options.revisionReadyMs, () => {
          const failed = this.failingJobs.has(job.metadata.generateName ?? job.metadata.name ?? '');
          job.status = failed
            ? {
                failed: (job.spec.backoffLimit ?? 6) + 1,
                conditions: [
                  cond(
                    'Failed',
                    'True',
                    'BackoffLimitExceeded',
                    'Job has reached the specified backoff limit',
                  ),
                ],
              }
            : { succeeded: 1, conditions: [cond('Complete', 'True')] };
          if (!failed) this.onJobSucceeded(job);
        });
        return send(201, job);
      }
      if (req.method === 'GET' && name) {
        const job = this.jobs.get(this.#key(ns, name));
        return job ? send(200, job) : status(404, 'NotFound', `jobs.batch "${name}" not found`);
      }
      return status(405, 'MethodNotAllowed', `${req.method} not supported by the simulator`);
    }

    const revisionMatch = REVISION_PATH.exec(url.pathname);
    if (revisionMatch && req.method === 'GET') {
      const [, ns = '', name] = revisionMatch;
      if (name) {
        const revision = this.revisions.get(this.#key(ns, name));
        return revision
          ? send(200, revision)
          : status(404, 'NotFound', `revisions.serving.knative.dev "${name}" not found`);
      }
      const selector = url.searchParams.get('labelSelector') ?? '';
      const [label, value] = selector.split('=');
      const items = [...this.revisions.values()].filter(
        (r) => r.metadata.namespace === ns && (!label || r.metadata.labels?.[label] === value),
      );
      return send(200, { apiVersion: 'serving.knative.dev/v1', kind: 'RevisionList', metadata: {}, items });
    }
    return status(404, 'NotFound', `the simulator does not serve ${req.method} ${url.pathname}`);
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  #reconcileLater(service: KnativeService): void {
    this.#later(this.#options.reconcileMs, () =>
      this.#reconcile(service.metadata.namespace ?? '', service.metadata.name ?? ''),
    );
  }

  /**
   * What Knative's controllers do with a Service: create the named revision (or, when a revision of that
   * name exists with another spec, fail the Configuration as CheckNameAvailability does), then program
   * the route.
   */
  #reconcile(ns: string, name: string): void {
    const service = this.services.get(this.#key(ns, name));
    if (!service) return;
    const revisionName =
      service.spec.template.metadata?.name ??
      `${name}-${String(service.metadata.generation).padStart(5, '0')}`;
    const revKey = this.#key(ns, revisionName);
    const existing = this.revisions.get(revKey);
    this.#creationFailures.delete(this.#key(ns, name));
    if (existing && JSON.stringify(existing.spec) !== JSON.stringify(service.spec.template.spec)) {
      this.#creationFailures.set(
        this.#key(ns, name),
        `Revision creation failed with message: revisions.serving.knative.dev "${revisionName}" already exists`,
      );
    } else if (!existing) {
      this.revisions.set(revKey, {
        apiVersion: 'serving.knative.dev/v1',
        kind: 'Revision',
        metadata: {
          name: revisionName,
          namespace: ns,
          labels: { 'serving.knative.dev/service': name, 'serving.knative.dev/configuration': name },
          creationTimestamp: new Date().toISOString(),
        },
        spec: structuredClone(service.spec.template.spec),
        status: { conditions: [cond('Ready', 'Unknown', 'Deploying')] },
      });
      this.#later(this.#options.revisionReadyMs, () => this.#revisionSettled(ns, revisionName, name));
    }
    this.#updateStatus(ns, name);
  }

  #revisionSettled(ns: string, revisionName: string, serviceName: string): void {
    const revision = this.revisions.get(this.#key(ns, revisionName));
    if (!revision || this.neverReady.has(revisionName)) return;
    const failure = this.failing.get(revisionName);
    if (failure) {
      // Pods that cannot start leave the revision Unknown; Knative reports False only once the
      // Deployment's progress deadline has passed.
      revision.status = {
        observedGeneration: 1,
        conditions: [cond('Ready', 'Unknown', 'Deploying', failure)],
      };
      this.#later(this.#options.progressDeadlineMs, () => {
        revision.status = {
          observedGeneration: 1,
          conditions: [cond('Ready', 'False', 'ProgressDeadlineExceeded', failure)],
        };
        this.#updateStatus(ns, serviceName);
      });
      return;
    }
    revision.status = { observedGeneration: 1, conditions: [cond('Ready', 'True')] };
    this.#updateStatus(ns, serviceName);
  }

  /**
   * The revision one request reaches through the Service's route: with a `Knative-Serving-Tag` header naming
   * a tag, that tag's revision whatever its percent; otherwise (or for an unknown tag) the weighted default
   * route, `roll` in [0, 1) picking the share.
   */
  route(namespace: string, roll: number, headers: Record<string, string> = {}): string | undefined {
    const traffic = this.service(namespace).status?.traffic ?? [];
    const tag = Object.entries(headers).find(([k]) => k.toLowerCase() === 'knative-serving-tag')?.[1];
    const tagged = tag ? traffic.find((t) => t.tag === tag) : undefined;
    if (tagged) return tagged.revisionName;
    let point = roll * 100;
    for (const t of traffic) {
      point -= t.percent ?? 0;
      if (point < 0) return t.revisionName;
    }
    return undefined;
  }

  #revisionReady(ns: string, name: string | undefined): Condition['status'] {
    const revision = name ? this.revisions.get(this.#key(ns, name)) : undefined;
    return revision?.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
  }

  #updateStatus(ns: string, name: string): void {
    const service = this.services.get(this.#key(ns, name));
    if (!service) return;
    const status = service.status ?? {};
    const creationFailure = this.#creationFailures.get(this.#key(ns, name));
    const latestCreated = creationFailure
      ? status.latestCreatedRevisionName
      : (service.spec.template.metadata?.name ?? status.latestCreatedRevisionName);
    const created = creationFailure ? 'False' : this.#revisionReady(ns, latestCreated);
    const latestReady = created === 'True' ? latestCreated : status.latestReadyRevisionName;
    const targets = service.spec.traffic ?? [];
    const states = targets.map((t) => this.#revisionReady(ns, t.revisionName ?? latestReady));
    const routesReady: Condition['status'] = states.includes('False')
      ? 'False'
      : states.every((s) => s === 'True')
        ? 'True'
        : 'Unknown';
    const programmed: TrafficTarget[] =
      routesReady === 'True'
        ? targets.map((t) => {
            const revisionName = t.revisionName ?? latestReady ?? '';
            return {
              revisionName,
              percent: t.percent ?? 0,
              latestRevision: t.latestRevision ?? false,
              ...(t.tag ? { tag: t.tag, url: this.#options.tagUrl(t.tag, revisionName, ns) } : {}),
            };
          })
        : (status.traffic ?? []);
    const configReady = created;
    const ready: Condition['status'] =
      configReady === 'True' && routesReady === 'True'
        ? 'True'
        : configReady === 'False' || routesReady === 'False'
          ? 'False'
          : 'Unknown';
    const before = JSON.stringify(service.status);
    service.status = {
      observedGeneration: service.metadata.generation,
      latestCreatedRevisionName: latestCreated,
      latestReadyRevisionName: latestReady,
      url: `http://chatbot-service.${ns}.example.test`,
      traffic: programmed,
      conditions: [
        cond(
          'ConfigurationsReady',
          configReady,
          configReady === 'False' ? 'RevisionFailed' : undefined,
          creationFailure,
        ),
        cond('RoutesReady', routesReady, routesReady === 'True' ? undefined : 'RevisionMissing'),
        cond('Ready', ready, ready === 'False' ? 'RevisionFailed' : undefined),
      ],
    };
    // A status write is a write: it gets a new resourceVersion (a no-op update is skipped, as controllers do).
    if (JSON.stringify(service.status) !== before)
      service.metadata.resourceVersion = String(this.#resourceVersion++);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export interface SimulatedMeasurement {
  requests: number;
  errorRatio: number;
  p95Seconds: number;
}

/**
 * A SIMULATOR of the cluster's Prometheus as the gates query it, for tests of the engine's analysis: each
 * revision answers a scripted sequence of measurements, one per gate check (the last one repeats). It
 * tells the default gate queries apart by their shape (5xx selector → error ratio, histogram_quantile →
 * P95, otherwise → requests). Queries against a real Prometheus are tested in gates.test.ts.
 */
export class PrometheusQuerySimulator {
  readonly #script = new Map<string, SimulatedMeasurement[]>();
  readonly #checks = new Map<string, number>();

  /** Scripts the measurements of `revision`, check after check. */
  set(revision: string, ...measurements: SimulatedMeasurement[]): this {
    this.#script.set(revision, measurements);
    this.#checks.set(revision, 0);
    return this;
  }

  /** Gate checks answered for `revision` so far. */
  checks(revision: string): number {
    return this.#checks.get(revision) ?? 0;
  }

  async scalar(query: string): Promise<number | undefined> {
    const revision = /revision="([^"]+)"/.exec(query)?.[1] ?? '';
    const script = this.#script.get(revision);
    if (!script?.length) return undefined;
    const isErrors = query.includes('status=~"5..');
    const isP95 = query.includes('histogram_quantile');
    let index = this.#checks.get(revision) ?? 0;
    // The requests query opens each check (the gate sends it first).
    if (!isErrors && !isP95) this.#checks.set(revision, ++index);
    const m = script[Math.min(index, script.length) - 1] ?? script[0];
    if (!m) return undefined;
    return isErrors ? m.errorRatio : isP95 ? m.p95Seconds : m.requests;
  }
}
