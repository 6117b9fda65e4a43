import { describe, expect, it } from 'vitest';
import { FilterColumns } from './columns.ts';
import { compileFilter, type SearchFilter } from './search-index.ts';

const metas: Record<string, unknown>[] = [
  { price: 10, brand: 'acme', inStock: true },
  { price: 250, brand: 'globex', inStock: false },
  { price: '99', brand: 'acme', inStock: true },
  { price: 400, brand: undefined, inStock: true },
];

describe('FilterColumns', () => {
  const filters: SearchFilter[] = [
    { range: { price: { lte: 250 } } },
    { range: { price: { gte: 100, lte: 400 } } },
    { anyOf: { brand: ['acme', 'initech'] } },
    { anyOf: { inStock: [true] }, range: { price: { gte: 11 } } },
    { anyOf: { brand: ['nobody'] } },
  ];

  it.each(filters)('admits the documents compileFilter admits: %j', (filter) => {
    const test = new FilterColumns(metas).compile(filter);
    const expected = metas.map((m) => compileFilter(filter)(m));
    expect(metas.map((_, doc) => test?.(doc))).toEqual(expected);
  });

  it('has no test for an empty filter, and sees documents added after it was made', () => {
    const list = metas.slice(0, 2);
    const columns = new FilterColumns(list);
    expect(columns.compile({ anyOf: {}, range: {} })).toBeUndefined();
    expect(columns.compile({ range: { price: { lte: 20 } } })?.(1)).toBe(false);
    list.push({ price: 5, brand: 'acme', inStock: true });
    expect(columns.compile({ range: { price: { lte: 20 } } })?.(2)).toBe(true);
  });
});
