/**
 * @module retrieval/knowledge
 * Policy and FAQ answers: the best-matching document sections, cited by document.
 */
import type { DocumentSection, PolicyDocument } from '../knowledge/documents.ts';
import type { IndexedDocument, SearchIndex } from './search-index.ts';

/** The documents the policy sections are indexed as. */
export function sectionDocuments(documents: PolicyDocument[]): IndexedDocument<DocumentSection>[] {
  return documents.flatMap((doc) =>
    doc.sections.map((section) => ({
      id: section.id,
      text: `${doc.title} ${section.heading} ${section.heading} ${section.text}`,
      meta: section,
    })),
  );
}

export class KnowledgeBase {
  readonly #index: SearchIndex<DocumentSection>;
  readonly #onSearch?: (ms: number) => void;
  readonly #sections: Map<string, DocumentSection>;

  constructor(
    documents: IndexedDocument<DocumentSection>[],
    index: SearchIndex<DocumentSection>,
    onSearch?: (ms: number) => void,
  ) {
    this.#index = index;
    this.#onSearch = onSearch;
    this.#sections = new Map(documents.map((d) => [d.id, d.meta]));
  }

  get size(): number {
    return this.#sections.size;
  }

  /** A section by its id (`document#heading`). */
  section(id: string): DocumentSection | undefined {
    return this.#sections.get(id);
  }

  /** Sections answering `query`; `preferDocument` ranks sections of that document first (the intent's topic). */
  async find(
    query: string,
    options: { preferDocument?: string; limit?: number } = {},
  ): Promise<DocumentSection[]> {
    const started = performance.now();
    try {
      return await this.#find(query, options);
    } finally {
      this.#onSearch?.(performance.now() - started);
    }
  }

  async #find(
    query: string,
    { preferDocument, limit = 2 }: { preferDocument?: string; limit?: number },
  ): Promise<DocumentSection[]> {
    const hits = (await this.#index.search(query, { limit: 8 })).map((h) => h.meta);
    if (!preferDocument) return hits.slice(0, limit);
    let inDoc = hits.filter((s) => s.documentId === preferDocument);
    if (inDoc.length === 0) {
      const filtered = await this.#index.search(query, {
        limit: 3,
        filter: { anyOf: { documentId: [preferDocument] } },
        minSimilarity: 0,
      });
      inDoc = filtered.map((h) => h.meta);
    }
    return [...inDoc, ...hits.filter((s) => s.documentId !== preferDocument)].slice(0, limit);
  }
}
