import { describe, expect, it } from 'vitest';
import { formatCents, formatMoney, list } from './format.ts';

const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

describe('formatMoney', () => {
  it('writes what Intl writes for US dollars', () => {
    const fixed = [
      0, -0, 1e-7, 0.5, 0.125, 1.005, 2.675, 9.99, 10, 999.995, 1000, 1234.5, 1234567.891, -5, -0.001,
      12999.99,
    ];
    for (const amount of fixed) expect(formatMoney(amount)).toBe(intl.format(amount));
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(random() * 8);
      const amount = (random() - 0.2) * scale;
      const cents = Math.round(random() * 1e6) / 100; // prices as stored: whole cents
      expect(formatMoney(amount)).toBe(intl.format(amount));
      expect(formatMoney(cents)).toBe(intl.format(cents));
    }
  });

  it('formats cents and lists', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(list(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
