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
  /** Whether any document holds a (folded) word; an index that cannot tell leaves it out. */
  holds?(word: string): boolean;
  search(query: string, options?: SearchOptions): Promise<Hit<M>[]>;
  /** Frees what the index holds outside the process (a Qdrant collection). */
  drop(): Promise<void>;
}

/** Whether a document's metadata passes a filter (the in-process evaluation). */
export function passes(meta: object, filter: SearchFilter | undefined): boolean {
  return compileFilter(filter)(meta);
}

/**
 * A filter as a predicate, its conditions read once: one small function per condition, each holding its
 * field and bounds (a search over a big catalog tests thousands of documents).
 */
export function compileFilter(filter: SearchFilter | undefined): (meta: object) => boolean {
  type Test = (record: Record<string, unknown>) => boolean;
  const tests: Test[] = [
    ...Object.entries(filter?.anyOf ?? {}).map(([field, list]): Test => {
      const values = new Set<unknown>(list);
      return (record) => values.has(record[field]);
    }),
    ...Object.entries(filter?.range ?? {}).map(([field, { gte, lte }]): Test => {
      const low = gte ?? Number.NEGATIVE_INFINITY;
      const high = lte ?? Number.POSITIVE_INFINITY;
      return (record) => {
        const value = record[field];
        return typeof value === 'number' && value >= low && value <= high;
      };
    }),
  ];
  if (tests.length === 0) return () => true;
  const [only] = tests;
  if (tests.length === 1 && only) return only as (meta: object) => boolean;
  return (meta) => {
    const record = meta as Record<string, unknown>;
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as Test)(record)) return false;
    return true;
  };
}
