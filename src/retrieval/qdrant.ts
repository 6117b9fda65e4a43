/**
 * @module retrieval/qdrant
 * The Qdrant adapter: each index is a collection with a dense vector (the embedder's) and a sparse lexical
 * vector (hashed term counts; Qdrant applies IDF), payload indexes on the filter fields, and hybrid queries
 * through the Query API: both vectors prefetched, fused with reciprocal rank fusion. A rebuild writes a new
 * collection and the caller swaps to it, then drops the old one.
 */
import type { QdrantClient } from '@qdrant/js-client-rest';
import { hash } from '../nlu/features.ts';
import { type CircuitBreaker, CircuitOpenError } from '../resilience/circuit-breaker.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import type { Embedder } from './embedder.ts';
import { type AsyncEmbedder, localEmbedder } from './hf-embedder.ts';
import { HybridIndex } from './hybrid.ts';
import type { IndexFactory } from './retrieval.ts';
import type { Hit, IndexedDocument, SearchFilter, SearchIndex, SearchOptions } from './search-index.ts';
import { searchTokens } from './text.ts';

const SPARSE_BUCKETS = 1 << 20;

/** Term counts as a sparse vector (indices sorted, as Qdrant wants them). */
export function sparseVector(text: string): { indices: number[]; values: number[] } {
  const counts = new Map<number, number>();
  for (const token of searchTokens(text)) {
    const index = hash(token) % SPARSE_BUCKETS;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((i) => 1 + Math.log(counts.get(i) as number)) };
}

/** Structured filter → Qdrant payload conditions. */
export function qdrantFilter(filter: SearchFilter | undefined): Record<string, unknown> | undefined {
  const must: Record<string, unknown>[] = [];
  for (const [key, values] of Object.entries(filter?.anyOf ?? {})) {
    must.push(values.length === 1 ? { key, match: { value: values[0] } } : { key, match: { any: values } });
  }
  for (const [key, range] of Object.entries(filter?.range ?? {})) must.push({ key, range });
  return must.length ? { must } : undefined;
}

export class QdrantIndex<M extends object> implements SearchIndex<M> {
  readonly size: number;
  readonly #client: QdrantClient;
  readonly #collection: string;
  readonly #embedder: AsyncEmbedder;
  readonly #metrics?: Metrics;

  private constructor(
    client: QdrantClient,
    collection: string,
    embedder: AsyncEmbedder,
    size: number,
    metrics?: Metrics,
  ) {
    this.#client = client;
    this.#collection = collection;
    this.#embedder = embedder;
    this.size = size;
    this.#metrics = metrics;
  }

  get collection(): string {
    return this.#collection;
  }

  /** Creates the collection, its payload indexes and points; `filterFields` are the fields filters use. */
  static async build<M extends object>(
    client: QdrantClient,
    options: {
      collection: string;
      embedder: AsyncEmbedder;
      documents: IndexedDocument<M>[];
      filterFields: Record<string, 'keyword' | 'float' | 'bool'>;
      metrics?: Metrics;
    },
  ): Promise<QdrantIndex<M>> {
    const { collection, embedder, documents } = options;
    // The model decides the vector size: embed first, then create the collection to match.
    const vectors = await embedder.embedBatch(documents.map((doc) => doc.text));
    const size = vectors[0]?.length;
    if (!size) throw new Error(`no vectors to index in ${collection}`);
    await client.createCollection(collection, {
      vectors: { dense: { size, distance: 'Cosine' } },
      sparse_vectors: { lexical: { modifier: 'idf' } },
    });
    for (const [field_name, field_schema] of Object.entries(options.filterFields)) {
      await client.createPayloadIndex(collection, { field_name, field_schema, wait: true });
    }
    for (let i = 0; i < documents.length; i += 128) {
      const batch = documents.slice(i, i + 128);
      await client.upsert(collection, {
        wait: true,
        points: batch.map((doc, j) => ({
          id: i + j + 1,
          vector: { dense: [...(vectors[i + j] as Float32Array)], lexical: sparseVector(doc.text) },
          payload: { ...(doc.meta as Record<string, unknown>), _docId: doc.id },
        })),
      });
    }
    return new QdrantIndex(client, collection, embedder, documents.length, options.metrics);
  }

