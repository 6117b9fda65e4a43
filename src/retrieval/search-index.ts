/**
 * @module retrieval/search-index
 * The port both retrieval adapters implement: the in-process hybrid index and Qdrant.
 */

/** Structured filters, so each adapter can apply them natively (Qdrant turns them into payload conditions). */
export interface SearchFilter {
  /** Field value must be one of these. */
  anyOf?: Record<string, (string | number | boolean)[]>;
  range?: Record<string, { gte?: number; lte?: number }>;
}

export interface IndexedDocument<M> {
  id: string;
  text: string;
  meta: M;
}

export interface Hit<M> {
  id: string;
  score: number;
  meta: M;
}

export interface SearchOptions {
  limit?: number;
  filter?: SearchFilter;
  /** In-process index only: how close in spelling a dense-only hit must be. */
  minSimilarity?: number;
}

export interface SearchIndex<M> {
  readonly size: number;
  search(query: string, options?: SearchOptions): Promise<Hit<M>[]>;
  /** Frees what the index holds outside the process (a Qdrant collection). */
  drop(): Promise<void>;
}

/** Whether a document's metadata passes a filter (the in-process evaluation). */
export function passes(meta: object, filter: SearchFilter | undefined): boolean {
  return compileFilter(filter)(meta);
}

/** A filter as a predicate, its conditions read once (a search over a big catalog tests many documents). */
export function compileFilter(filter: SearchFilter | undefined): (meta: object) => boolean {
  if (!filter) return () => true;
  const anyOf = Object.entries(filter.anyOf ?? {}).map(
    ([field, values]) => [field, new Set(values)] as const,
  );
  const ranges = Object.entries(filter.range ?? {});
  return (meta) => {
    const record = meta as Record<string, unknown>;
    for (const [field, values] of anyOf)
      if (!values.has(record[field] as string | number | boolean)) return false;
    for (const [field, { gte, lte }] of ranges) {
      const value = record[field];
      if (typeof value !== 'number') return false;
      if (gte !== undefined && value < gte) return false;
      if (lte !== undefined && value > lte) return false;
    }
    return true;
  };
}
