/**
 * @module dialogue/format
 * Small formatting helpers for grounded replies.
 */
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const day = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric' });

export const formatMoney = (dollars: number): string => money.format(dollars);
export const formatCents = (cents: number): string => money.format(cents / 100);
export const formatDay = (date: Date): string => day.format(date);
export const humanStatus = (status: string): string => status.replace(/_/g, ' ');

/** "a, b and c" */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
