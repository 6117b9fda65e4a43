import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onStore, openTestStore, storeKinds } from '../../test/databases.ts';
import { applyMigrations } from '../db/migrations.ts';
import {
  invoices,
  ORDER_STATUSES,
  orderEvents,
  orderItems,
  orders,
  products,
  refunds,
} from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { buildDemoCatalog } from './catalog.ts';
import { seedDemoData } from './index.ts';

describe('demo catalog', () => {
  const catalog = buildDemoCatalog();

  it('is deterministic and large enough to shop in', () => {
    expect(buildDemoCatalog()).toEqual(catalog);
    expect(catalog.length).toBeGreaterThanOrEqual(100);
    expect(new Set(catalog.map((p) => p.id)).size).toBe(catalog.length);
    expect(new Set(catalog.map((p) => p.category)).size).toBeGreaterThanOrEqual(10);
  });

  it('has every fact the bot quotes, and some products out of stock', () => {
    for (const p of catalog) {
      expect(p.priceCents).toBeGreaterThan(0);
      expect(p.brand && p.warranty && p.returnPolicy && p.shipping).toBeTruthy();
    }
    const soldOut = catalog.filter((p) => p.stock === 0).length;
    expect(soldOut).toBeGreaterThan(3);
    expect(soldOut).toBeLessThan(catalog.length / 4);
    expect(catalog.some((p) => (p.discountPercentage ?? 0) > 0)).toBe(true);
  });
});

describe.each(storeKinds())('seeding on %s', (kind, available) => {
  let store: Store;
  beforeAll(async () => {
    if (!available) return;
    store = await openTestStore(kind);
    await applyMigrations(store);
  });
  afterAll(async () => store?.close());

  it.skipIf(!available)(onStore('loads once, then leaves the store alone', available), async () => {
    const first = await seedDemoData(store.db, new Date('2026-11-01T12:00:00Z'));
    expect(first).toEqual({ products: buildDemoCatalog().length, customers: 4, orders: 14 });
    expect(await seedDemoData(store.db)).toEqual({ products: 0, customers: 0, orders: 0 });
    const [n] = await store.db.select({ n: count() }).from(orders);
    expect(n?.n).toBe(14);
  });

  it.skipIf(!available)('has orders in every status, each with history and an invoice', async () => {
    const rows = await store.db.select().from(orders);
    expect(new Set(rows.map((o) => o.status))).toEqual(new Set(ORDER_STATUSES));
    for (const order of rows) {
      expect(order.number).toMatch(/^\d{6}$/);
      const events = await store.db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, order.id))
        .orderBy(orderEvents.createdAt);
      expect(events.at(-1)?.status).toBe(order.status);
      const [invoice] = await store.db.select().from(invoices).where(eq(invoices.orderId, order.id));
      expect(invoice?.amountCents).toBe(order.totalCents);
      expect(invoice?.customerId).toBe(order.customerId);
    }
    const refundRows = await store.db.select().from(refunds);
    expect(refundRows.map((r) => r.status).sort()).toEqual(['paid', 'requested']);
  });

  it.skipIf(!available)('reloads only the part that is empty', async () => {
    await store.db.delete(products);
    const again = await seedDemoData(store.db);
    expect(again).toEqual({ products: buildDemoCatalog().length, customers: 0, orders: 0 });
    const [o] = await store.db.select({ n: count() }).from(orders);
    expect(o?.n).toBe(14);
  });

  it.skipIf(!available)(
    'after rollback → migrate → import of another catalog, loads customers but no invented orders',
    async () => {
      const fresh = await openTestStore(kind);
      try {
        await applyMigrations(fresh);
        // Another shop's catalog (ids and titles unlike the demo's), as catalog:import leaves it.
        await fresh.db.insert(products).values([
          { id: 1, title: 'Essence Mascara Lash Princess', category: 'beauty', priceCents: 999 },
          { id: 2, title: 'Eyeshadow Palette with Mirror', category: 'beauty', priceCents: 1999 },
        ]);
        const result = await seedDemoData(fresh.db);
        expect(result).toMatchObject({ products: 0, customers: 4, orders: 0 });
        expect(result.ordersSkipped).toMatch(/catalog lacks \d+ demo order product/);
        const [o] = await fresh.db.select({ n: count() }).from(orders);
        expect(o?.n).toBe(0);
        expect(await fresh.db.select().from(orderItems)).toEqual([]);
      } finally {
        await fresh.close();
      }
    },
  );
});
