/**
 * @module knowledge/documents
 * Loads the store's policy and FAQ documents (Markdown with a small front matter) and splits them into
 * sections, the unit that retrieval indexes and that replies cite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const POLICIES_FOLDER = resolve(import.meta.dirname, '../../content/policies');

const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
});

export interface DocumentSection {
  /** `<document id>#<section slug>` */
  id: string;
  documentId: string;
  documentTitle: string;
  heading: string;
  text: string;
}

export interface PolicyDocument {
  id: string;
  title: string;
  body: string;
  sections: DocumentSection[];
}

/** Parses one document; throws with the file name when the front matter is missing or wrong. */
export function parseDocument(source: string, name: string): PolicyDocument {
  const match = source.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  if (!match) throw new Error(`${name}: missing front matter`);
  const fields = Object.fromEntries(
    (match[1] ?? '')
      .split('\n')
      .map((line) => line.match(/^(\w+):\s*(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => [m[1], m[2]?.trim()]),
  );
  const meta = frontMatterSchema.safeParse(fields);
  if (!meta.success)
    throw new Error(
      `${name}: bad front matter: ${meta.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  const body = (match[2] ?? '').trim();
  return { ...meta.data, body, sections: splitSections(meta.data.id, meta.data.title, body) };
}

function splitSections(documentId: string, documentTitle: string, body: string): DocumentSection[] {
  const sections: DocumentSection[] = [];
  let heading = documentTitle;
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join('\n').trim();
    if (text) {
      const slug = heading
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      sections.push({ id: `${documentId}#${slug}`, documentId, documentTitle, heading, text });
    }
    lines = [];
  };
  for (const line of body.split('\n')) {
    const h = line.match(/^#{1,3}\s+(.*)$/);
    if (h) {
      flush();
      heading = h[1]?.trim() ?? heading;
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

/** Loads every `*.md` in the folder, sorted by file name. */
export function loadDocuments(folder = POLICIES_FOLDER): PolicyDocument[] {
  const docs = readdirSync(folder)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => parseDocument(readFileSync(join(folder, file), 'utf8'), file));
  const ids = new Set<string>();
  for (const doc of docs) {
    if (ids.has(doc.id)) throw new Error(`duplicate document id ${doc.id}`);
    ids.add(doc.id);
  }
  return docs;
}
