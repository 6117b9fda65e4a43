import { describe, expect, it } from 'vitest';
import { sectionFor, TOPIC_SECTION } from '../actions/knowledge.ts';
import { loadDocuments, parseDocument } from './documents.ts';

describe('policy documents', () => {
  const docs = loadDocuments();

  it('ship every topic the product promises', () => {
    expect(docs.map((d) => d.id).sort()).toEqual(
      ['account', 'cancellation', 'contact', 'delivery', 'invoices', 'payments', 'refunds', 'returns'].sort(),
    );
  });

  it('split into cited sections with stable ids', () => {
    const delivery = docs.find((d) => d.id === 'delivery');
    expect(delivery?.sections.map((s) => s.id)).toEqual([
      'delivery#delivery-options-and-times',
      'delivery#tracking',
      'delivery#changing-the-delivery-address',
    ]);
    expect(delivery?.sections[0]?.text).toMatch(/Express\s*\|\s*\$14\.99/);
    for (const doc of docs) expect(doc.sections.length).toBeGreaterThan(0);
  });

  it('contain every section an intent is answered from', () => {
    const ids = new Set(docs.flatMap((d) => d.sections.map((s) => s.id)));
    for (const [intent, id] of Object.entries(TOPIC_SECTION))
      expect(ids.has(id), `${intent} → ${id}`).toBe(true);
    // And the sections some questions under an intent are answered from instead.
    expect(ids.has(sectionFor('check_refund_policy', 'how long does a refund take?') ?? '')).toBe(true);
  });

  it('rejects a document without valid front matter', () => {
    expect(() => parseDocument('# no front matter', 'x.md')).toThrow(/x.md: missing front matter/);
    expect(() => parseDocument('---\nid: Bad Id\ntitle: T\n---\nbody', 'y.md')).toThrow(
      /y.md: bad front matter: id/,
    );
  });
});
