import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25.ts';

function index(docs: Record<string, string>): Bm25Index {
  const bm25 = new Bm25Index();
  for (const [id, text] of Object.entries(docs)) bm25.add(id, text);
  return bm25;
}

describe('Bm25Index', () => {
  it('ranks by term frequency against length, and rarer terms above common ones', () => {
    const bm25 = index({
      a: 'red lamp',
      b: 'red red red lamp',
      c: 'blue lamp',
      d: 'blue chair',
    });
    expect(bm25.search('red').map((h) => h.id)).toEqual(['b', 'a']);
    // "chair" is in one document, "lamp" in three: the chair outranks a lamp.
    expect(bm25.search('lamp chair')[0]?.id).toBe('d');
    expect(bm25.search('sofa')).toEqual([]);
  });

  it('folds plurals on both sides and ignores stop words', () => {
    const bm25 = index({ a: 'Batteries for the remote', b: 'a remote' });
    expect(bm25.search('battery').map((h) => h.id)).toEqual(['a']);
    expect(bm25.search('the a for')).toEqual([]);
    // Plurals no suffix rule folds, and ones that look like them but fold as usual.
    const kitchen = index({ k: 'Chef Knife', s: 'Wall Shelf', g: 'Oven Glove' });
    expect(kitchen.search('knives').map((h) => h.id)).toEqual(['k']);
    expect(kitchen.search('shelves').map((h) => h.id)).toEqual(['s']);
    expect(kitchen.search('gloves').map((h) => h.id)).toEqual(['g']);
  });

  it('keeps refused documents out, whichever term reaches them first', () => {
    const bm25 = index({ a: 'red lamp', b: 'red lamp', c: 'red chair' });
    const allowOnly =
      (...ids: string[]) =>
      (doc: number) =>
        ids.some((id) => bm25.numberOf(id) === doc);
    expect(
      bm25
        .search('red lamp', 10, allowOnly('b', 'c'))
        .map((h) => h.id)
        .sort(),
    ).toEqual(['b', 'c']);
    expect(bm25.search('red lamp', 10, allowOnly()).map((h) => h.id)).toEqual([]);
    // Nothing left over between searches.
    expect(
      bm25
        .search('red lamp')
        .map((h) => h.id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
  });

  it('lets a very common term only add to documents a rarer term found', () => {
    const docs: Record<string, string> = { rare: 'phone case zebra' };
    for (let i = 0; i < 2100; i++) docs[`p${i}`] = `phone number ${i}`;
    const bm25 = index(docs);
    expect(bm25.search('phone zebra').map((h) => h.id)).toEqual(['rare']);
    // Alone, the common term still finds its best `limit` documents, walked best-weighted first: the
    // shortest documents, the earlier-added first among equals.
    expect(bm25.search('phone', 3).map((h) => h.id)).toEqual(['p0', 'p1', 'p2']);
    const allowOdd = (doc: number) => doc % 2 === 1;
    expect(bm25.search('phone', 3, allowOdd).map((h) => h.id)).toEqual(['p0', 'p2', 'p4']);
  });

  it('walks a common last term best-weighted first when the rarer terms found nothing allowed', () => {
    // "tablet ipad" under a price limit no iPad meets: the tablets that meet it, the best weighted first.
    const docs: Record<string, string> = { ipad: 'ipad tablet' };
    for (let i = 0; i < 2100; i++)
      docs[`t${i}`] = i % 2 ? `tablet model ${i} with a long description` : 'tablet';
    const bm25 = index(docs);
    const notTheIpad = (doc: number) => doc !== bm25.numberOf('ipad');
    expect(bm25.search('ipad tablet', 3, notTheIpad).map((h) => h.id)).toEqual(['t0', 't2', 't4']);
    // With the iPad allowed, the common term only adds to it.
    expect(bm25.search('ipad tablet', 3).map((h) => h.id)).toEqual(['ipad']);
  });

  it('breaks ties by the order documents were added, so equal scores come in a stable order', () => {
    const bm25 = index({ b: 'lamp', a: 'lamp', c: 'lamp' });
    expect(bm25.search('lamp').map((h) => h.id)).toEqual(['b', 'a', 'c']);
  });

  it('refuses to index an id twice rather than counting its words twice', () => {
    const bm25 = index({ a: 'lamp' });
    expect(() => bm25.add('a', 'lamp')).toThrow(/already indexed/);
    expect([...bm25.documentsWith('lamp')]).toEqual(['a']);
    expect(bm25.size).toBe(1);
  });
});
