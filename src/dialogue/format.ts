/**
 * @module dialogue/format
 * Small formatting helpers for grounded replies.
 */
const day = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric' });

/**
 * "$1,234.50", "-$5.00": what `Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })` writes, by
 * hand because Intl's format cost ~10 µs a product card, 2 % of a chat turn's CPU under load (format.test.ts
 * compares the two on random amounts).
 */
export function formatMoney(dollars: number): string {
  if (!Number.isFinite(dollars)) return `$${dollars}`;
  // Shifted in decimal ("1.005e2" is 100.5), as Intl rounds the shortest decimal that reads back as the
  // double (1.005 → $1.01), where 1.005 * 100 is 100.49999999999999.
  const text = String(Math.abs(dollars));
  const cents = Math.round(text.includes('e') ? Math.abs(dollars) * 100 : Number(`${text}e2`));
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  const sign = dollars < 0 || Object.is(dollars, -0) ? '-' : '';
  return `${sign}$${grouped(whole)}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** 1234567 → "1,234,567". */
function grouped(n: number): string {
  const digits = String(n);
  if (digits.length <= 3) return digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

export const formatCents = (cents: number): string => formatMoney(cents / 100);
export const formatDay = (date: Date): string => day.format(date);
export const humanStatus = (status: string): string => status.replace(/_/g, ' ');

/** "a, b and c" */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
