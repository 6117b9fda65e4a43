/**
 * @module dialogue/references
 * Resolves a follow-up about products already shown — "the first one", "the second", "the last one",
 * "the cheaper one", "it", "that one" — against the products of the previous answer, in order.
 */
import type { ProductCard } from '../retrieval/catalog.ts';

const ORDINALS: [RegExp, (shown: ProductCard[]) => ProductCard | undefined][] = [
  [/\b(first|1st|top)\b( one)?|\bnumber (one|1)\b|#1\b/i, (s) => s[0]],
  [/\b(second|2nd)\b( one)?|\bnumber (two|2)\b|#2\b/i, (s) => s[1]],
  [/\b(third|3rd)\b( one)?|\bnumber (three|3)\b|#3\b/i, (s) => s[2]],
  [/\b(fourth|4th)\b/i, (s) => s[3]],
  [/\b(fifth|5th)\b/i, (s) => s[4]],
  [/\b(last|final|bottom)\b( one)?/i, (s) => s.at(-1)],
  [/\bthe other( one)?\b/i, (s) => s[1]],
  [
    /\b(cheaper|cheapest|least expensive|less expensive|lower[- ]priced)\b( one)?/i,
    (s) => [...s].sort((a, b) => a.finalPrice - b.finalPrice)[0],
  ],
  [
    /\b(more expensive|most expensive|pricier|priciest|dearer)\b( one)?/i,
    (s) => [...s].sort((a, b) => b.finalPrice - a.finalPrice)[0],
  ],
  [
    /\b(better|best|higher|highest)[- ]rated\b( one)?/i,
    (s) => [...s].sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0))[0],
  ],
];

/** "it", "this one", "that": the product the conversation is about. */
const PRONOUN = /\b(it|its|it's|this one|that one|this|that|the one)\b/i;

/** Does the message ask something of a product (a fact, or to see it), rather than start something new? */
export const ASKS_ABOUT_PRODUCT =
  /\b(stock|available|availability|price|cost|how much|warrant|guarantee|return|send (it |them )?back|refund|exchange|ship|deliver|arriv|rated|rating|stars?|reviews?|brand|made by|makes? (it|them)|details?|colou?rs?|sizes?|tell me (more )?about|more about|what about|and the|one\??$)/i;

/**
 * The product a follow-up refers to, or undefined when it refers to none. `shown` is the previous answer's
 * products in order; `focus` the product the conversation is about ("it").
 */
export function resolveReference(
  text: string,
  shown: ProductCard[],
  focus: ProductCard | undefined,
): ProductCard | undefined {
  for (const [pattern, pick] of ORDINALS) if (pattern.test(text) && shown.length > 0) return pick(shown);
  if (PRONOUN.test(text)) return focus ?? shown[0];
  // Right after one product was shown, a short question needs no "it": "how long would delivery take?",
  // "what's the warranty?" (the caller checks that it asks about a product and names no order).
  if (focus && shown.length <= 1 && (shown[0] ?? focus).id === focus.id && SHORT.test(text)) return focus;
  return undefined;
}

/** At most eight words. */
const SHORT = /^\W*(?:\S+\s+){0,7}\S+\W*$/;
