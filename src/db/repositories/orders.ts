/**
 * @module db/repositories/orders
 * Orders, always read and written on behalf of one customer: every query filters by the customer id, so a
 * customer can never see or change another customer's order.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import {
  invoices,
  type OrderStatus,
  orderEvents,
  orderItems,
  orders,
  refunds,
  type ShippingAddress,
} from '../schema.ts';
import type { Database } from '../store.ts';

export type OrderRow = typeof orders.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

export interface OrderDetails extends OrderRow {
  items: { title: string; quantity: number; unitPriceCents: number; productId: number | null }[];
  events: { status: OrderStatus; createdAt: Date }[];
}

/** Orders that can still be cancelled or re-addressed: not yet handed to the carrier. */
export const BEFORE_SHIPPING: OrderStatus[] = ['processing'];

export async function listOrders(db: Database, customerId: string): Promise<OrderRow[]> {
  return db.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(desc(orders.placedAt));
}

/** The products in each of the customer's orders, newest order first: "where is my laptop?" names an order by them. */
export async function listOrderedProducts(
  db: Database,
  customerId: string,
): Promise<{ number: string; productId: number | null }[]> {
  return db
    .select({ number: orders.number, productId: orderItems.productId })
    .from(orderItems)
    .innerJoin(orders, eq(orderItems.orderId, orders.id))
    .where(eq(orders.customerId, customerId))
    .orderBy(desc(orders.placedAt), orderItems.id);
}

/** The customer's order with this number, or undefined — also when it exists but belongs to someone else. */
export async function findOrder(
  db: Database,
  customerId: string,
  number: string,
): Promise<OrderDetails | undefined> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.number, number)));
  if (!order) return undefined;
  const items = await db
    .select({
      title: orderItems.title,
      quantity: orderItems.quantity,
      unitPriceCents: orderItems.unitPriceCents,
      productId: orderItems.productId,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(orderItems.id);
  const events = await db
    .select({ status: orderEvents.status, createdAt: orderEvents.createdAt })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, order.id))
    .orderBy(orderEvents.createdAt, orderEvents.id);
  return { ...order, items, events };
}

export type ChangeResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'not_found' | 'not_allowed'; status?: OrderStatus };

/** Cancels the order if it is still before shipping; the status check and the write are one statement. */
export async function cancelOrder(
  db: Database,
  customerId: string,
  number: string,
): Promise<ChangeResult<OrderRow>> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(orders)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(
        and(eq(orders.customerId, customerId), eq(orders.number, number), eq(orders.status, 'processing')),
      )
      .returning();
    if (!updated) return refusal(tx as unknown as Database, customerId, number);
    await tx
      .insert(orderEvents)
      .values({ orderId: updated.id, status: 'cancelled', note: 'cancelled by the customer in chat' });
    await tx.update(invoices).set({ status: 'void' }).where(eq(invoices.orderId, updated.id));
    return { ok: true as const, value: updated };
  });
}

/** Replaces the shipping address while the order is before shipping. */
export async function changeShippingAddress(
  db: Database,
  customerId: string,
  number: string,
  address: ShippingAddress,
): Promise<ChangeResult<OrderRow>> {
  const [updated] = await db
    .update(orders)
    .set({ shippingAddress: address, updatedAt: sql`now()` })
    .where(and(eq(orders.customerId, customerId), eq(orders.number, number), eq(orders.status, 'processing')))
    .returning();
  return updated ? { ok: true, value: updated } : refusal(db, customerId, number);
}

async function refusal(db: Database, customerId: string, number: string): Promise<ChangeResult<never>> {
  const [order] = await db
    .select({ status: orders.status })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.number, number)));
  return order
    ? { ok: false, reason: 'not_allowed', status: order.status }
    : { ok: false, reason: 'not_found' };
}

export async function listInvoices(
  db: Database,
  customerId: string,
): Promise<(InvoiceRow & { orderNumber: string })[]> {
  const rows = await db
    .select({ invoice: invoices, orderNumber: orders.number })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(eq(invoices.customerId, customerId))
    .orderBy(desc(invoices.issuedAt));
  return rows.map((r) => ({ ...r.invoice, orderNumber: r.orderNumber }));
}

export async function listRefunds(
  db: Database,
  customerId: string,
): Promise<(RefundRow & { orderNumber: string })[]> {
  const rows = await db
    .select({ refund: refunds, orderNumber: orders.number })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(eq(refunds.customerId, customerId))
    .orderBy(desc(refunds.createdAt));
  return rows.map((r) => ({ ...r.refund, orderNumber: r.orderNumber }));
}

/** Opens a refund request for a delivered order of the customer that has none yet. */
export async function requestRefund(
  db: Database,
  customerId: string,
  number: string,
  reason: string,
): Promise<ChangeResult<RefundRow> | { ok: false; reason: 'exists'; refund: RefundRow }> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.customerId, customerId), eq(orders.number, number)))
      .for('update');
    if (!order) return { ok: false as const, reason: 'not_found' as const };
    const [existing] = await tx.select().from(refunds).where(eq(refunds.orderId, order.id));
    if (existing) return { ok: false as const, reason: 'exists' as const, refund: existing };
    if (order.status !== 'delivered')
      return { ok: false as const, reason: 'not_allowed' as const, status: order.status };
    const [created] = await tx
      .insert(refunds)
      .values({
        number: `RF-${Number(order.number) + 400000}`,
        orderId: order.id,
        customerId,
        amountCents: order.totalCents - order.shippingCents,
        reason,
      })
      .returning();
    return { ok: true as const, value: created as RefundRow };
  });
}
