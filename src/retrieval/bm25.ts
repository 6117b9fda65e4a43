/**
 * @module retrieval/bm25
 * Okapi BM25 over an in-memory corpus (k1 = 1.2, b = 0.75).
 */
import { searchTokens } from './text.ts';

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

  /** Documents sharing at least one query term, best first; `allow` restricts the candidates. */
  search(query: string, limit = 10, allow?: (id: string) => boolean): Scored[] {
    const n = this.#lengths.size;
    if (n === 0) return [];
    const average = this.#totalLength / n;
    const scores = new Map<string, number>();
    for (const token of new Set(searchTokens(query))) {
      const posting = this.#postings.get(token);
      if (!posting) continue;
      const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
      for (const [id, tf] of posting) {
        if (allow && !allow(id)) continue;
        const length = this.#lengths.get(id) ?? 0;
        const s = (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * length) / average));
        scores.set(id, (scores.get(id) ?? 0) + s);
      }
    }
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }
}
