/**
 * @module actions/orders
 * Track, cancel, change and re-address orders — only the signed-in customer's own.
 */
import {
  cancelOrder,
  changeShippingAddress,
  findOrder,
  listOrderedProducts,
  listOrders,
  type OrderDetails,
} from '../db/repositories/orders.ts';
import type { ShippingAddress } from '../db/schema.ts';
import { formatCents, formatDay, humanStatus, list } from '../dialogue/format.ts';
import type { Action, ActionContext, ActionResult } from './types.ts';
import { SIGN_IN_FIRST } from './types.ts';

const orderSource = (order: OrderDetails) => ({
  kind: 'order' as const,
  id: order.number,
  title: `Order ${order.number}`,
});

/** Resolves the order the turn is about, or the reply that asks for it / refuses. */
export async function withOrder(
  ctx: ActionContext,
  intent: string,
  then: (order: OrderDetails) => Promise<ActionResult> | ActionResult,
): Promise<ActionResult> {
  if (!ctx.customerId) return { reply: SIGN_IN_FIRST, pending: null };
  if (!ctx.orderNumber) {
    return {
      reply: 'Which order do you mean? Please give me the order number (for example 100042).',
      pending: { type: 'order_number', intent },
    };
  }
  const order = await findOrder(ctx.store.db, ctx.customerId, ctx.orderNumber);
  if (!order) {
    return {
      reply: `I couldn't find order ${ctx.orderNumber} on your account. Please check the number — you can see your orders under "Orders" in your account.`,
      pending: null,
    };
  }
  return { lastOrder: order.number, ...(await then(order)) };
}

const itemsText = (order: OrderDetails) => list(order.items.map((i) => `${i.quantity} × ${i.title}`));

/**
 * "Where is my order?" from a signed-in customer with no number: their one order, or their recent orders,
 * newest first, to choose from.
 */
export const trackOrder: Action = async (ctx) => {
  if (!ctx.customerId || ctx.orderNumber) return showOrder(ctx);
  const holding = await ordersHoldingWhatIsNamed(ctx, ctx.customerId);
  const orders = (await listOrders(ctx.store.db, ctx.customerId))
    .filter((o) => !holding || holding.has(o.number))
    .slice(0, 3);
  if (orders.length === 0) return { reply: "I can't see any orders on your account yet.", pending: null };
  if (orders.length === 1)
    return showOrder({ ...ctx, orderNumber: (orders[0] as (typeof orders)[number]).number });
  const lines = orders.map(
    (o) => `order ${o.number} (${humanStatus(o.status)}, placed ${formatDay(o.placedAt)})`,
  );
  return {
    reply: `Your most recent orders: ${list(lines)}. Which one do you mean? Reply with its number.`,
    sources: orders.map((o) => ({ kind: 'order' as const, id: o.number, title: `Order ${o.number}` })),
    actions: orders.map((o) => ({ type: 'order_status', orderNumber: o.number, status: o.status })),
    pending: { type: 'order_number', intent: 'track_order' },
  };
};

/**
 * The numbers of the customer's orders that hold a product the message names, by title or by its category ("where
 * is my laptop?", "my air fryer hasn't come"); undefined when the message names none, or none of the orders
 * holds one (then every order is a candidate).
 */
async function ordersHoldingWhatIsNamed(
  ctx: ActionContext,
  customerId: string,
): Promise<Set<string> | undefined> {
  const named = ctx.entities.filter((e) => e.type === 'product' || e.type === 'category');
  if (named.length === 0) return undefined;
  const matches = (productId: number | null) => {
    const product = productId === null ? undefined : ctx.catalog.get(productId);
    return named.some((e) =>
      e.type === 'product' ? e.id === productId : product !== undefined && product.category === e.value,
    );
  };
  const numbers = new Set(
    (await listOrderedProducts(ctx.store.db, customerId))
      .filter((i) => matches(i.productId))
      .map((i) => i.number),
  );
  return numbers.size > 0 ? numbers : undefined;
}

