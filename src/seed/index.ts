/**
 * @module seed
 * Loads the demo store into an empty database. Idempotent: each part is loaded only when its table is empty,
 * all in one transaction, so a crash mid-seed leaves nothing half-written. Demo orders are loaded only
 * against a catalog that has every product they contain: after another catalog was imported into an emptied
 * store they would otherwise be orders for products that do not exist, at prices nobody set.
 */
import { count } from 'drizzle-orm';
import { upsertProducts } from '../db/repositories/products.ts';
import { customers, invoices, orderEvents, orderItems, orders, products, refunds } from '../db/schema.ts';
import type { Database } from '../db/store.ts';
import { buildDemoCatalog } from './catalog.ts';
import { DEMO_CUSTOMERS, DEMO_ORDERS, statusHistory } from './demo-data.ts';

export interface SeedResult {
  products: number;
  customers: number;
  orders: number;
  /** Why the demo orders were not loaded, when they were not. */
  ordersSkipped?: string;
}

const DAY = 86_400_000;
const SHIPPING_CENTS = { standard: 499, express: 1499 } as const;

export async function seedDemoData(db: Database, now = new Date()): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const result: SeedResult = { products: 0, customers: 0, orders: 0 };
    const [productCount] = await tx.select({ n: count() }).from(products);
    if ((productCount?.n ?? 0) === 0) {
      result.products = (await upsertProducts(tx as unknown as Database, buildDemoCatalog())).inserted;
    }
    const [customerCount] = await tx.select({ n: count() }).from(customers);
    if ((customerCount?.n ?? 0) === 0) {
      await tx.insert(customers).values(DEMO_CUSTOMERS.map(({ id, name, email }) => ({ id, name, email })));
      result.customers = DEMO_CUSTOMERS.length;
      const missing = await missingOrderProducts(tx as unknown as Database);
      if (missing.length === 0) result.orders = await seedOrders(tx as unknown as Database, now);
      else
        result.ordersSkipped = `the catalog lacks ${missing.length} demo order product(s), e.g. "${missing[0]}"`;
    }
    return result;
  });
}

/** Titles in the demo orders that the store's catalog does not have. */
async function missingOrderProducts(db: Database): Promise<string[]> {
  const titles = new Set((await db.select({ title: products.title }).from(products)).map((p) => p.title));
  const wanted = new Set(DEMO_ORDERS.flatMap((order) => order.items.map(([title]) => title)));
  return [...wanted].filter((title) => !titles.has(title));
}

async function seedOrders(db: Database, now: Date): Promise<number> {
  const catalog = await db
    .select({ id: products.id, title: products.title, priceCents: products.priceCents })
    .from(products);
  const byTitle = new Map(catalog.map((p) => [p.title, p]));
  for (const demo of DEMO_ORDERS) {
    const customer = DEMO_CUSTOMERS.find((c) => c.id === demo.customerId);
    if (!customer) throw new Error(`demo order ${demo.number} names unknown customer ${demo.customerId}`);
    const lines = demo.items.map(([title, quantity]) => {
      const product = byTitle.get(title);
      if (!product) throw new Error(`demo order ${demo.number} names unknown product ${title}`);
      return { productId: product.id, title, unitPriceCents: product.priceCents, quantity };
    });
    const shippingCents = SHIPPING_CENTS[demo.shippingMethod];
    const totalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0) + shippingCents;
    const placedAt = new Date(now.getTime() - demo.placedDaysAgo * DAY - 3_600_000);
    const shipped = ['shipped', 'out_for_delivery', 'delivered', 'refunded'].includes(demo.status);
    const [order] = await db
      .insert(orders)
      .values({
        number: demo.number,
        customerId: demo.customerId,
        status: demo.status,
        totalCents,
        shippingCents,
        shippingAddress: customer.address,
        shippingMethod: demo.shippingMethod,
        paymentMethod: demo.paymentMethod,
        carrier: shipped ? 'ParcelWay' : null,
        trackingNumber: shipped ? `PW${demo.number}GB` : null,
        estimatedDelivery:
          demo.status === 'cancelled'
            ? null
            : new Date(placedAt.getTime() + (demo.shippingMethod === 'express' ? 2 : 5) * DAY),
        placedAt,
        updatedAt: placedAt,
      })
      .returning({ id: orders.id });
    if (!order) throw new Error(`could not insert demo order ${demo.number}`);
    await db.insert(orderItems).values(lines.map((line) => ({ ...line, orderId: order.id })));
    const history = statusHistory(demo.status);
    const step = Math.max(1, demo.placedDaysAgo) * (DAY / history.length);
    await db.insert(orderEvents).values(
      history.map((status, i) => ({
        orderId: order.id,
        status,
        createdAt: new Date(placedAt.getTime() + i * step * 0.9),
      })),
    );
    await db.insert(invoices).values({
      number: `INV-${Number(demo.number) + 200000}`,
      orderId: order.id,
      customerId: demo.customerId,
      amountCents: totalCents,
      status: demo.status === 'cancelled' ? 'void' : 'paid',
      issuedAt: placedAt,
    });
    if (demo.refund) {
      await db.insert(refunds).values({
        number: demo.refund.number,
        orderId: order.id,
        customerId: demo.customerId,
        amountCents: totalCents - shippingCents,
        status: demo.refund.status,
        reason: demo.refund.reason,
        createdAt: new Date(now.getTime() - 2 * DAY),
        updatedAt: new Date(now.getTime() - DAY),
      });
    }
  }
  return DEMO_ORDERS.length;
}
