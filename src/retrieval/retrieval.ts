/**
 * @module retrieval/retrieval
 * The current catalog and knowledge indexes, in-process or in Qdrant. A re-index builds new indexes aside and
 * swaps them in, so requests in flight keep the old ones and nothing is ever half-built.
 */
import type { CatalogRow } from '../db/repositories/products.ts';
import type { DocumentSection, PolicyDocument } from '../knowledge/documents.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import { CatalogSearch, type ProductMeta, productDocuments } from './catalog.ts';
import { type Embedder, HashingEmbedder } from './embedder.ts';
import { HybridIndex } from './hybrid.ts';
import { KnowledgeBase, sectionDocuments } from './knowledge.ts';
import type { IndexedDocument, SearchIndex } from './search-index.ts';

/** Builds a search index over documents: the in-process hybrid index, or a Qdrant collection. */
export type IndexFactory = <M extends object>(
  name: 'catalog' | 'knowledge',
  documents: IndexedDocument<M>[],
) => Promise<SearchIndex<M>>;

export function inProcessIndexes(embedder: Embedder = new HashingEmbedder()): IndexFactory {
  return async (_name, documents) => new HybridIndex(embedder, documents);
}

export class Retrieval {
  #catalog: CatalogSearch;
  #knowledge: KnowledgeBase;
  readonly #factory: IndexFactory;
  readonly #metrics?: Metrics;

  private constructor(
    catalog: CatalogSearch,
    knowledge: KnowledgeBase,
    factory: IndexFactory,
    metrics?: Metrics,
  ) {
    this.#catalog = catalog;
    this.#knowledge = knowledge;
    this.#factory = factory;
    this.#metrics = metrics;
  }

  static async create(
    products: CatalogRow[],
    documents: PolicyDocument[],
    options: { indexes?: IndexFactory; metrics?: Metrics } = {},
  ): Promise<Retrieval> {
    const factory = options.indexes ?? inProcessIndexes();
    const productDocs = productDocuments(products);
    const sections = sectionDocuments(documents);
    const timer = Retrieval.#timer(options.metrics);
    const catalog = new CatalogSearch(
      productDocs,
      await factory<ProductMeta>('catalog', productDocs),
      timer('catalog'),
    );
    const knowledge = new KnowledgeBase(
      sections,
      await factory<DocumentSection>('knowledge', sections),
      timer('knowledge'),
    );
    return new Retrieval(catalog, knowledge, factory, options.metrics);
  }

  get catalog(): CatalogSearch {
    return this.#catalog;
  }

  get knowledge(): KnowledgeBase {
    return this.#knowledge;
  }

  async reindexCatalog(products: CatalogRow[]): Promise<void> {
    const docs = productDocuments(products);
    const next = new CatalogSearch(
      docs,
      await this.#factory<ProductMeta>('catalog', docs),
      Retrieval.#timer(this.#metrics)('catalog'),
    );
    const previous = this.#catalog;
    this.#catalog = next;
    await previous.index.drop();
  }

  /** Records each search in `rag_retrieval_latency_ms`, labelled by index. */
  static #timer(metrics?: Metrics) {
    return (index: 'catalog' | 'knowledge'): ((ms: number) => void) | undefined =>
      metrics ? (ms) => metrics.ragRetrievalLatency.record(ms, metrics.labels({ index })) : undefined;
  }
}
