/**
 * @module nlu/lexicon
 * Finds catalog products, brands and categories in a message, tolerating one typo in longer words.
 * Built from the live catalog and rebuilt when the catalog changes.
 */
import type { Entity } from './entities.ts';

export interface LexiconProduct {
  id: number;
  title: string;
  brand: string | null;
  category: string;
}

interface Token {
  word: string;
  start: number;
  end: number;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'of',
  'for',
  'with',
  'in',
  'on',
  'to',
  'de',
  'by',
  'my',
  'your',
  'is',
  'it',
  'me',
  'set',
  'pack',
  'new',
]);

/** Everyday words for catalog categories; each applies only when the catalog has that category. */
const CATEGORY_WORDS: Record<string, string[]> = {
  smartphones: [
    'phone',
    'phones',
    'smartphone',
    'smartphones',
    'mobile',
    'mobiles',
    'cellphone',
    'cell phone',
  ],
  laptops: ['laptop', 'laptops', 'notebook', 'notebooks', 'computer', 'computers'],
  tablets: ['tablet', 'tablets', 'ipad', 'ipads'],
  fragrances: ['perfume', 'perfumes', 'fragrance', 'fragrances', 'cologne', 'scent'],
  beauty: ['makeup', 'make up', 'cosmetics', 'beauty', 'mascara', 'lipstick'],
  'skin-care': ['skincare', 'skin care', 'moisturizer', 'moisturiser', 'face cream', 'lotion', 'serum'],
  furniture: [
    'furniture',
    'sofa',
    'sofas',
    'couch',
    'couches',
    'chair',
    'chairs',
    'bed',
    'beds',
    'table',
    'tables',
  ],
  groceries: ['grocery', 'groceries', 'food', 'fruit', 'vegetables'],
  'home-decoration': ['decor', 'decoration', 'decorations', 'home decor'],
  'kitchen-accessories': ['kitchen', 'cookware', 'kitchenware', 'utensils'],
  kitchen: ['kitchen', 'cookware', 'kitchenware', 'appliance', 'appliances'],
  'mens-shirts': ['shirt', 'shirts'],
  'mens-shoes': ['shoes', 'sneakers', 'trainers'],
  'womens-shoes': ['shoes', 'heels', 'sandals'],
  'mens-watches': ['watch', 'watches'],
  'womens-watches': ['watch', 'watches'],
  'womens-bags': ['bag', 'bags', 'handbag', 'handbags', 'purse', 'purses'],
  'womens-dresses': ['dress', 'dresses'],
  'womens-jewellery': [
    'jewelry',
    'jewellery',
    'necklace',
    'necklaces',
    'earrings',
    'ring',
    'rings',
    'bracelet',
  ],
  'mobile-accessories': ['charger', 'chargers', 'phone case', 'earphones', 'cable', 'power bank'],
  'sports-accessories': ['sports', 'sport', 'ball', 'balls', 'racket'],
  sunglasses: ['sunglasses', 'shades'],
  tops: ['top', 'tops', 'blouse', 'blouses'],
  motorcycle: ['motorcycle', 'motorcycles', 'motorbike', 'motorbikes', 'bike', 'bikes', 'scooter'],
  vehicle: ['car', 'cars', 'vehicle', 'vehicles', 'suv'],
  audio: ['headphones', 'headphone', 'earbuds', 'speaker', 'speakers', 'soundbar', 'microphone', 'audio'],
  'smart-home': ['smart home', 'thermostat', 'doorbell', 'smart bulb', 'smart plug', 'security camera'],
  fitness: ['fitness', 'gym', 'workout', 'treadmill', 'dumbbells', 'yoga mat', 'running shoes'],
  clothing: ['clothes', 'clothing', 'jacket', 'jackets', 'jeans', 't-shirt', 'sweater', 'hoodie', 'shirt'],
  gaming: ['gaming', 'console', 'consoles', 'controller', 'video games', 'gaming mouse'],
  toys: ['toy', 'toys', 'lego', 'board game', 'puzzle', 'puzzles'],
};

