/**
 * The catalog listing on both stores: rows with the schema's field names and types (numbers, the tags
 * array), without the SKU and change time, only active products, in id order.
 */
import { describe, expect } from 'vitest';
import { migratedStore, storeKinds, storeTest } from '../../../test/databases.ts';
import { deactivateProductsExcept, listActiveProducts, upsertProducts } from './products.ts';

const product = (id: number, title: string) => ({
  id,
  title,
  description: `About ${title}`,
  category: 'kitchen',
  brand: id === 2 ? null : 'Brava',
  priceCents: 1999 + id,
  discountPercentage: 12.5,
  rating: id === 2 ? null : 4.25,
  stock: 3,
  sku: `SKU-${id}`,
  tags: ['kitchen', 'gift'],
  warranty: '1 year',
  shipping: null,
  returnPolicy: '30 days',
  thumbnail: null,
});

describe.each(storeKinds())('listActiveProducts on %s', (kind, available) => {
  const opened = migratedStore(kind, available);
  const test = storeTest(available);

  test('reads active products as the schema types them, in id order', async () => {
    const store = opened();
    await upsertProducts(store.db, [product(3, 'Kettle'), product(1, 'Whisk'), product(2, 'Sieve')]);
    await deactivateProductsExcept(store.db, [1, 2]);
    const rows = await listActiveProducts(store.db);
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    expect(rows[0]).toEqual({
      id: 1,
      title: 'Whisk',
      description: 'About Whisk',
      category: 'kitchen',
      brand: 'Brava',
      priceCents: 2000,
      discountPercentage: 12.5,
      rating: 4.25,
      stock: 3,
      tags: ['kitchen', 'gift'],
      warranty: '1 year',
      shipping: null,
      returnPolicy: '30 days',
      thumbnail: null,
      active: true,
    });
    expect(rows[1]).toMatchObject({ brand: null, rating: null });
  });
});
