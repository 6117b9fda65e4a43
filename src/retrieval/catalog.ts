/**
 * @module retrieval/catalog
 * Product search with filters (category, brand, price limits, in stock) over the hybrid index. Facts come
 * from the product record; a request that matches nothing returns nothing.
 */
import type { ProductRow } from '../db/repositories/products.ts';
import type { Entity } from '../nlu/entities.ts';
import { nearlyEqual } from '../nlu/lexicon.ts';
import type { Embedder } from './embedder.ts';
import { HybridIndex } from './hybrid.ts';
import { searchTokens } from './text.ts';

export interface ProductCard {
  id: number;
  title: string;
  brand: string | null;
  category: string;
  price: number;
  discountPercentage: number;
  finalPrice: number;
  stock: number;
  inStock: boolean;
  rating: number | null;
  warranty: string | null;
  returnPolicy: string | null;
  shipping: string | null;
}

export function toCard(p: ProductRow): ProductCard {
  const price = p.priceCents / 100;
  return {
    id: p.id,
    title: p.title,
    brand: p.brand,
    category: p.category,
    price,
    discountPercentage: p.discountPercentage,
    finalPrice: Math.round(price * (100 - p.discountPercentage)) / 100,
    stock: p.stock,
    inStock: p.stock > 0,
    rating: p.rating,
    warranty: p.warranty,
    returnPolicy: p.returnPolicy,
    shipping: p.shipping,
  };
}

export interface ProductQuery {
  text: string;
  entities: Entity[];
  limit?: number;
}

const IN_STOCK = /\b(in stock|available|availability|have any left)\b/i;
/** Words about prices or stock that say nothing about which product is wanted. */
const NOISE =
  /\b(under|below|less than|cheaper than|up to|over|above|more than|at least|between|and|dollars?|usd|bucks|euros?|price[sd]?|cost|cheap(est)?|in stock|available|any|recommend|best|deal|deals|sale|discount)\b|[$€£]?\d+(\.\d+)?/gi;

export class CatalogSearch {
  readonly #index: HybridIndex<ProductCard>;
  readonly #byId: Map<number, ProductCard>;
  readonly #words = new Map<number, Set<string>>();
  readonly #onSearch?: (ms: number) => void;

  constructor(products: ProductRow[], embedder: Embedder, onSearch?: (ms: number) => void) {
    this.#onSearch = onSearch;
    const cards = products.filter((p) => p.active).map(toCard);
    this.#byId = new Map(cards.map((c) => [c.id, c]));
    const active = products.filter((p) => p.active);
    const documents = cards.map((card, i) => ({
      id: String(card.id),
      text: `${card.title} ${card.title} ${card.brand ?? ''} ${card.category.replace(/-/g, ' ')} ${(active[i]?.tags ?? []).join(' ')} ${active[i]?.description ?? ''}`,
      meta: card,
    }));
    for (const doc of documents) this.#words.set(doc.meta.id, new Set(searchTokens(doc.text)));
    this.#index = new HybridIndex(embedder, documents);
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: number): ProductCard | undefined {
    return this.#byId.get(id);
  }

  /** Matching products, best first: named products, then filtered search results. */
  search(query: ProductQuery): ProductCard[] {
    const started = performance.now();
    try {
      return this.#search(query);
    } finally {
      this.#onSearch?.(performance.now() - started);
    }
  }

  #search({ text, entities, limit = 5 }: ProductQuery): ProductCard[] {
    const named = entities
      .filter((e) => e.type === 'product' && e.id !== undefined)
      .map((e) => this.#byId.get(e.id as number));
    const categories = new Set(entities.filter((e) => e.type === 'category').map((e) => String(e.value)));
    const brands = new Set(
      entities.filter((e) => e.type === 'brand').map((e) => String(e.value).toLowerCase()),
    );
    const max = entities.find((e) => e.type === 'price_max')?.value as number | undefined;
    const min = entities.find((e) => e.type === 'price_min')?.value as number | undefined;
    const inStockOnly = IN_STOCK.test(text) && named.length === 0;
    const filter = (card: ProductCard) =>
      (categories.size === 0 || categories.has(card.category)) &&
      (brands.size === 0 || brands.has((card.brand ?? '').toLowerCase())) &&
      (max === undefined || card.finalPrice <= max) &&
      (min === undefined || card.finalPrice >= min) &&
      (!inStockOnly || card.inStock);
    const results: ProductCard[] = named.filter((c): c is ProductCard => c !== undefined);
    const query = text.replace(NOISE, ' ');
    const filtered = categories.size > 0 || brands.size > 0;
    // Most of what was asked for must be there: "kite board" is not a board game.
    const terms = [...new Set(searchTokens(query))];
    const needed = Math.ceil((terms.length * 2) / 3);
    const covers = (card: ProductCard) => {
      const words = this.#words.get(card.id) ?? new Set<string>();
      const hit = terms.filter(
        (t) => words.has(t) || (t.length >= 5 && [...words].some((w) => nearlyEqual(t, w))),
      ).length;
      return hit >= needed;
    };
    let hits = this.#index
      .search(query, { limit: limit * 3, filter })
      .map((h) => h.meta)
      .filter(covers);
    // "tablets under 400": the category alone is the request; list it by rating when the words add nothing.
    if (hits.length === 0 && filtered && named.length === 0) {
      hits = [...this.#byId.values()].filter(filter).sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
    }
    for (const hit of hits) if (!results.some((r) => r.id === hit.id)) results.push(hit);
    return results.slice(0, limit);
  }
}
