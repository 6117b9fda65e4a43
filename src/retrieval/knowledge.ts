/**
 * @module retrieval/knowledge
 * Policy and FAQ answers: the best-matching document sections, cited by document.
 */
import type { DocumentSection, PolicyDocument } from '../knowledge/documents.ts';
import type { Embedder } from './embedder.ts';
import { HybridIndex } from './hybrid.ts';

export class KnowledgeBase {
  readonly #index: HybridIndex<DocumentSection>;
  readonly #onSearch?: (ms: number) => void;
  readonly #sections: Map<string, DocumentSection>;

  constructor(documents: PolicyDocument[], embedder: Embedder, onSearch?: (ms: number) => void) {
    this.#onSearch = onSearch;
    this.#sections = new Map(documents.flatMap((d) => d.sections.map((s) => [s.id, s] as const)));
    this.#index = new HybridIndex(
      embedder,
      documents.flatMap((doc) =>
        doc.sections.map((section) => ({
          id: section.id,
          text: `${doc.title} ${section.heading} ${section.heading} ${section.text}`,
          meta: section,
        })),
      ),
    );
  }

  get size(): number {
    return this.#index.size;
  }

  /** A section by its id (`document#heading`). */
  section(id: string): DocumentSection | undefined {
    return this.#sections.get(id);
  }

  /** Sections answering `query`; `preferDocument` ranks sections of that document first (the intent's topic). */
  find(query: string, options: { preferDocument?: string; limit?: number } = {}): DocumentSection[] {
    const started = performance.now();
    try {
      return this.#find(query, options);
    } finally {
      this.#onSearch?.(performance.now() - started);
    }
  }

  #find(
    query: string,
    { preferDocument, limit = 2 }: { preferDocument?: string; limit?: number },
  ): DocumentSection[] {
    const hits = this.#index.search(query, { limit: 8 }).map((h) => h.meta);
    if (preferDocument) {
      const preferred = hits.filter((s) => s.documentId === preferDocument);
      const inDoc = preferred.length
        ? preferred
        : this.#index
            .search(query, { limit: 3, filter: (s) => s.documentId === preferDocument, minSimilarity: 0 })
            .map((h) => h.meta);
      return [...inDoc, ...hits.filter((s) => s.documentId !== preferDocument)].slice(0, limit);
    }
    return hits.slice(0, limit);
  }
}
