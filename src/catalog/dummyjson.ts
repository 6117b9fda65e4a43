/**
 * @module catalog/dummyjson
 * The DummyJSON product format (an array, or `{ products: [...] }`): validation and mapping to our records.
 */
import { z } from 'zod';
import type { NewProduct } from '../db/repositories/products.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** One DummyJSON product. Unknown fields (dimensions, reviews, meta, …) are allowed and ignored. */
export const dummyJsonProductSchema = z.object({
  id: z.number().int().positive().max(2_147_483_647),
  title: text(300),
  description: z.string().max(10_000).default(''),
  category: text(100),
  price: z.number().nonnegative().max(10_000_000),
  discountPercentage: z.number().min(0).max(100).default(0),
  rating: z.number().min(0).max(5).optional(),
  stock: z.number().int().nonnegative().max(1_000_000_000),
  tags: z.array(z.string().max(100)).max(100).default([]),
  brand: z.string().trim().max(200).optional(),
  sku: z.string().max(100).optional(),
  warrantyInformation: z.string().max(500).optional(),
  shippingInformation: z.string().max(500).optional(),
  returnPolicy: z.string().max(500).optional(),
  availabilityStatus: z.string().max(100).optional(),
  thumbnail: z.string().max(2000).optional(),
});

export type DummyJsonProduct = z.infer<typeof dummyJsonProductSchema>;

export interface RecordProblem {
  /** Position of the record in the file's product array. */
  index: number;
  /** Dotted path of the field, or empty when the record itself is wrong. */
  field: string;
  message: string;
}

/** Finds the product array in either accepted shape. */
export function productArrayOf(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  if (
    document &&
    typeof document === 'object' &&
    Array.isArray((document as { products?: unknown }).products)
  ) {
    return (document as { products: unknown[] }).products;
  }
  return undefined;
}

/** Validates every record; returns all records or every problem found, never a mix. */
export function validateProducts(
  records: unknown[],
): { ok: true; products: DummyJsonProduct[] } | { ok: false; problems: RecordProblem[] } {
  const problems: RecordProblem[] = [];
  const valid: DummyJsonProduct[] = [];
  const seen = new Map<number, number>();
  records.forEach((record, index) => {
    const parsed = dummyJsonProductSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ index, field: issue.path.join('.'), message: issue.message });
      }
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      problems.push({ index, field: 'id', message: `duplicate id ${parsed.data.id} (also record ${first})` });
      return;
    }
    seen.set(parsed.data.id, index);
    valid.push(parsed.data);
  });
  return problems.length ? { ok: false, problems } : { ok: true, products: valid };
}

/** Maps a validated DummyJSON product to a catalog record (prices to integer cents). */
export function toProductRecord(p: DummyJsonProduct): NewProduct {
  const brand = p.brand?.trim();
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    category: p.category.toLowerCase(),
    brand: brand ? brand : null,
    priceCents: Math.round(p.price * 100),
    discountPercentage: p.discountPercentage,
    rating: p.rating ?? null,
    stock: p.stock,
    sku: p.sku ?? null,
    tags: p.tags,
    warranty: p.warrantyInformation ?? null,
    shipping: p.shippingInformation ?? null,
    returnPolicy: p.returnPolicy ?? null,
    thumbnail: p.thumbnail ?? null,
    active: true,
  };
}