  async search(query: string, { limit = 5, filter }: SearchOptions = {}): Promise<Hit<M>[]> {
    const started = performance.now();
    try {
      const sparse = sparseVector(query);
      const conditions = qdrantFilter(filter);
      const prefetch = [
        {
          query: [...((await this.#embedder.embedBatch([query]))[0] as Float32Array)],
          using: 'dense',
          limit: 50,
          ...(conditions ? { filter: conditions } : {}),
        },
        ...(sparse.indices.length
          ? [{ query: sparse, using: 'lexical', limit: 50, ...(conditions ? { filter: conditions } : {}) }]
          : []),
      ];
      const result = await this.#client.query(this.#collection, {
        prefetch,
        query: { fusion: 'rrf' },
        limit,
        with_payload: true,
        ...(conditions ? { filter: conditions } : {}),
      });
      return result.points.map((point) => {
        const { _docId, ...meta } = (point.payload ?? {}) as Record<string, unknown>;
        return { id: String(_docId), score: point.score, meta: meta as M };
      });
    } finally {
      this.#metrics?.qdrantSearchLatency.record(
        performance.now() - started,
        this.#metrics.labels({ collection: this.#collection }),
      );
    }
  }

  async drop(): Promise<void> {
    await this.#client.deleteCollection(this.#collection);
  }
}

/**
 * Qdrant first, the in-process index when Qdrant fails (down, slow past the client's timeout, or erroring):
 * the customer still gets an answer, and the log says so.
 */
export class FallbackIndex<M extends object> implements SearchIndex<M> {
  readonly #primary: SearchIndex<M>;
  readonly #fallback: SearchIndex<M>;
  readonly #onFallback: (error: unknown) => void;
  readonly #breaker: CircuitBreaker | undefined;

  /**
   * With a breaker, a primary that keeps failing is skipped outright while the circuit is open: queries go
   * straight to the fallback instead of each waiting for the primary's timeout.
   */
  constructor(
    primary: SearchIndex<M>,
    fallback: SearchIndex<M>,
    onFallback: (error: unknown) => void,
    breaker?: CircuitBreaker,
  ) {
    this.#primary = primary;
    this.#fallback = fallback;
    this.#onFallback = onFallback;
    this.#breaker = breaker;
  }

  get size(): number {
    return this.#primary.size;
  }

  async search(query: string, options?: SearchOptions): Promise<Hit<M>[]> {
    const primary = () => this.#primary.search(query, options);
    try {
      return await (this.#breaker ? this.#breaker.run(primary) : primary());
    } catch (error) {
      if (!(error instanceof CircuitOpenError)) this.#onFallback(error);
      return this.#fallback.search(query, options);
    }
  }

  async drop(): Promise<void> {
    await Promise.allSettled([this.#primary.drop(), this.#fallback.drop()]);
  }
}

/** Index factory for Retrieval: a new, timestamped collection per build (`<prefix>_<name>_<ms>`). */
export function qdrantIndexes(
  client: QdrantClient,
  {
    embedder,
    remoteEmbedder = localEmbedder(embedder),
    prefix = 'shopyverse',
    metrics,
    logger,
    breaker,
  }: {
    /** The in-process fallback index's embedder. */
    embedder: Embedder;
    /** The Qdrant collections' dense vectors; the local embedder when not given. */
    remoteEmbedder?: AsyncEmbedder;
    prefix?: string;
    metrics?: Metrics;
    logger?: Pick<Logger, 'warn' | 'error'>;
    /** Shared by every index on this Qdrant: one outage opens it for all. */
    breaker?: CircuitBreaker;
  },
): IndexFactory {
  const fields: Record<string, Record<string, 'keyword' | 'float' | 'bool'>> = {
    catalog: { category: 'keyword', brandKey: 'keyword', finalPrice: 'float', inStock: 'bool' },
    knowledge: { documentId: 'keyword' },
  };
  return async (name, documents) => {
    const local = new HybridIndex(embedder, documents);
    try {
      const remote = await QdrantIndex.build(client, {
        collection: `${prefix}_${name}_${Date.now()}`,
        embedder: remoteEmbedder,
        documents,
        filterFields: fields[name] ?? {},
        metrics,
      });
      return new FallbackIndex(
        remote,
        local,
        (error) =>
          logger?.warn(
            { index: name, error: String(error).slice(0, 200) },
            'qdrant search failed; answered from the in-process index',
          ),
        breaker,
      );
    } catch (error) {
      logger?.error(
        { index: name, error: String(error).slice(0, 200) },
        'qdrant index build failed; using the in-process index',
      );
      return local;
    }
  };
}
