/**
 * @module retrieval/hybrid
 * The in-process hybrid index: BM25 and dense vectors, fused with reciprocal rank fusion (k = 60).
 * Candidates are the documents sharing a term with the query, and those holding a word spelt like one of its
 * unknown words (character trigrams); only candidates are embedded (on first use) and scored densely, so
 * a query costs what its words touch, not the size of the catalog. The dense ranking reorders them and rescues the close
 * spellings; "nothing matches" stays empty.
 */
import { Bm25Index } from './bm25.ts';
import { FilterColumns } from './columns.ts';
import { cosine, type Embedder } from './embedder.ts';
import type { Hit, IndexedDocument, SearchIndex, SearchOptions } from './search-index.ts';
import { mayBeMisspelt, onlyBesideAName, slipsBetween } from './spelling.ts';
import { searchTokens } from './text.ts';

const RRF_K = 60;
/** A misspelt word is searched as at most this many catalog words equally close to it. */
const MAX_READINGS = 3;

/** Share of a misspelt word's trigrams a vocabulary word must have to make its documents candidates. */
const SPELLING_OVERLAP = 0.5;
/** At most this many documents join the candidates for spelling alone. */
const MAX_SPELLED_ALIKE = 200;

/**
 * Ties broken by the strings' code units: any fixed order will do, and ICU's collation (localeCompare) was a
 * few per cent of a chat turn's CPU on a 100,000-product catalog, where equal fused scores are common.
 */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A word's character trigrams, with its edges marked ("#he", "hea", …, "ne#"). */
function trigrams(word: string): string[] {
  const marked = `#${word}#`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= marked.length; i++) grams.push(marked.slice(i, i + 3));
  return grams;
}

export class HybridIndex<M extends object> implements SearchIndex<M> {
  readonly #bm25 = new Bm25Index();
  readonly #vectors = new Map<string, Float32Array>();
  readonly #docs = new Map<string, IndexedDocument<M>>();
  /** Each document's metadata by its BM25 number (added in the same order), for filters in the hot loop. */
  readonly #metas: M[] = [];
  readonly #columns = new FilterColumns(this.#metas);
  readonly #embedder: Embedder;
  /** Vocabulary words by trigram, for words the query spells differently. */
  readonly #wordsByGram = new Map<string, Set<string>>();

  constructor(embedder: Embedder, documents: IndexedDocument<M>[] = []) {
    this.#embedder = embedder;
    for (const doc of documents) this.add(doc);
  }

  add(doc: IndexedDocument<M>): void {
    this.#docs.set(doc.id, doc);
    const tokens = searchTokens(doc.text);
    for (const word of tokens) {
      if (this.#bm25.has(word)) continue;
      for (const gram of trigrams(word)) {
        const words = this.#wordsByGram.get(gram) ?? new Set<string>();
        this.#wordsByGram.set(gram, words.add(word));
      }
    }
    this.#bm25.addTokens(doc.id, tokens);
    this.#metas.push(doc.meta);
  }

  /** A document's vector, embedded the first time it is a candidate (a big catalog starts without them). */
  #vectorOf(id: string): Float32Array {
    let vector = this.#vectors.get(id);
    if (!vector) {
      vector = this.#embedder.embed((this.#docs.get(id) as IndexedDocument<M>).text);
      this.#vectors.set(id, vector);
    }
    return vector;
  }

  get size(): number {
    return this.#docs.size;
  }

  holds(word: string): boolean {
    return this.#bm25.has(word);
  }

  async drop(): Promise<void> {}

  async search(
    query: string,
    { limit = 5, filter, minSimilarity = 0.35 }: SearchOptions = {},
  ): Promise<Hit<M>[]> {
    const allowDoc = this.#columns.compile(filter);
    const terms = searchTokens(query);
    // The vocabulary words sharing trigrams with each word no document holds, worked out once for both uses.
    const unknown = new Map<string, Map<string, number>>();
    for (const word of terms)
      if (word.length >= 3 && !this.#bm25.has(word) && !unknown.has(word))
        unknown.set(word, this.#sharingGrams(word));
    const besideAName = terms.some((t) => this.#bm25.has(t));
    const lexical = this.#bm25.search([...terms, ...this.#misspelt(unknown, besideAName)], 50, allowDoc);
    const candidates = new Set(lexical.map((hit) => hit.id));
    for (const id of this.#spelledAlike(unknown))
      if (!allowDoc || allowDoc(this.#bm25.numberOf(id) as number)) candidates.add(id);
    if (candidates.size === 0) return [];
    const q = this.#embedder.embed(query);
    const dense = [...candidates]
      .map((id) => ({ id, score: cosine(q, this.#vectorOf(id)) }))
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
      .sort((a, b) => b.score - a.score || byCodeUnits(a.id, b.id))
      .slice(0, limit);
  }

  /** Vocabulary words sharing a trigram with `word`, with how many they share. */
  #sharingGrams(word: string): Map<string, number> {
    const shared = new Map<string, number>();
    for (const gram of new Set(trigrams(word)))
      for (const other of this.#wordsByGram.get(gram) ?? []) shared.set(other, (shared.get(other) ?? 0) + 1);
    return shared;
  }

  /**
   * For each query word no document holds, the catalog words it is most likely a misspelling of ("vollyball"
   * → volleyball, "mni" → mini): fewest edits, then the most used. BM25 searches for them too, so a lone
   * misspelt word finds its product without the dense ranking's help.
   */
  #misspelt(unknown: Map<string, Map<string, number>>, besideAName: boolean): string[] {
    const found: string[] = [];
    for (const [word, sharing] of unknown) {
      if (!mayBeMisspelt(word)) continue;
      const readings = [...sharing.keys()].flatMap((other) => {
        if (!besideAName && onlyBesideAName(word, other)) return [];
        const slips = slipsBetween(word, other);
        return slips === undefined ? [] : [{ word: other, slips, df: this.#bm25.documentCount(other) }];
      });
      const fewest = Math.min(...readings.map((r) => r.slips));
      found.push(
        ...readings
          .filter((r) => r.slips === fewest)
          .sort((a, b) => b.df - a.df || byCodeUnits(a.word, b.word))
          .slice(0, MAX_READINGS)
          .map((r) => r.word),
      );
    }
    return found;
  }

  /** Documents holding a word spelt like one of the query's words that no document holds ("headphnes"). */
  #spelledAlike(unknown: Map<string, Map<string, number>>): Set<string> {
    const found = new Set<string>();
    for (const [word, sharing] of unknown) {
      if (word.length < 4) continue;
      const grams = trigrams(word);
      for (const [other, count] of sharing) {
        // Dice overlap of the two words' trigrams (a word of n letters has n of them).
        if ((2 * count) / (grams.length + other.length) < SPELLING_OVERLAP) continue;
        for (const id of this.#bm25.documentsWith(other)) {
          // Enough to rescue a misspelling; a common word spelt alike must not drag in the catalog.
          if (found.size >= MAX_SPELLED_ALIKE) return found;
          found.add(id);
        }
      }
    }
    return found;
  }
}
