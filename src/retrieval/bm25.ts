/**
 * @module retrieval/bm25
 * Okapi BM25 over an in-memory corpus (k1 = 1.2, b = 0.75).
 */
import { indexInSorted } from './sorted.ts';
import { searchTokens } from './text.ts';

/** Documents a term must be in to count as common (see `search`); far above any demo-sized catalog. */
const COMMON_TERM = 2000;

/** BM25's length normalisation of a document, k1 × (1 − b + b × length / average) with k1 = 1.2, b = 0.75. */
function lengthNorm(length: number, average: number): number {
  return 1.2 * (0.25 + (0.75 * length) / average);
}

export interface Scored {
  id: string;
  score: number;
}

/**
 * A term's documents, by their number in the index (ascending, as they were added), and how often it
 * occurs in each. Numbers and parallel arrays instead of a map per term: a 100,000-product catalog holds
 * millions of (term, document) pairs, and a map entry for each made building it slow and the heap large.
 */
interface Posting {
  docs: number[];
  counts: number[];
}

export class Bm25Index {
  readonly #postings = new Map<string, Posting>();
  /** Document number → id, and each document's length in tokens. */
  readonly #ids: string[] = [];
  readonly #lengths: number[] = [];
  readonly #numbers = new Map<string, number>();
  #totalLength = 0;

  add(id: string, text: string): void {
    this.addTokens(id, searchTokens(text));
  }