const showOrder: Action = (ctx) =>
  withOrder(ctx, 'track_order', (order) => {
    const parts = [`Order ${order.number} (${itemsText(order)}) is ${humanStatus(order.status)}.`];
    if (order.trackingNumber && order.status !== 'delivered')
      parts.push(`${order.carrier} tracking number: ${order.trackingNumber}.`);
    if (order.estimatedDelivery && ['processing', 'shipped', 'out_for_delivery'].includes(order.status)) {
      parts.push(`Estimated delivery: ${formatDay(order.estimatedDelivery)}.`);
    }
    const last = order.events.at(-1);
    if (order.status === 'delivered' && last) parts.push(`It was delivered on ${formatDay(last.createdAt)}.`);
    return {
      reply: parts.join(' '),
      sources: [orderSource(order)],
      actions: [{ type: 'order_status', orderNumber: order.number, status: order.status }],
      pending: null,
    };
  });

export const askToCancel: Action = (ctx) =>
  withOrder(ctx, 'cancel_order', (order) => {
    if (order.status !== 'processing') {
      const why =
        order.status === 'cancelled'
          ? 'it is already cancelled'
          : order.status === 'refunded'
            ? 'it has been refunded'
            : `it is already ${humanStatus(order.status)}, so it can no longer be cancelled. You can return it after delivery instead`;
      return {
        reply: `I can't cancel order ${order.number}: ${why}.`,
        sources: [orderSource(order)],
        pending: null,
      };
    }
    return {
      reply: `Cancel order ${order.number} (${itemsText(order)}, ${formatCents(order.totalCents)})? There is no fee while it is processing. Please answer yes or no.`,
      sources: [orderSource(order)],
      pending: { type: 'confirm', action: 'cancel_order', orderNumber: order.number },
    };
  });

export async function confirmCancel(ctx: ActionContext, orderNumber: string): Promise<ActionResult> {
  if (!ctx.customerId) return { reply: SIGN_IN_FIRST, pending: null };
  const result = await cancelOrder(ctx.store.db, ctx.customerId, orderNumber);
  if (!result.ok) {
    return {
      reply:
        result.reason === 'not_found'
          ? `I couldn't find order ${orderNumber} on your account.`
          : `Order ${orderNumber} can no longer be cancelled: it is ${humanStatus(result.status ?? 'processing')}.`,
      pending: null,
    };
  }
  return {
    reply: `Done — order ${orderNumber} is cancelled. The full amount of ${formatCents(result.value.totalCents)} goes back to your original payment method within 5–10 business days.`,
    actions: [{ type: 'order_cancelled', orderNumber }],
    lastOrder: orderNumber,
    pending: null,
  };
}

export const changeOrder: Action = (ctx) =>
  withOrder(ctx, 'change_order', (order) => ({
    reply:
      order.status === 'processing'
        ? `Order ${order.number} is still processing. Items can't be swapped in chat, but you can cancel it for free and place a new order, change its delivery address, or ask me for a human agent to make the change.`
        : `Order ${order.number} is ${humanStatus(order.status)}, so its items can no longer be changed. You can return items after delivery under our returns policy.`,
    sources: [orderSource(order)],
    pending: null,
  }));

export const askNewAddress: Action = (ctx) =>
  withOrder(ctx, 'change_shipping_address', (order) => {
    if (order.status !== 'processing') {
      return {
        reply: `Order ${order.number} is already ${humanStatus(order.status)}, so I can't change its address. Contact ${order.carrier ?? 'the carrier'} with tracking number ${order.trackingNumber ?? '(see your order)'} to redirect it.`,
        sources: [orderSource(order)],
        pending: null,
      };
    }
    const a = order.shippingAddress;
    return {
      reply: `Order ${order.number} ships to ${a.line1}, ${a.city} ${a.postalCode}, ${a.country}. What is the new address? Please write it as: street, city, postal code, country.`,
      sources: [orderSource(order)],
      pending: { type: 'address', orderNumber: order.number },
    };
  });

