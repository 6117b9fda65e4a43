/**
 * @module seed/catalog
 * Turns the written catalog lines into product records with stable ids and deterministic stock, discount and
 * rating, so every start of the demo sees the same store.
 */
import type { products } from '../db/schema.ts';
import { CATEGORIES } from './catalog-data.ts';

export type NewProduct = typeof products.$inferInsert;

/** mulberry32: a tiny seeded PRNG; the demo must be identical on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;

/** The demo catalog: ids from 1, in category order. */
export function buildDemoCatalog(): NewProduct[] {
  const random = seededRandom(20261126);
  const catalog: NewProduct[] = [];
  for (const category of CATEGORIES) {
    category.items.forEach(([title, brand, price, pitch], i) => {
      const id = catalog.length + 1;
      // Roughly one product in nine is sold out and a few are nearly gone: the bot must say so.
      const roll = random();
      const stock =
        roll < 0.11 ? 0 : roll < 0.2 ? 1 + Math.floor(random() * 4) : 8 + Math.floor(random() * 140);
      catalog.push({
        id,
        title,
        brand,
        category: category.slug,
        description: `The ${title} is ${pitch}.`,
        priceCents: Math.round(price * 100) - 1,
        discountPercentage: random() < 0.35 ? Math.round(5 + random() * 20) : 0,
        rating: Math.round((3.2 + random() * 1.75) * 10) / 10,
        stock,
        sku: `SV-${category.slug.slice(0, 3).toUpperCase()}-${brand.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(3, '0')}`,
        tags: [...category.tags, brand.toLowerCase()],
        warranty: pick(category.warranty, random),
        shipping: pick(category.shipping, random),
        returnPolicy: pick(category.returnPolicy, random),
        thumbnail: null,
        active: true,
      });
    });
  }
  return catalog;
}
