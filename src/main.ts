/**
 * @module main
 * Composition root: reads the config, builds the adapters it names, hands them to `createApp` and serves.
 */

import { CatalogSync, reindexInto } from './catalog/sync.ts';
import { describeError } from './cli/run.ts';
import { type Config, loadConfig } from './config/env.ts';
import { applyMigrations } from './db/migrations.ts';
import { openConfiguredStore } from './db/open.ts';
import { listActiveProducts } from './db/repositories/products.ts';
import type { Store } from './db/store.ts';
import { ChatEngine } from './dialogue/engine.ts';
import { type Generator, TemplateGenerator } from './generation/generator.ts';
import { createApp } from './http/app.ts';
import { loadDocuments } from './knowledge/documents.ts';
import { Readiness } from './lifecycle/readiness.ts';
import { startServer } from './lifecycle/server.ts';
import { NluEngine } from './nlu/engine.ts';
import { CircuitBreaker } from './resilience/circuit-breaker.ts';
import { HashingEmbedder } from './retrieval/embedder.ts';
import type { HuggingFaceEmbedder } from './retrieval/hf-embedder.ts';
import { type IndexFactory, Retrieval } from './retrieval/retrieval.ts';
import { seedDemoData } from './seed/index.ts';
import { createLogger, type Logger } from './telemetry/logger.ts';
import { Metrics } from './telemetry/metrics.ts';

/** One breaker per remote dependency, its state changes logged and exported as a gauge. */
function breakerFor(name: string, config: Config, logger: Logger, metrics?: Metrics): CircuitBreaker {
  const breaker = new CircuitBreaker({
    name,
    failureThreshold: config.circuitBreaker.failureThreshold,
    cooldownMs: config.circuitBreaker.cooldownMs,
    onStateChange: ({ from, to, failures }) => {
      const fields = { dependency: name, from, to, failures };
      if (to === 'open') logger.warn(fields, `${name} circuit opened: using the local fallback`);
      else logger.info(fields, `${name} circuit ${to}`);
    },
  });
  metrics?.trackCircuit(breaker);
  return breaker;
}

/**
 * Hugging Face embeddings for the Qdrant collections when an endpoint or a token is configured. Optional
 * adapters are imported only when configured: their SDKs would add to every start.
 */
async function embeddingsFor(config: Config, metrics?: Metrics): Promise<HuggingFaceEmbedder | undefined> {
  const hf = config.huggingFace;
  if (!hf.embeddingEndpointUrl && !hf.token) return undefined;
  const { DEFAULT_HF_EMBEDDING_MODEL, HuggingFaceEmbedder } = await import('./retrieval/hf-embedder.ts');
  return new HuggingFaceEmbedder({
    token: hf.token,
    endpointUrl: hf.embeddingEndpointUrl,
    model: hf.embeddingModel ?? DEFAULT_HF_EMBEDDING_MODEL,
    timeoutMs: hf.timeoutMs,
    metrics,
  });
}