/** Postal codes as written in the countries we ship to most: UK, US (with a state), EU, NL, CA, IE, JP. */
const POSTAL_CODE =
  '(?:[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}|(?:[A-Z]{2}\\s+)?\\d{4,5}(?:-\\d{4})?|\\d{4}\\s?[A-Z]{2}|[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d|[A-Z]\\d{2}\\s?[A-Z\\d]{4}|\\d{3}-\\d{4})';
const WHOLE_POSTAL_CODE = new RegExp(`^${POSTAL_CODE}$`, 'i');
const TRAILING_POSTAL_CODE = new RegExp(`^(.*?\\S)\\s+(${POSTAL_CODE})$`, 'i');
const LEADING_POSTAL_CODE = new RegExp(`^(${POSTAL_CODE})\\s+(\\D.*)$`, 'i');

/**
 * A new shipping address as customers write it: "12 Elm Street, Leeds, LS1 4AB, United Kingdom", without the
 * country ("12 Baker Street, London, NW1 6XE"), with the postal code beside the city ("12 Baker Street, London
 * NW1 6XE", "Hauptstraße 5, 10115 Berlin"), or with a flat before the street ("Flat 2, 12 Elm Street, Leeds,
 * LS1 4AB"). A missing country is `country` (the order's current one). Undefined when no part is a postal
 * code after a street and a city.
 */
export function parseAddress(text: string, name: string, country: string): ShippingAddress | undefined {
  const parts = text
    .split(/[,\n;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2 || parts.some((p) => p.length > 120)) return undefined;
  const address = (street: string[], city: string, postalCode: string, after: string[]) =>
    street.length > 0 && city
      ? { name, line1: street.join(', '), city, postalCode, country: after.join(', ') || country }
      : undefined;
  for (let i = parts.length - 1; i >= 1; i--) {
    const part = parts[i] as string;
    // "…, Leeds, LS1 4AB[, United Kingdom]"
    if (i >= 2 && WHOLE_POSTAL_CODE.test(part))
      return address(parts.slice(0, i - 1), parts[i - 1] as string, part, parts.slice(i + 1));
    // "…, London NW1 6XE[, United Kingdom]"
    const trailing = part.match(TRAILING_POSTAL_CODE);
    if (trailing?.[1] && trailing[2])
      return address(parts.slice(0, i), trailing[1], trailing[2], parts.slice(i + 1));
    // "…, 10115 Berlin[, Germany]"
    const leading = part.match(LEADING_POSTAL_CODE);
    if (leading?.[1] && leading[2])
      return address(parts.slice(0, i), leading[2], leading[1], parts.slice(i + 1));
  }
  return undefined;
}

export async function applyNewAddress(ctx: ActionContext, orderNumber: string): Promise<ActionResult> {
  if (!ctx.customerId) return { reply: SIGN_IN_FIRST, pending: null };
  const order = await findOrder(ctx.store.db, ctx.customerId, orderNumber);
  if (!order) return { reply: `I couldn't find order ${orderNumber} on your account.`, pending: null };
  const address = parseAddress(ctx.text, order.shippingAddress.name, order.shippingAddress.country);
  if (!address) {
    return {
      reply:
        'Please write the full address as: street and number, city, postal code (and the country, if it is not the same) — or say "cancel" to keep the current one.',
      pending: { type: 'address', orderNumber },
    };
  }
  const result = await changeShippingAddress(ctx.store.db, ctx.customerId, orderNumber, address);
  if (!result.ok)
    return {
      reply: `Order ${orderNumber} has shipped in the meantime, so its address can no longer be changed.`,
      pending: null,
    };
  return {
    reply: `Updated — order ${orderNumber} will ship to ${address.line1}, ${address.city} ${address.postalCode}, ${address.country}.`,
    actions: [{ type: 'shipping_address_changed', orderNumber }],
    lastOrder: orderNumber,
    pending: null,
  };
}