  /** Adds a document already split by `searchTokens` (the hybrid index needs its words too). */
  addTokens(id: string, tokens: string[]): void {
    if (this.#numbers.has(id)) throw new Error(`document ${id} is already indexed`);
    // Lengths and the average change: orders worked out for earlier searches no longer hold.
    this.#weightOrders.clear();
    const doc = this.#ids.length;
    this.#ids.push(id);
    this.#numbers.set(id, doc);
    this.#lengths.push(tokens.length);
    this.#totalLength += tokens.length;
    for (const token of tokens) {
      let posting = this.#postings.get(token);
      if (!posting) {
        posting = { docs: [], counts: [] };
        this.#postings.set(token, posting);
      }
      const last = posting.docs.length - 1;
      if (posting.docs[last] === doc) posting.counts[last] = (posting.counts[last] as number) + 1;
      else {
        posting.docs.push(doc);
        posting.counts.push(1);
      }
    }
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Whether any document holds this (folded) term. */
  has(term: string): boolean {
    return this.#postings.has(term);
  }

  /** How many documents hold a term. */
  documentCount(term: string): number {
    return this.#postings.get(term)?.docs.length ?? 0;
  }

  /** The documents holding a term. */
  *documentsWith(term: string): Iterable<string> {
    for (const doc of this.#postings.get(term)?.docs ?? []) yield this.#ids[doc] as string;
  }

  /** A document's number (its position in the order documents were added). */
  numberOf(id: string): number | undefined {
    return this.#numbers.get(id);
  }

  /**
   * Documents sharing at least one query term (the query's text, or its terms already tokenized), best first; `allow` restricts the candidates (by document
   * number). Rarer terms go first; a term held by more than `COMMON_TERM` documents only adds to the scores
   * of documents already found (in a big catalog "black" alone would touch thousands), unless nothing was
   * found yet.
   */
  search(query: string | readonly string[], limit = 10, allow?: (doc: number) => boolean): Scored[] {
    const n = this.#ids.length;
    if (n === 0) return [];
    const average = this.#totalLength / n;
    // Scores in a dense array with the list of documents touched: a query of common words scores tens of
    // thousands of documents, where a Map per query cost more than the scoring.
    const scores = this.#scratch(n);
    const touched: number[] = [];
    let found = 0;
    const postings = [...new Set(typeof query === 'string' ? searchTokens(query) : query)]
      .map((token) => this.#postings.get(token))
      .filter((posting) => posting !== undefined)
      .sort((a, b) => a.docs.length - b.docs.length);
    try {
      for (const [p, posting] of postings.entries()) {
        const { docs, counts } = posting;
        const df = docs.length;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const add = (doc: number, tf: number) => {
          const norm = lengthNorm(this.#lengths[doc] as number, average);
          scores[doc] = (scores[doc] as number) + (idf * tf * 2.2) / (tf + norm);
        };
        if (df > COMMON_TERM && found > 0) {
          for (const doc of touched) {
            if ((scores[doc] as number) < 0) continue;
            const at = indexInSorted(posting.docs, doc);
            if (at >= 0) add(doc, counts[at] as number);
          }
          continue;
        }
        // A common term that is the query's last and finds the first allowed documents ("tablet" when the
        // rarer "ipad" found none under the price limit) is walked best-weighted first, until `limit`
        // documents are allowed: its top documents exactly, without scoring thousands of others. (Before
        // another term, the best documents for one term are not those for both: "iphone 13 pro".)
        const order =
          df > COMMON_TERM && found === 0 && p === postings.length - 1
            ? this.#byWeight(posting, average)
            : undefined;
        for (let k = 0; k < df; k++) {
          if (order && found >= limit) break;
          const i = order ? (order[k] as number) : k;
          const doc = docs[i] as number;
          if (scores[doc] === 0) {
            // Scores are positive, so 0 is "not seen"; a refused document is marked -1 and stays out.
            if (allow && !allow(doc)) {
              scores[doc] = -1;
              touched.push(doc);
              continue;
            }
            touched.push(doc);
            found++;
          } else if ((scores[doc] as number) < 0) continue;
          add(doc, counts[i] as number);
        }
      }
      return best(scores, touched, this.#ids, limit);
    } finally {
      for (const doc of touched) scores[doc] = 0;
    }
  }

  /** Postings of common terms in descending weight, computed the first time a query needs one. */
  readonly #weightOrders = new Map<Posting, Int32Array>();

  /**
   * A posting's positions ordered by the term's weight in each document (term frequency against document
   * length, the part of BM25 that varies within one term), the earlier-added document first among equals.
   */
  #byWeight(posting: Posting, average: number): Int32Array {
    let order = this.#weightOrders.get(posting);
    if (!order) {
      const { docs, counts } = posting;
      const weight = new Float64Array(docs.length);
      for (let i = 0; i < docs.length; i++) {
        const tf = counts[i] as number;
        weight[i] = tf / (tf + lengthNorm(this.#lengths[docs[i] as number] as number, average));
      }
      order = Int32Array.from(docs.keys()).sort(
        (a, b) => (weight[b] as number) - (weight[a] as number) || a - b,
      );
      this.#weightOrders.set(posting, order);
    }
    return order;
  }

  #scores = new Float64Array(0);

  /** The zeroed score array, grown to the corpus (every search leaves it zeroed again). */
  #scratch(n: number): Float64Array {
    if (this.#scores.length < n) this.#scores = new Float64Array(n);
    return this.#scores;
  }
}

/**
 * The `limit` best documents, best first, the earlier-added first among equal scores, without sorting them all
 * (a common term scores thousands). Compared as numbers: ids are read only for the ones returned.
 */
function best(scores: Float64Array, docs: number[], ids: string[], limit: number): Scored[] {
  const top: number[] = [];
  const before = (a: number, b: number) => (scores[b] as number) - (scores[a] as number) || a - b;
  for (const doc of docs) {
    if ((scores[doc] as number) <= 0) continue;
    if (top.length >= limit && before(doc, top[top.length - 1] as number) >= 0) continue;
    let at = top.length;
    while (at > 0 && before(doc, top[at - 1] as number) < 0) at--;
    top.splice(at, 0, doc);
    if (top.length > limit) top.pop();
  }
  return top.map((doc) => ({ id: ids[doc] as string, score: scores[doc] as number }));
}
