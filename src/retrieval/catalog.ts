/**
 * @module retrieval/catalog
 * Product search with filters (category, brand, price limits, in stock) over a search index (in-process or
 * Qdrant). Facts come from the product record; a request that matches nothing returns nothing.
 */
import type { ProductRow } from '../db/repositories/products.ts';
import type { Entity } from '../nlu/entities.ts';
import { nearlyEqual } from '../nlu/lexicon.ts';
import { type IndexedDocument, passes, type SearchFilter, type SearchIndex } from './search-index.ts';
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
  /** The product's image from the catalog record (an http(s) URL), null when it has none. */
  thumbnail: string | null;
}

/** Only http(s) URLs are offered as images; anything else in a catalog record is dropped. */
export function imageUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** What the index stores per product: the card plus a lower-case brand to filter on. */
export type ProductMeta = ProductCard & { brandKey: string };

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
    thumbnail: imageUrl(p.thumbnail),
  };
}

/** The documents a catalog is indexed as (title twice: it matters most). */
export function productDocuments(products: ProductRow[]): IndexedDocument<ProductMeta>[] {
  return products
    .filter((p) => p.active)
    .map((p) => {
      const card = toCard(p);
      return {
        id: String(p.id),
        text: `${p.title} ${p.title} ${p.brand ?? ''} ${p.category.replace(/-/g, ' ')} ${(p.tags ?? []).join(' ')} ${p.description ?? ''}`,
        meta: { ...card, brandKey: (p.brand ?? '').toLowerCase() },
      };
    });
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

const cardOf = ({ brandKey: _b, ...card }: ProductMeta): ProductCard => card;

export class CatalogSearch {
  readonly #index: SearchIndex<ProductMeta>;
  readonly #byId: Map<number, ProductMeta>;
  readonly #words = new Map<number, Set<string>>();
  readonly #onSearch?: (ms: number) => void;

  constructor(
    documents: IndexedDocument<ProductMeta>[],
    index: SearchIndex<ProductMeta>,
    onSearch?: (ms: number) => void,
  ) {
    this.#index = index;
    this.#onSearch = onSearch;
    this.#byId = new Map(documents.map((d) => [d.meta.id, d.meta]));
    for (const doc of documents) this.#words.set(doc.meta.id, new Set(searchTokens(doc.text)));
  }

  get size(): number {
    return this.#byId.size;
  }

  get index(): SearchIndex<ProductMeta> {
    return this.#index;
  }

  get(id: number): ProductCard | undefined {
    const meta = this.#byId.get(id);
    return meta ? cardOf(meta) : undefined;
  }

  /** Matching products, best first: named products, then filtered search results. */
  async search(query: ProductQuery): Promise<ProductCard[]> {
    const started = performance.now();
    try {
      return await this.#search(query);
    } finally {
      this.#onSearch?.(performance.now() - started);
    }
  }

  async #search({ text, entities, limit = 5 }: ProductQuery): Promise<ProductCard[]> {
    const named = entities
      .filter((e) => e.type === 'product' && e.id !== undefined)
      .map((e) => this.#byId.get(e.id as number))
      .filter((m): m is ProductMeta => m !== undefined);
    const categories = [
      ...new Set(entities.filter((e) => e.type === 'category').map((e) => String(e.value))),
    ];
    const brands = [
      ...new Set(entities.filter((e) => e.type === 'brand').map((e) => String(e.value).toLowerCase())),
    ];
    const max = entities.find((e) => e.type === 'price_max')?.value as number | undefined;
    const min = entities.find((e) => e.type === 'price_min')?.value as number | undefined;
    const filter: SearchFilter = { anyOf: {}, range: {} };
    if (categories.length) (filter.anyOf as Record<string, string[]>).category = categories;
    if (brands.length) (filter.anyOf as Record<string, string[]>).brandKey = brands;
    if (IN_STOCK.test(text) && named.length === 0)
      (filter.anyOf as Record<string, boolean[]>).inStock = [true];
    if (max !== undefined || min !== undefined) {
      (filter.range as Record<string, { gte?: number; lte?: number }>).finalPrice = {
        ...(min !== undefined ? { gte: min } : {}),
        ...(max !== undefined ? { lte: max } : {}),
      };
    }
    const results: ProductMeta[] = [...named];
    const query = text.replace(NOISE, ' ');
    // Most of what was asked for must be there: "kite board" is not a board game.
    const terms = [...new Set(searchTokens(query))];
    const needed = Math.ceil((terms.length * 2) / 3);
    const covers = (meta: ProductMeta) => {
      const words = this.#words.get(meta.id) ?? new Set<string>();
      const hit = terms.filter(
        (t) => words.has(t) || (t.length >= 5 && [...words].some((w) => nearlyEqual(t, w))),
      ).length;
      return hit >= needed;
    };
    let hits = (await this.#index.search(query, { limit: limit * 3, filter }))
      .map((h) => h.meta)
      .filter(covers);
    // "tablets under 400": the category alone is the request; list it by rating when the words add nothing.
    if (hits.length === 0 && (categories.length > 0 || brands.length > 0) && named.length === 0) {
      hits = [...this.#byId.values()]
        .filter((m) => passes(m, filter))
        .sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
    }
    for (const hit of hits) if (!results.some((r) => r.id === hit.id)) results.push(hit);
    return results.slice(0, limit).map(cardOf);
  }
}