/** Qdrant collections when QDRANT_URL is set (the client and the adapter are loaded only then). */
async function qdrantIndexesFor(
  config: Config,
  deps: { remoteEmbedder?: HuggingFaceEmbedder; metrics?: Metrics; logger: Logger },
): Promise<IndexFactory | undefined> {
  if (!config.qdrant.url) return undefined;
  const { QdrantClient } = await import('@qdrant/js-client-rest');
  const { qdrantIndexes } = await import('./retrieval/qdrant.ts');
  const client = new QdrantClient({
    url: config.qdrant.url,
    apiKey: config.qdrant.apiKey,
    timeout: 2000,
    checkCompatibility: false,
  });
  return qdrantIndexes(client, {
    embedder: new HashingEmbedder(),
    ...deps,
    breaker: breakerFor('qdrant', config, deps.logger, deps.metrics),
  });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, runtime: config.runtime });
  const started = performance.now();
  let store: Store | undefined;
  try {
    store = await openConfiguredStore(config);
    const applied = await applyMigrations(store);
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    if (config.seedDemoData) {
      const seeded = await seedDemoData(store.db);
      if (seeded.products || seeded.customers) logger.info({ seeded }, 'demo data loaded');
      if (seeded.ordersSkipped) logger.warn({ reason: seeded.ordersSkipped }, 'demo orders not loaded');
    }
  } catch (error) {
    logger.fatal({ error: describeError(error) }, 'start-up failed');
    await store?.close().catch(() => {});
    process.exit(1);
  }

  const nlu = NluEngine.cached({
    dir: config.nluCacheDir,
    onCache: (event) => {
      if ('error' in event)
        logger.warn({ file: event.file, error: describeError(event.error) }, `nlu model cache ${event.kind}`);
      else
        logger.info(
          { file: event.file },
          `nlu model ${event.kind === 'hit' ? 'loaded from' : 'written to'} cache`,
        );
    },
  });
  const catalog = await listActiveProducts(store.db);
  nlu.setCatalog(catalog);
  logger.info({ build_ms: Math.round(nlu.buildMs) }, 'nlu model ready');

  const readiness = new Readiness();
  const openStore = store;
  readiness.register('store', () => openStore.ping());
  const metrics = config.metricsEnabled
    ? new Metrics({ ...config.runtime, pool: () => openStore.poolStats() })
    : undefined;
  const remoteEmbedder = config.qdrant.url ? await embeddingsFor(config, metrics) : undefined;
  const indexes = await qdrantIndexesFor(config, { remoteEmbedder, metrics, logger });
  const retrieval = await Retrieval.create(catalog, loadDocuments(), { metrics, indexes });
  logger.info(
    { retrieval: config.qdrant.url ? 'qdrant' : 'in-process', embeddings: remoteEmbedder?.name ?? 'local' },
    'retrieval indexes built',
  );
  readiness.register('index', () => {
    if (retrieval.catalog.size === 0 || retrieval.knowledge.size === 0)
      throw new Error('catalog or knowledge index is empty');
  });
  const hf = config.huggingFace;
  let generator: Generator = new TemplateGenerator();
  if (hf.token || hf.endpointUrl) {
    const { DEFAULT_HF_MODEL, HuggingFaceGenerator } = await import('./generation/huggingface.ts');
    generator = new HuggingFaceGenerator({
      ...hf,
      model: hf.model ?? (hf.endpointUrl ? undefined : DEFAULT_HF_MODEL),
      metrics,
      logger,
      breaker: breakerFor('huggingface', config, logger, metrics),
    });
  }
  logger.info({ generator: generator.name }, 'reply generation');
  const engine = new ChatEngine({ store, nlu, retrieval, metrics, generator });
  // Imports on other replicas or by the CLI reach this one through NOTIFY, or the version timer.
  const catalogSync = new CatalogSync({
    store,
    apply: reindexInto(nlu, retrieval),
    logger,
    pollMs: config.catalogPollMs,
  });
  await catalogSync.markCurrent();
  await catalogSync.start();
  const app = createApp({
    logger,
    readiness,
    nlu,
    metrics,
    chat: { store, engine, retrieval, adminKeys: config.adminKeys, catalog: catalogSync },
    web: { developerOptions: config.nodeEnv === 'development' },
    security: {
      apiKeys: config.apiKeys,
      rateLimits: config.rateLimits,
      corsOrigins: config.corsOrigins,
      requestTimeoutMs: config.requestTimeoutMs,
      bodyTimeoutMs: config.bodyTimeoutMs,
      trustProxy: config.trustProxy,
    },
  });
  const server = await startServer(app.fetch, { port: config.port, host: config.host });
  logger.info(
    {
      port: server.port,
      host: config.host,
      store: store.driver,
      startup_ms: Math.round(performance.now() - started),
    },
    `listening on http://${config.host}:${server.port}`,
  );
  if (config.apiKeys.length === 0 && config.host === '127.0.0.1') {
    logger.warn('no CHATBOT_API_KEYS configured: listening on loopback only');
  }
  installShutdown({ logger, readiness, server, store: openStore, config });
}

function installShutdown(deps: {
  logger: Logger;
  readiness: Readiness;
  server: Awaited<ReturnType<typeof startServer>>;
  store: Store;
  config: Config;
}): void {
  const { shutdownDrainMs, shutdownTimeoutMs } = deps.config;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down');
    deps.readiness.startDraining();
    // Keep serving while the router notices the failing readiness probe, then stop accepting.
    await new Promise((resolve) => setTimeout(resolve, shutdownDrainMs));
    const { forced } = await deps.server.close({ timeoutMs: shutdownTimeoutMs });
    if (forced)
      deps.logger.warn({ timeout_ms: shutdownTimeoutMs }, 'in-flight requests cut at shutdown timeout');
    await deps.store
      .close()
      .catch((error: unknown) => deps.logger.error({ error: describeError(error) }, 'store close failed'));
    deps.logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
