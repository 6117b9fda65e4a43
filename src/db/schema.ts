/**
 * @module db/schema
 * The single schema for both drivers (postgres.js and PGlite). Money is stored in integer cents.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const ORDER_STATUSES = [
  'processing',
  'shipped',
  'out_for_delivery',
  'delivered',
  'cancelled',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderStatus = pgEnum('order_status', ORDER_STATUSES);
export const refundStatus = pgEnum('refund_status', ['requested', 'approved', 'rejected', 'paid']);
export const invoiceStatus = pgEnum('invoice_status', ['issued', 'paid', 'void']);
export const ticketKind = pgEnum('ticket_kind', ['complaint', 'review']);
export const ticketStatus = pgEnum('ticket_status', ['open', 'closed']);
export const conversationStatus = pgEnum('conversation_status', ['open', 'handoff', 'closed']);
export const messageRole = pgEnum('message_role', ['customer', 'bot', 'agent']);
export const handoffStatus = pgEnum('handoff_status', ['open', 'resolved']);

export const customers = pgTable('customers', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const products = pgTable(
  'products',
  {
    id: integer('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    brand: text('brand'),
    priceCents: integer('price_cents').notNull(),
    discountPercentage: doublePrecision('discount_percentage').notNull().default(0),
    rating: doublePrecision('rating'),
    stock: integer('stock').notNull().default(0),
    sku: text('sku'),
    tags: jsonb('tags').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    warranty: text('warranty'),
    shipping: text('shipping'),
    returnPolicy: text('return_policy'),
    thumbnail: text('thumbnail'),
    // Products removed from the catalog stay for order history but are not offered.
    active: boolean('active').notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [index('products_category_idx').on(t.category), index('products_brand_idx').on(t.brand)],
);

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export const orders = pgTable(
  'orders',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    status: orderStatus('status').notNull(),
    currency: text('currency').notNull().default('USD'),
    totalCents: integer('total_cents').notNull(),
    shippingCents: integer('shipping_cents').notNull().default(0),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>().notNull(),
    shippingMethod: text('shipping_method').notNull().default('standard'),
    paymentMethod: text('payment_method').notNull(),
    trackingNumber: text('tracking_number'),
    carrier: text('carrier'),
    estimatedDelivery: timestamp('estimated_delivery', { withTimezone: true }),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('orders_customer_idx').on(t.customerId)],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    // The title and price are a snapshot: the catalog may change after the order is placed.
    productId: integer('product_id').references(() => products.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId)],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    status: orderStatus('status').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId)],
);

export const refunds = pgTable(
  'refunds',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    amountCents: integer('amount_cents').notNull(),
    status: refundStatus('status').notNull().default('requested'),
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('refunds_customer_idx').on(t.customerId)],
);

export const invoices = pgTable(
  'invoices',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    amountCents: integer('amount_cents').notNull(),
    status: invoiceStatus('status').notNull().default('issued'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invoices_customer_idx').on(t.customerId)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').references(() => customers.id),
    status: conversationStatus('status').notNull().default('open'),
    // Dialogue state (pending question, slots, context) so any replica can continue the conversation.
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    // Caller + clientMessageId of the message that opened it (hashed), so a retried first message finds it.
    openKey: text('open_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversations_customer_idx').on(t.customerId),
    uniqueIndex('conversations_open_key_uq').on(t.openKey),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: messageRole('role').notNull(),
    text: text('text').notNull(),
    // Lets a client retry a send safely: the same id returns the stored reply.
    clientMessageId: text('client_message_id'),
    replyTo: text('reply_to'),
    intent: text('intent'),
    confidence: doublePrecision('confidence'),
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.createdAt),
    uniqueIndex('messages_client_id_uq').on(t.conversationId, t.clientMessageId),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    id: serial('id').primaryKey(),
    kind: ticketKind('kind').notNull(),
    customerId: text('customer_id').references(() => customers.id),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    orderId: integer('order_id').references(() => orders.id),
    productId: integer('product_id').references(() => products.id, { onDelete: 'set null' }),
    rating: integer('rating'),
    body: text('body').notNull(),
    status: ticketStatus('status').notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [index('tickets_customer_idx').on(t.customerId)],
);

export const newsletterSubscriptions = pgTable('newsletter_subscriptions', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  customerId: text('customer_id').references(() => customers.id),
  createdAt: createdAt(),
  unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
});

export const handoffs = pgTable(
  'handoffs',
  {
    id: serial('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    reason: text('reason'),
    status: handoffStatus('status').notNull().default('open'),
    resolvedBy: text('resolved_by'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('handoffs_status_idx').on(t.status)],
);

export const messageFeedback = pgTable('message_feedback', {
  id: serial('id').primaryKey(),
  messageId: text('message_id')
    .notNull()
    .references(() => messages.id, { onDelete: 'cascade' }),
  helpful: boolean('helpful').notNull(),
  comment: text('comment'),
  createdAt: createdAt(),
});

/**
 * Shared rate-limit budget: one row per key and fixed one-minute window, counted with an upsert, so every
 * replica draws on the same budget. UNLOGGED in the migration: counters need no crash safety.
 */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
