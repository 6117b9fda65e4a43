/**
 * @module nlu/entities
 * Rule-based entity extraction: order and invoice numbers, email, money and price limits, city and country,
 * and (through a catalog lexicon) products, brands and categories. Offsets index into the original text.
 */
import type { Entity } from './entity.ts';
import type { CatalogLexicon } from './lexicon.ts';
import { CAPITALISED_ONLY, placeNames } from './places.ts';

export type { Entity, EntityType } from './entity.ts';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const INVOICE_WORDS = /\b(?:invoices?|inovices?|invoce|bills?|receipts?)\b/gi;
const ORDER_WORDS = /\b(?:orders?|purchases?|packages?|parcels?|shipments?|deliver(?:y|ies)|tracking)\b/gi;

/** The keyword nearest before a number decides its type: "invoice for order 100042" is an order number. */
function invoiceBefore(before: string): boolean {
  const last = (pattern: RegExp) => Math.max(-1, ...[...before.matchAll(pattern)].map((m) => m.index));
  const invoice = last(INVOICE_WORDS);
  const order = last(ORDER_WORDS);
  if (invoice < 0 && order < 0) return misspeltInvoiceWord(before);
  return invoice > order && before.length - invoice <= 40;
}
const AMOUNT =
  /(?:(?:[$€£]|\busd|\beur)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?)|(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(?:\$|€|£|usd\b|eur\b|euros?\b|dollars?\b|bucks\b|quid\b|pounds?\b|gbp\b))/gi;
const MAX_WORDS =
  /(?:can'?t go (?:over|above|higher than)|cannot go (?:over|above)|(?:can'?t|cannot|don'?t want to|won'?t) spend more than|saved(?: up)?|to spend|can spend|(?:can )?afford|i (?:only )?have|i've got|i got|nothing (?:over|above|more than)|not (?:over|above)|no (?:more|higher) than|budget(?: is| of)?|tops out at|max of|under|below|less than|cheaper than|up to|upto|max(?:imum)?|at most|no more than|not more than|within|<|lower than|beneath)\s*$/i;
const MIN_WORDS =
  /(?:over|above|more than|at least|min(?:imum)?|starting (?:at|from)|>|greater than|higher than|from)\s*$/i;

/** A limit said after the amount: "300 bucks or less", "50 max", "20 tops"; "100 or more", "40+". */
const MAX_AFTER = /^\s*(?:or (?:less|under|below|lower|cheaper)|max(?:imum)?\b|tops\b|at (?:the )?most\b)/i;
const MIN_AFTER = /^\s*(?:or (?:more|over|above|higher|up)\b|\+|minimum\b|at least\b)/i;

const NUMBER_WORDS: Record<string, number> = {
  ten: 10,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  a: 1,
};
const LIMIT_IN_WORDS =
  /\b(?:under|below|less than|up to|at most|no more than|over|above|more than|at least|around|about|budget(?: is| of)?|tops out at)\s+((?:\d+(?:\.\d+)?k\b)|(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]?)?(?:hundred|thousand|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|grand)\b)/gi;

/** "27k" → 27000, "a hundred" → 100, "two thousand" → 2000, "forty" → 40, "5 grand" is not handled. */
function wordsToNumber(phrase: string): number | undefined {
  const k = phrase.match(/^(\d+(?:\.\d+)?)k$/i);
  if (k) return Number(k[1]) * 1000;
  let total = 0;
  let current = 0;
  for (const word of phrase.toLowerCase().split(/[\s-]+/)) {
    if (word === 'grand' || word === 'thousand') {
      total += Math.max(1, current) * 1000;
      current = 0;
    } else if (word === 'hundred') current = Math.max(1, current) * 100;
    else if (NUMBER_WORDS[word] !== undefined) current += NUMBER_WORDS[word] as number;
    else return undefined;
  }
  return total + current || undefined;
}

/** "biull #85632", "the bil #12588": one of the two words before the number is a typo of bill or invoice. */
function misspeltInvoiceWord(before: string): boolean {
  const words = before.toLowerCase().match(/[a-z]+/g) ?? [];
  return words
    .slice(-2)
    .some((w) =>
      ['bill', 'bills', 'invoice', 'invoices', 'receipt'].some(
        (target) => editDistance(w, target) <= (target.startsWith('invoice') ? 2 : 1),
      ),
    );
}

