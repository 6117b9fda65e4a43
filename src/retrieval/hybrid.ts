/**
 * @module retrieval/hybrid
 * The in-process hybrid index: BM25 and dense vectors, fused with reciprocal rank fusion (k = 60).
 * A document is returned only when BM25 finds a shared term, so "nothing matches" stays empty; the dense
 * ranking reorders and rescues misspelt terms among those candidates and close spellings.
 */
import { Bm25Index } from './bm25.ts';
import { cosine, type Embedder } from './embedder.ts';
import {
  type Hit,
  type IndexedDocument,
  passes,
  type SearchIndex,
  type SearchOptions,
} from './search-index.ts';

const RRF_K = 60;

export class HybridIndex<M extends object> implements SearchIndex<M> {
  readonly #bm25 = new Bm25Index();
  readonly #vectors = new Map<string, Float32Array>();
  readonly #docs = new Map<string, IndexedDocument<M>>();
  readonly #embedder: Embedder;

  constructor(embedder: Embedder, documents: IndexedDocument<M>[] = []) {
    this.#embedder = embedder;
    for (const doc of documents) this.add(doc);
  }

  add(doc: IndexedDocument<M>): void {
    this.#docs.set(doc.id, doc);
    this.#bm25.add(doc.id, doc.text);
    this.#vectors.set(doc.id, this.#embedder.embed(doc.text));
  }

  get size(): number {
    return this.#docs.size;
  }

  async drop(): Promise<void> {}

  async search(
    query: string,
    { limit = 5, filter, minSimilarity = 0.35 }: SearchOptions = {},
  ): Promise<Hit<M>[]> {
    const allow = filter
      ? (id: string) => passes((this.#docs.get(id) as IndexedDocument<M>).meta, filter)
      : undefined;
    const lexical = this.#bm25.search(query, 50, allow);
    const q = this.#embedder.embed(query);
    const dense = [...this.#docs.values()]
      .filter((d) => !allow || allow(d.id))
      .map((d) => ({ id: d.id, score: cosine(q, this.#vectors.get(d.id) as Float32Array) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 50);
    const fused = new Map<string, number>();
    lexical.forEach((hit, rank) => {
      fused.set(hit.id, (fused.get(hit.id) ?? 0) + 1 / (RRF_K + rank + 1));
    });
    dense.forEach((hit, rank) => {
      // Dense-only hits must be close in spelling; otherwise every query would "match" something.
      if (!fused.has(hit.id) && hit.score < minSimilarity) return;
      fused.set(hit.id, (fused.get(hit.id) ?? 0) + 1 / (RRF_K + rank + 1));
    });
    return [...fused]
      .map(([id, score]) => ({ id, score, meta: (this.#docs.get(id) as IndexedDocument<M>).meta }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }
}
