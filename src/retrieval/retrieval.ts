/**
 * @module retrieval/retrieval
 * The current catalog and knowledge indexes. A re-index builds new ones aside and swaps them in, so
 * requests in flight keep the old ones and nothing is ever half-built.
 */
import type { ProductRow } from '../db/repositories/products.ts';
import type { PolicyDocument } from '../knowledge/documents.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import { CatalogSearch } from './catalog.ts';
import { type Embedder, HashingEmbedder } from './embedder.ts';
import { KnowledgeBase } from './knowledge.ts';

export class Retrieval {
  #catalog: CatalogSearch;
  #knowledge: KnowledgeBase;
  readonly #embedder: Embedder;
  readonly #metrics?: Metrics;

  constructor(
    products: ProductRow[],
    documents: PolicyDocument[],
    options: { embedder?: Embedder; metrics?: Metrics } = {},
  ) {
    this.#embedder = options.embedder ?? new HashingEmbedder();
    this.#metrics = options.metrics;
    this.#catalog = new CatalogSearch(products, this.#embedder, this.#timer('catalog'));
    this.#knowledge = new KnowledgeBase(documents, this.#embedder, this.#timer('knowledge'));
  }

  get catalog(): CatalogSearch {
    return this.#catalog;
  }

  get knowledge(): KnowledgeBase {
    return this.#knowledge;
  }

  reindexCatalog(products: ProductRow[]): void {
    this.#catalog = new CatalogSearch(products, this.#embedder, this.#timer('catalog'));
  }

  /** Records each search in `rag_retrieval_latency_ms`, labelled by index. */
  #timer(index: 'catalog' | 'knowledge'): ((ms: number) => void) | undefined {
    const metrics = this.#metrics;
    return metrics ? (ms) => metrics.ragRetrievalLatency.record(ms, metrics.labels({ index })) : undefined;
  }
}