/** Levenshtein distance (small words only). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] as number;
}

const toNumber = (whole: string, cents?: string) =>
  Number(`${whole.replace(/,/g, '')}${cents ? `.${cents}` : ''}`);

/** Extracts every entity; products, brands and categories only when a lexicon is given. */
export function extractEntities(text: string, lexicon?: CatalogLexicon): Entity[] {
  const entities: Entity[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const push = (entity: Entity) => {
    entities.push(entity);
    taken.push([entity.start, entity.end]);
  };

  for (const m of text.matchAll(EMAIL))
    push({ type: 'email', value: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });

  for (const m of text.matchAll(/\bINV[- ]?(\d{3,12})\b/gi)) {
    if (free(m.index, m.index + m[0].length)) {
      push({ type: 'invoice_id', value: `INV-${m[1]}`, start: m.index, end: m.index + m[0].length });
    }
  }

  extractPrices(text, push, free);

  // The catalog before numbers and places: "Dell XPS 13 9300" is a laptop, "Annibale Colombo" a sofa's maker.
  if (lexicon) {
    const catalog = lexicon.find(text);
    for (const entity of catalog) {
      // Equally good readings of one name ("iphone") share a span: keep them all.
      const twin = entities.some(
        (e) => e.type === entity.type && e.start === entity.start && e.end === entity.end,
      );
      if (free(entity.start, entity.end) || twin) push(entity);
    }
  }

  // (?<!\d) rather than \b: "order732201349959" (a missing space) still yields the number.
  for (const m of text.matchAll(/#?(?<![\d.,])\d[\d-]{2,22}\d\b|#\d{1,3}\b/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const digits = m[0].replace(/[#-]/g, '');
    if (digits.length < 4 && !m[0].startsWith('#')) continue;
    if (/^(19|20)\d{2}$/.test(digits) && !m[0].startsWith('#')) continue; // a year
    const before = text.slice(Math.max(0, start - 40), start);
    const type = invoiceBefore(before) ? 'invoice_id' : 'order_id';
    push({ type, value: digits, start, end });
  }

  extractPlaces(text, push, free);
  return entities.sort((a, b) => a.start - b.start);
}

function extractPrices(
  text: string,
  push: (e: Entity) => void,
  free: (s: number, e: number) => boolean,
): void {
  const between =
    /\b(?:between|from)\s+[$€£]?(\d+(?:\.\d+)?)\s*(?:[$€£]|dollars?|usd|euros?)?\s*(?:and|to|-)\s*[$€£]?(\d+(?:\.\d+)?)\s*(?:[$€£]|dollars?|usd|euros?|bucks|quid)?/gi;
  for (const m of text.matchAll(between)) {
    const low = Number(m[1]);
    const high = Number(m[2]);
    if (!(high > low)) continue;
    const end = m.index + m[0].trimEnd().length;
    push({ type: 'price_min', value: low, start: m.index, end });
    push({ type: 'price_max', value: high, start: m.index, end });
  }
  // "in the 100 to 300 range", "400 to 1000 on a phone", "roughly 170 to 350": a range without "between".
  const range =
    /(?<![\d.$€£])[$€£]?(\d+(?:\.\d+)?)\s*(?:to|-|–)\s*[$€£]?(\d+(?:\.\d+)?)\s*(?:[$€£]|dollars?|usd|euros?|bucks|quid|range\b)?/gi;
  for (const m of text.matchAll(range)) {
    const low = Number(m[1]);
    const high = Number(m[2]);
    const around = text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 12);
    if (!(high > low) || !/[$€£]|dollars?|usd|euros?|bucks|quid|range|budget|spend|price/i.test(around))
      continue;
    const end = m.index + m[0].trimEnd().length;
    if (!free(m.index, end)) continue;
    push({ type: 'price_min', value: low, start: m.index, end });
    push({ type: 'price_max', value: high, start: m.index, end });
  }
  const amounts: { start: number; end: number; value: number }[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const value = m[1] !== undefined ? toNumber(m[1], m[2]) : toNumber(m[3] ?? '0', m[4]);
    amounts.push({ start: m.index, end: m.index + m[0].length, value });
  }
  // Limits in words or with a k: "under a hundred", "for under forty dollars", "under 27k".
  for (const m of text.matchAll(LIMIT_IN_WORDS)) {
    const value = wordsToNumber(m[1] ?? '');
    if (value === undefined) continue;
    const start = m.index + m[0].length - (m[1] ?? '').length;
    amounts.push({ start, end: start + (m[1] ?? '').length, value });
  }
  // A bare number right after a limit word ("under 400") is a price too.
  for (const m of text.matchAll(
    /\b(?:under|below|less than|cheaper than|up to|at most|no more than|over|above|more than|at least|lower than|tops out at|max(?:imum)?(?: of)?|budget(?: is| of)?)\s+(\d+(?:\.\d+)?)\b(?!\s*(?:[$€£%]|dollars?|usd|euros?|bucks|quid|pounds?|gb|tb|mb|inch|in\b|kg|cm|mm|years?|days?|hours?))/gi,
  )) {
    const offset = m.index + m[0].length - (m[1] ?? '').length;
    amounts.push({ start: offset, end: offset + (m[1] ?? '').length, value: Number(m[1]) });
  }
  // A bare number with the limit after it ("phones for 300 or less", "150 max"); not "2 or more people", nor a
  // model's number ("the S10 max").
  for (const m of text.matchAll(
    /(?<![\w.,$€£])(\d+(?:\.\d+)?)(?= (?:or (?:less|under|below|cheaper)|max|maximum|tops)\b)/gi,
  ))
    amounts.push({ start: m.index, end: m.index + (m[1] ?? '').length, value: Number(m[1]) });
  for (const a of amounts.sort((x, y) => x.start - y.start)) {
    if (!free(a.start, a.end)) continue;
    const before = text.slice(Math.max(0, a.start - 24), a.start);
    const after = text.slice(a.end, a.end + 16);
    const type =
      MAX_WORDS.test(before) || MAX_AFTER.test(after)
        ? 'price_max'
        : MIN_WORDS.test(before) || MIN_AFTER.test(after)
          ? 'price_min'
          : 'money';
    push({ type, value: a.value, start: a.start, end: a.end });
  }
}

function extractPlaces(
  text: string,
  push: (e: Entity) => void,
  free: (s: number, e: number) => boolean,
): void {
  const { cities, countries, firstWords } = placeNames();
  const words = [...text.matchAll(/[\p{L}.'-]+/gu)];
  for (let i = 0; i < words.length; i++) {
    const word = (words[i] as RegExpMatchArray)[0].toLowerCase();
    if (!firstWords.has(word) && !firstWords.has(word.replace(/[.'-]+$/, ''))) continue;
    for (let n = 3; n >= 1; n--) {
      const span = words.slice(i, i + n);
      if (span.length < n) continue;
      const first = span[0] as RegExpMatchArray;
      const last = span[n - 1] as RegExpMatchArray;
      const start = first.index as number;
      const end = (last.index as number) + last[0].length;
      const phrase = text.slice(start, end).replace(/[.'-]+$/, '');
      const key = phrase.toLowerCase().replace(/\s+/g, ' ');
      // Short and lower-case names ("us", "nice") count only when written as names.
      const looksLikeName = /^\p{Lu}/u.test(phrase) || (key.length > 4 && !CAPITALISED_ONLY.has(key));
      const country = countries.get(key);
      const city = cities.get(key);
      const realEnd = start + phrase.length;
      if (country && looksLikeName && (key.length > 2 || /^[A-Z.]+$/.test(phrase)) && free(start, realEnd)) {
        push({ type: 'country', value: country, start, end: realEnd });
        i += n - 1;
        break;
      }
      if (city && /^\p{Lu}/u.test(phrase) && free(start, realEnd)) {
        push({ type: 'city', value: city, start, end: realEnd });
        i += n - 1;
        break;
      }
    }
  }
}
