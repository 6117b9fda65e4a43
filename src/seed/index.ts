/**
 * @module seed
 * Loads the demo store into an empty database. Idempotent: each part is loaded only when its table is empty,
 * all in one transaction, so a crash mid-seed leaves nothing half-written.
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
      result.orders = await seedOrders(tx as unknown as Database, now);
    }
    return result;
  });
}

async function seedOrders(db: Database, now: Date): Promise<number> {
  const catalog = await db
    .select({ id: products.id, title: products.title, priceCents: products.priceCents })
    .from(products);
  const byTitle = new Map(catalog.map((p) => [p.title, p]));
  for (const demo of DEMO_ORDERS) {
    const customer = DEMO_CUSTOMERS.find((c) => c.id === demo.customerId);
    if (!customer) throw new Error(`demo order ${demo.number} names unknown customer ${demo.customerId}`);
    // Demo orders point at demo products when they exist; after an import they keep their own snapshot.
    const lines = demo.items.map(([title, quantity]) => {
      const product = byTitle.get(title);
      return { productId: product?.id ?? null, title, unitPriceCents: product?.priceCents ?? 4999, quantity };
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
