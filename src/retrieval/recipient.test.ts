import { describe, expect, it } from 'vitest';
import { forRecipient, recipientOf } from './recipient.ts';

const products = [
  { id: 1, category: 'womens-watches' },
  { id: 2, category: 'mens-watches' },
  { id: 3, category: 'womens-watches' },
  { id: 4, category: 'sunglasses' },
];

describe('whom a gift is for', () => {
  it('reads one sex from the message, or none', () => {
    expect(recipientOf('a luxury watch for my dad, he dives')).toBe('male');
    expect(recipientOf("my wife's birthday is next week")).toBe('female');
    expect(recipientOf('a watch for my mum and my dad')).toBeUndefined();
    expect(recipientOf('a waterproof watch')).toBeUndefined();
    expect(recipientOf('I want this other one, then')).toBeUndefined();
  });

  it("puts the other sex's categories last, keeping the order of the rest", () => {
    expect(forRecipient(products, 'male').map((p) => p.id)).toEqual([2, 4, 1, 3]);
    expect(forRecipient(products, 'female').map((p) => p.id)).toEqual([1, 3, 4, 2]);
    expect(forRecipient(products, undefined).map((p) => p.id)).toEqual([1, 2, 3, 4]);
    expect(forRecipient([{ category: "Men's Shoes" }, { category: "Women's Shoes" }], 'female')).toEqual([
      { category: "Women's Shoes" },
      { category: "Men's Shoes" },
    ]);
  });
});
