/**
 * @module retrieval/bm25
 * Okapi BM25 over an in-memory corpus (k1 = 1.2, b = 0.75).
 */
import { searchTokens } from './text.ts';

/** Documents a term must be in to count as common (see `search`); far above any demo-sized catalog. */
const COMMON_TERM = 2000;

export interface Scored {
  id: string;
  score: number;
}

export class Bm25Index {
  readonly #postings = new Map<string, Map<string, number>>();
  readonly #lengths = new Map<string, number>();
  #totalLength = 0;

  add(id: string, text: string): void {
    const tokens = searchTokens(text);
    this.#lengths.set(id, tokens.length);
    this.#totalLength += tokens.length;
    for (const token of tokens) {
      const posting = this.#postings.get(token) ?? new Map<string, number>();
      this.#postings.set(token, posting);
      posting.set(id, (posting.get(id) ?? 0) + 1);
    }
  }

  get size(): number {
    return this.#lengths.size;
  }

  /** Whether any document holds this (folded) term. */
  has(term: string): boolean {
    return this.#postings.has(term);
  }

  /** The documents holding a term. */
  documentsWith(term: string): Iterable<string> {
    return this.#postings.get(term)?.keys() ?? [];
  }

  /**
   * Documents sharing at least one query term, best first; `allow` restricts the candidates. Rarer terms
   * go first; a term held by more than `COMMON_TERM` documents only adds to the scores of documents
   * already found (in a big catalog "black" alone would touch thousands), unless nothing was found yet.
   */
  search(query: string, limit = 10, allow?: (id: string) => boolean): Scored[] {
    const n = this.#lengths.size;
    if (n === 0) return [];
    const average = this.#totalLength / n;
    const scores = new Map<string, number>();
    const postings = [...new Set(searchTokens(query))]
      .map((token) => this.#postings.get(token))
      .filter((posting) => posting !== undefined)
      .sort((a, b) => a.size - b.size);
    for (const posting of postings) {
      const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
      const score = (id: string, tf: number) => {
        const length = this.#lengths.get(id) ?? 0;
        const s = (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * length) / average));
        scores.set(id, (scores.get(id) ?? 0) + s);
      };
      if (posting.size > COMMON_TERM && scores.size > 0) {
        for (const id of scores.keys()) {
          const tf = posting.get(id);
          if (tf !== undefined) score(id, tf);
        }
        continue;
      }
      for (const [id, tf] of posting) if (!allow || allow(id)) score(id, tf);
    }
    return best(scores, limit);
  }
}

const before = (a: Scored, b: Scored) => b.score - a.score || a.id.localeCompare(b.id);

/** The `limit` best scores, best first, without sorting them all (a common term scores thousands). */
function best(scores: Map<string, number>, limit: number): Scored[] {
  const top: Scored[] = [];
  for (const [id, score] of scores) {
    const hit = { id, score };
    if (top.length >= limit && before(hit, top[top.length - 1] as Scored) >= 0) continue;
    let at = top.length;
    while (at > 0 && before(hit, top[at - 1] as Scored) < 0) at--;
    top.splice(at, 0, hit);
    if (top.length > limit) top.pop();
  }
  return top;
}
