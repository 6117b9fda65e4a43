/**
 * @module delivery/cluster
 * The traffic engine's view of a cluster: read and replace a Knative Service, read its Revisions. The one
 * adapter talks to the Kubernetes API through `@kubernetes/client-node` (kubeconfig from KUBECONFIG or
 * ~/.kube/config, as kubectl does); replacing carries the resourceVersion read, so a concurrent writer
 * makes the API answer 409 and the engine re-reads instead of overwriting.
 */
import { ApiException, BatchV1Api, CustomObjectsApi, KubeConfig, type V1Job } from '@kubernetes/client-node';
import {
  type Job,
  type KnativeService,
  type Revision,
  SERVING_GROUP,
  SERVING_VERSION,
} from './knative-types.ts';

export interface ServingApi {
  getService(namespace: string, name: string): Promise<KnativeService>;
  /** Replaces the Service; throws `ConflictError` when its resourceVersion is no longer current. */
  replaceService(service: KnativeService): Promise<KnativeService>;
  /** The Revision, or null when there is none of that name. */
  getRevision(namespace: string, name: string): Promise<Revision | null>;
  listRevisions(namespace: string, service: string): Promise<Revision[]>;
  /** Creates the Job (named by the API server from its generateName) and returns it. */
  createJob(job: Job): Promise<Job>;
  getJob(namespace: string, name: string): Promise<Job>;
}

export class ConflictError extends Error {
  override name = 'ConflictError';
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** The API's own message (a Status object's `message`) rather than the client's generic one. */
function apiMessage(error: ApiException<unknown>): string {
  const body = error.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: string };
      if (parsed.message) return parsed.message;
    } catch {
      return body.slice(0, 300);
    }
  }
  if (body && typeof body === 'object' && 'message' in body)
    return String((body as { message: unknown }).message);
  return error.message.split('\n')[0] ?? 'Kubernetes API error';
}

function translate(error: unknown, what: string): never {
  if (error instanceof ApiException) {
    if (error.code === 409) throw new ConflictError(`${what}: ${apiMessage(error)}`);
    if (error.code === 404) throw new NotFoundError(`${what}: not found`);
    throw new Error(`${what}: HTTP ${error.code}: ${apiMessage(error)}`);
  }
  throw error;
}

export class KubernetesServingApi implements ServingApi {
  readonly #api: CustomObjectsApi;
  readonly #batch: BatchV1Api;

  constructor(config: KubeConfig) {
    this.#api = config.makeApiClient(CustomObjectsApi);
    this.#batch = config.makeApiClient(BatchV1Api);
  }

  /** Loads the kubeconfig the way kubectl does (KUBECONFIG, then ~/.kube/config, then in-cluster). */
  static fromDefault(context?: string): KubernetesServingApi {
    const config = new KubeConfig();
    config.loadFromDefault();
    if (context) config.setCurrentContext(context);
    return new KubernetesServingApi(config);
  }

  /** One Knative object by name; errors become ConflictError/NotFoundError/one-line messages. */
  async #get<T>(plural: 'services' | 'revisions', namespace: string, name: string): Promise<T> {
    try {
      const at = { group: SERVING_GROUP, version: SERVING_VERSION, namespace, plural, name };
      return (await this.#api.getNamespacedCustomObject(at)) as T;
    } catch (error) {
      translate(error, `${plural.slice(0, -1)} ${namespace}/${name}`);
    }
  }

  getService(namespace: string, name: string): Promise<KnativeService> {
    return this.#get<KnativeService>('services', namespace, name);
  }

  async replaceService(service: KnativeService): Promise<KnativeService> {
    const { namespace = '', name = '' } = service.metadata;
    try {
      const at = { group: SERVING_GROUP, version: SERVING_VERSION, namespace, plural: 'services', name };
      return (await this.#api.replaceNamespacedCustomObject({
        ...at,
        body: service,
        fieldManager: 'shopyverse-rollout',
      })) as KnativeService;
    } catch (error) {
      translate(error, `service ${namespace}/${name}`);
    }
  }

  async getRevision(namespace: string, name: string): Promise<Revision | null> {
    try {
      return await this.#get<Revision>('revisions', namespace, name);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async listRevisions(namespace: string, service: string): Promise<Revision[]> {
    try {
      const list = (await this.#api.listNamespacedCustomObject({
        group: SERVING_GROUP,
        version: SERVING_VERSION,
        namespace,
        plural: 'revisions',
        labelSelector: `serving.knative.dev/service=${service}`,
      })) as { items: Revision[] };
      return list.items;
    } catch (error) {
      translate(error, `revisions of ${namespace}/${service}`);
    }
  }

  async createJob(job: Job): Promise<Job> {
    const { namespace = '', name, generateName } = job.metadata;
    try {
      return (await this.#batch.createNamespacedJob({
        namespace,
        body: job as unknown as V1Job,
        fieldManager: 'shopyverse-rollout',
      })) as unknown as Job;
    } catch (error) {
      translate(error, `job ${namespace}/${name ?? `${generateName}…`}`);
    }
  }

  async getJob(namespace: string, name: string): Promise<Job> {
    try {
      return (await this.#batch.readNamespacedJob({ namespace, name })) as unknown as Job;
    } catch (error) {
      translate(error, `job ${namespace}/${name}`);
    }
  }
}