function tokenize(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)].map((m) => ({
    word: m[0].toLowerCase().replace(/['’]/g, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** True when a and b are equal or one edit apart (longer words only). */
export function nearlyEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class CatalogLexicon {
  readonly #products: { id: number; title: string; words: string[]; brandWords: Set<string> }[];
  readonly #brands: Map<string, string>;
  readonly #categories: Map<string, string[]>;
  readonly #vocabulary: string[];

  private constructor(products: LexiconProduct[]) {
    this.#products = products.map((p) => ({
      id: p.id,
      title: p.title,
      words: tokenize(p.title).map((t) => t.word),
      brandWords: new Set(p.brand ? tokenize(p.brand).map((t) => t.word) : []),
    }));
    this.#brands = new Map();
    for (const p of products)
      if (p.brand)
        this.#brands.set(
          tokenize(p.brand)
            .map((t) => t.word)
            .join(' '),
          p.brand,
        );
    this.#categories = new Map();
    const slugs = new Set(products.map((p) => p.category));
    for (const slug of slugs) {
      const words = new Set([slug.replace(/-/g, ' '), ...(CATEGORY_WORDS[slug] ?? [])]);
      for (const phrase of words) {
        const key = tokenize(phrase)
          .map((t) => t.word)
          .join(' ');
        this.#categories.set(key, [...(this.#categories.get(key) ?? []), slug]);
      }
    }
    const vocab = new Set<string>();
    for (const p of this.#products) for (const w of p.words) vocab.add(w);
    for (const key of this.#brands.keys()) for (const w of key.split(' ')) vocab.add(w);
    this.#vocabulary = [...vocab];
  }

  static build(products: LexiconProduct[]): CatalogLexicon {
    return new CatalogLexicon(products);
  }

  get size(): number {
    return this.#products.length;
  }

  /** Product, brand and category mentions, longest first, not overlapping each other. */
  find(text: string): Entity[] {
    const tokens = this.#correct(tokenize(text));
    const found: Entity[] = [];
    const used = new Set<number>();
    const claim = (from: number, to: number) => {
      for (let i = from; i < to; i++) used.add(i);
    };
    const isFree = (from: number, to: number) => {
      for (let i = from; i < to; i++) if (used.has(i)) return false;
      return true;
    };
    for (const match of this.#productMatches(tokens)) {
      if (!isFree(match.from, match.to)) continue;
      claim(match.from, match.to);
      const first = tokens[match.from] as Token;
      const last = tokens[match.to - 1] as Token;
      found.push({
        type: 'product',
        value: match.title,
        text: text.slice(first.start, last.end),
        id: match.id,
        start: first.start,
        end: last.end,
      });
    }
    for (let n = 3; n >= 1; n--) {
      for (let i = 0; i + n <= tokens.length; i++) {
        if (!isFree(i, i + n)) continue;
        const key = tokens
          .slice(i, i + n)
          .map((t) => t.word)
          .join(' ');
        const start = (tokens[i] as Token).start;
        const end = (tokens[i + n - 1] as Token).end;
        const brand = this.#brands.get(key);
        if (brand) {
          claim(i, i + n);
          found.push({ type: 'brand', value: brand, text: text.slice(start, end), start, end });
          continue;
        }
        const slugs = this.#categories.get(key);
        if (slugs) {
          claim(i, i + n);
          for (const slug of slugs)
            found.push({ type: 'category', value: slug, text: text.slice(start, end), start, end });
        }
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }

  /** Replaces a misspelt word by the catalog word one edit away, when there is exactly one. */
  #correct(tokens: Token[]): Token[] {
    const vocab = new Set(this.#vocabulary);
    return tokens.map((t) => {
      if (vocab.has(t.word) || t.word.length < 5 || this.#categories.has(t.word)) return t;
      const near = this.#vocabulary.filter((v) => nearlyEqual(t.word, v));
      return near.length === 1 ? { ...t, word: near[0] as string } : t;
    });
  }

  #productMatches(tokens: Token[]): { id: number; title: string; from: number; to: number; score: number }[] {
    const matches: { id: number; title: string; from: number; to: number; score: number }[] = [];
    for (const product of this.#products) {
      const { words } = product;
      for (let i = 0; i < tokens.length; i++) {
        const j = words.indexOf((tokens[i] as Token).word);
        if (j < 0 || STOP.has(words[j] as string)) continue;
        let length = 0;
        while (
          i + length < tokens.length &&
          j + length < words.length &&
          (tokens[i + length] as Token).word === words[j + length]
        )
          length++;
        const span = words.slice(j, j + length);
        const distinctive = span.filter((w) => !STOP.has(w) && !product.brandWords.has(w)).length;
        const whole = length === words.length;
        if ((length >= 2 && distinctive >= 1) || (whole && distinctive >= 1)) {
          matches.push({
            id: product.id,
            title: product.title,
            from: i,
            to: i + length,
            score: length / words.length + length,
          });
        }
      }
    }
    return matches.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
