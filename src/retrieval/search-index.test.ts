import { describe, expect, it } from 'vitest';
import { compileFilter, passes } from './search-index.ts';

describe('compileFilter', () => {
  const lamp = { category: 'lighting', inStock: true, finalPrice: 40, rating: 4.5 };
  const chair = { category: 'furniture', inStock: false, finalPrice: 120 };

  it('passes everything without a filter', () => {
    expect(compileFilter(undefined)(lamp)).toBe(true);
    expect(compileFilter({})(chair)).toBe(true);
  });

  it('keeps documents whose field is one of the values', () => {
    const test = compileFilter({ anyOf: { category: ['lighting', 'decor'] } });
    expect([test(lamp), test(chair)]).toEqual([true, false]);
    expect(compileFilter({ anyOf: { inStock: [true] } })(chair)).toBe(false);
  });

  it('keeps numbers inside inclusive bounds, and refuses a missing or non-numeric field', () => {
    expect(compileFilter({ range: { finalPrice: { lte: 40 } } })(lamp)).toBe(true);
    expect(compileFilter({ range: { finalPrice: { gte: 40.01 } } })(lamp)).toBe(false);
    expect(compileFilter({ range: { finalPrice: { gte: 100, lte: 150 } } })(chair)).toBe(true);
    expect(compileFilter({ range: { rating: { gte: 4 } } })(chair)).toBe(false);
  });

  it('needs every condition to hold', () => {
    const filter = { anyOf: { inStock: [true] }, range: { finalPrice: { lte: 100 } } };
    expect([passes(lamp, filter), passes(chair, filter)]).toEqual([true, false]);
    expect(passes({ ...lamp, finalPrice: 101 }, filter)).toBe(false);
  });
});
