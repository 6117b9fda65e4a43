/**
 * @module db/repositories/products
 * Catalog reads and writes.
 */
import { and, count, eq, getTableColumns, notInArray, sql } from 'drizzle-orm';
import { products } from '../schema.ts';
import type { Database } from '../store.ts';

export type ProductRow = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;

/** Products per upsert statement (16 columns each: 8,000 parameters). */
export const UPSERT_BATCH = 500;

/**
 * Inserts or replaces products by id, in batches, reporting the rows written after each. Returns how many
 * ids were new.
 */
export async function upsertProducts(
  db: Database,
  records: NewProduct[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ inserted: number; updated: number }> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  let inserted = 0;
  // Chunks keep each statement well under PostgreSQL's 65535 bind-parameter limit.
  for (let i = 0; i < records.length; i += UPSERT_BATCH) {
    const chunk = records.slice(i, i + UPSERT_BATCH);
    const rows = await db
      .insert(products)
      .values(chunk)
      .onConflictDoUpdate({
        target: products.id,
        set: {
          title: sql`excluded.title`,
          description: sql`excluded.description`,
          category: sql`excluded.category`,
          brand: sql`excluded.brand`,
          priceCents: sql`excluded.price_cents`,
          discountPercentage: sql`excluded.discount_percentage`,
          rating: sql`excluded.rating`,
          stock: sql`excluded.stock`,
          sku: sql`excluded.sku`,
          tags: sql`excluded.tags`,
          warranty: sql`excluded.warranty`,
          shipping: sql`excluded.shipping`,
          returnPolicy: sql`excluded.return_policy`,
          thumbnail: sql`excluded.thumbnail`,
          active: sql`excluded.active`,
          updatedAt: sql`now()`,
        },
      })
      // xmax = 0 only for rows this statement inserted (PostgreSQL's usual upsert tell).
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    inserted += rows.filter((row) => row.inserted).length;
    onProgress?.(i + chunk.length, records.length);
  }
  return { inserted, updated: records.length - inserted };
}

/** Marks every active product whose id is not in `keep` inactive; returns how many. */
export async function deactivateProductsExcept(db: Database, keep: number[]): Promise<number> {
  const rows = await db
    .update(products)
    .set({ active: false, updatedAt: sql`now()` })
    .where(
      keep.length ? and(eq(products.active, true), notInArray(products.id, keep)) : eq(products.active, true),
    )
    .returning({ id: products.id });
  return rows.length;
}

export async function countActiveProducts(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(products).where(eq(products.active, true));
  return row?.n ?? 0;
}

export async function getProduct(db: Database, id: number): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row;
}

/** What the catalog's indexes and answers read of a product: all but its SKU and change time. */
export type CatalogRow = Omit<ProductRow, 'sku' | 'updatedAt'>;

const { sku: _sku, updatedAt: _updatedAt, ...catalogColumns } = getTableColumns(products);

/**
 * The products on sale, as the indexes need them. Without the change time: turning 100,000 timestamps
 * into Dates was a third of the listing's time at start.
 */
export async function listActiveProducts(db: Database): Promise<CatalogRow[]> {
  return db.select(catalogColumns).from(products).where(eq(products.active, true)).orderBy(products.id);
}
