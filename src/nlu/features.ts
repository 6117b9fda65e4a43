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

/** 32-bit FNV-1a. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Hashed, L2-normalised feature vector of `dimensions` buckets (a power of two). */
export function featurize(text: string, dimensions: number): SparseVector {
  const counts = new Map<number, number>();
  const add = (feature: string, weight: number) => {
    const index = hash(feature) & (dimensions - 1);
    counts.set(index, (counts.get(index) ?? 0) + weight);
  };
  const words = tokens(text);
  add('<bias>', 0.5);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    add(`w:${word}`, 1);
    if (i + 1 < words.length) add(`b:${word}_${words[i + 1]}`, 1);
    const padded = `<${word}>`;
    for (let n = 3; n <= 5; n++) {
      for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`, 0.4);
    }
  }
  if (words.length <= 2) add(`short:${words.join('_')}`, 1);
  // How long the message is: a story of thirty words and a three-word request need not share one prior.
  add(`len:${words.length <= 3 ? 's' : words.length <= 8 ? 'm' : words.length <= 16 ? 'l' : 'xl'}`, 0.5);
  let norm = 0;
  for (const v of counts.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let k = 0;
  for (const [index, value] of counts) {
    indices[k] = index;
    values[k] = value / norm;
    k++;
  }
  return { indices, values };
}
