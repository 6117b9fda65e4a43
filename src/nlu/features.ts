/**
 * @module nlu/features
 * Text → sparse hashed features: word unigrams and bigrams plus character 3–5-grams inside each word,
 * which keep typos ("cancle", "refnd") close to the words they mean.
 */

/** Lower case, no accents, digit runs and amounts folded into shape tokens. */
export function normalize(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      // A few emoji carry the whole message ("👍"): read them as the words they stand for.
      .replace(/[👍👌✅]/gu, ' yes ')
      .replace(/[👎❌]/gu, ' no ')
      .replace(/[🙏❤💖]/gu, ' thanks ')
      .replace(/👋/gu, ' hi ')
      .replace(/[’‘`]/g, "'")
      .replace(
        /(?:[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?(?:\$|€|£|usd|eur|euros?|dollars?|bucks|gbp|pounds?)\b)/g,
        ' zmoney ',
      )
      .replace(/#?\d{4,}/g, ' znumber ')
      .replace(/\d+/g, ' zdigit ')
      .replace(/'/g, '')
      .replace(/[^a-z\s-]+/g, ' ')
      .replace(/-/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function tokens(text: string): string[] {
  const n = normalize(text);
  return n ? n.split(' ') : [];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a carried on over `text` from the state `h` (a hash of what came before it). */
function hashOn(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** 32-bit FNV-1a. */
export function hash(text: string): number {
  return hashOn(FNV_OFFSET, text) >>> 0;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const WORD = hashOn(FNV_OFFSET, 'w:');
const BIGRAM = hashOn(FNV_OFFSET, 'b:');
const GRAM = hashOn(FNV_OFFSET, 'c:');
const UNDERSCORE = '_'.charCodeAt(0);
const OPEN = '<'.charCodeAt(0);
const CLOSE = '>'.charCodeAt(0);

/**
 * Where each bucket's weight sits in the vector being built (position + 1; 0 for none yet), per bucket count.
 * Featurizing runs on every message and query: a Map and a string per feature cost more than the hashing.
 */
const slotsBySize = new Map<number, Int32Array>();

/** A text's features in order: each one's 32-bit hash and weight, before they are put into buckets. */
interface Features {
  hashes: number[];
  weights: number[];
}

/**
 * The last text's features: one message is featurized for several models with different bucket counts (the
 * in-domain detector and the intent classifier), and the hashing is most of the cost.
 */
let last: { text: string; features: Features } | undefined;

/**
 * The hashes of the strings "w:word", "b:word_next", "c:" and each 3–5-gram of "<word>", "short:…" and "len:…",
 * computed without building the strings.
 */
function features(text: string): Features {
  if (last?.text === text) return last.features;
  const hashes: number[] = [];
  const weights: number[] = [];
  const add = (h: number, weight: number) => {
    hashes.push(h);
    weights.push(weight);
  };
  const words = tokens(text);
  add(hashOn(FNV_OFFSET, '<bias>'), 0.5);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    add(hashOn(WORD, word), 1);
    const next = words[i + 1];
    if (next !== undefined) add(hashOn(Math.imul(hashOn(BIGRAM, word) ^ UNDERSCORE, FNV_PRIME), next), 1);
    // The character n-grams of "<word>", n = 3, 4, 5 in turn.
    const padded = word.length + 2;
    const charAt = (p: number) => (p === 0 ? OPEN : p === padded - 1 ? CLOSE : word.charCodeAt(p - 1));
    for (let n = 3; n <= 5; n++)
      for (let j = 0; j + n <= padded; j++) {
        let h = GRAM;
        for (let p = j; p < j + n; p++) h = Math.imul(h ^ charAt(p), FNV_PRIME);
        add(h, 0.4);
      }
  }
  if (words.length <= 2) add(hashOn(FNV_OFFSET, `short:${words.join('_')}`), 1);
  // How long the message is: a story of thirty words and a three-word request need not share one prior.
  const length = words.length <= 3 ? 's' : words.length <= 8 ? 'm' : words.length <= 16 ? 'l' : 'xl';
  add(hashOn(FNV_OFFSET, `len:${length}`), 0.5);
  last = { text, features: { hashes, weights } };
  return last.features;
}

/**
 * Hashed, L2-normalised feature vector of `dimensions` buckets (a power of two): each feature's hash masked to a
 * bucket, weights summed per bucket, buckets in the order they were first hit.
 */
export function featurize(text: string, dimensions: number): SparseVector {
  let slots = slotsBySize.get(dimensions);
  if (!slots) {
    slots = new Int32Array(dimensions);
    slotsBySize.set(dimensions, slots);
  }
  const { hashes, weights: featureWeights } = features(text);
  const buckets: number[] = [];
  const weights: number[] = [];
  const mask = dimensions - 1;
  for (let f = 0; f < hashes.length; f++) {
    const index = (hashes[f] as number) & mask;
    const weight = featureWeights[f] as number;
    const slot = slots[index] as number;
    if (slot === 0) {
      buckets.push(index);
      weights.push(weight);
      slots[index] = buckets.length;
    } else weights[slot - 1] = (weights[slot - 1] as number) + weight;
  }
  let norm = 0;
  for (const v of weights) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const indices = Int32Array.from(buckets);
  const values = new Float32Array(weights.length);
  for (let k = 0; k < weights.length; k++) values[k] = (weights[k] as number) / norm;
  for (const index of buckets) slots[index] = 0;
  return { indices, values };
}
