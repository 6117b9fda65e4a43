/**
 * @module generation/grounding
 * The check a model's phrasing must pass: every number (prices, order numbers, days, percentages) and every
 * order or refund status it mentions must appear in the grounded reply it rephrases.
 */
const STATUS_WORDS = [
  'processing',
  'shipped',
  'out for delivery',
  'delivered',
  'cancelled',
  'canceled',
  'refunded',
  'requested',
  'approved',
  'rejected',
  'paid',
  'void',
  'in stock',
  'out of stock',
];

const numbersIn = (text: string) =>
  (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, '').replace(/\.0+$/, ''));

/** Returns the first claim of `candidate` that `facts` does not support, or undefined when all are supported. */
export function unsupportedClaim(candidate: string, facts: string): string | undefined {
  const known = new Set(numbersIn(facts));
  for (const n of numbersIn(candidate)) if (!known.has(n)) return `number ${n}`;
  const lowerFacts = facts.toLowerCase();
  const lower = candidate.toLowerCase();
  for (const status of STATUS_WORDS) {
    if (new RegExp(`\\b${status}\\b`).test(lower) && !new RegExp(`\\b${status}\\b`).test(lowerFacts)) {
      // "out of stock" contains "in stock"-free text; "not delivered" still names a status the facts lack.
      return `status "${status}"`;
    }
  }
  return undefined;
}
