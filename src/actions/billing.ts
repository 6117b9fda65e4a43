/**
 * @module actions/billing
 * Invoices and refunds of the signed-in customer.
 */
import { findOrder, listInvoices, listRefunds, requestRefund } from '../db/repositories/orders.ts';
import { formatCents, formatDay, humanStatus } from '../dialogue/format.ts';
import { answerFromDocuments } from './knowledge.ts';
import type { Action, ActionContext, ActionResult } from './types.ts';
import { SIGN_IN_FIRST } from './types.ts';

const normalizeInvoice = (v: string) => v.replace(/^INV-/i, '').replace(/^#/, '').replace(/^0+/, '');

export const invoices: Action = async (ctx) => {
  if (!ctx.customerId) return { reply: SIGN_IN_FIRST, pending: null };
  const all = await listInvoices(ctx.store.db, ctx.customerId);
  const wanted = ctx.entities.find((e) => e.type === 'invoice_id');
  const ofOrder = (n: string) => all.filter((i) => i.orderNumber === n.replace(/^#/, ''));
  let chosen: typeof all;
  if (wanted) {
    const number = String(wanted.value);
    chosen = all.filter((i) => normalizeInvoice(i.number) === normalizeInvoice(number));
    // "the invoice for 100052": a number that is no invoice's may be its order's, as the customer knows it.
    if (chosen.length === 0) chosen = ofOrder(number);
  } else chosen = ctx.orderNumber ? ofOrder(ctx.orderNumber) : all.slice(0, 5);
  if (chosen.length === 0) {
    return {
      reply: wanted
        ? `I couldn't find invoice ${wanted.value} on your account.`
        : 'I found no invoices on your account.',
      pending: null,
    };
  }
  const lines = chosen.map(
    (i) =>
      `${i.number} — order ${i.orderNumber}, ${formatCents(i.amountCents)}, ${i.status}, issued ${formatDay(i.issuedAt)}`,
  );
  const download =
    ctx.nlu.intent.name === 'get_invoice'
      ? ' You can download each one as a PDF under "Orders" in your account.'
      : '';
  return {
    reply: `${chosen.length === 1 ? 'Your invoice' : 'Your invoices'}: ${lines.join('; ')}.${download}`,
    actions: chosen.map((i) => ({ type: 'invoice', number: i.number, orderNumber: i.orderNumber })),
    sources: chosen.map((i) => ({ kind: 'order' as const, id: i.orderNumber, title: `Invoice ${i.number}` })),
    pending: null,
  };
};

export const trackRefund: Action = async (ctx) => {
  if (!ctx.customerId) return { reply: SIGN_IN_FIRST, pending: null };
  const refunds = await listRefunds(ctx.store.db, ctx.customerId);
  const relevant = ctx.orderNumber ? refunds.filter((r) => r.orderNumber === ctx.orderNumber) : refunds;
  if (relevant.length === 0) {
    return {
      reply: ctx.orderNumber
        ? `There is no refund for order ${ctx.orderNumber}.`
        : 'You have no refund requests. Would you like to start one? Tell me the order number.',
      pending: null,
    };
  }
  const lines = relevant.map(
    (r) =>
      `${r.number} for order ${r.orderNumber}: ${formatCents(r.amountCents)}, ${humanStatus(r.status)} (updated ${formatDay(r.updatedAt)})`,
  );
  return {
    reply: `${lines.join('; ')}. Approved refunds reach your account within 5–10 business days for cards and 3–5 for PayPal.`,
    actions: relevant.map((r) => ({ type: 'refund_status', number: r.number, status: r.status })),
    pending: null,
  };
};

export const askRefund: Action = async (ctx) => {
  // "I want to return the hair dryer I bought", anonymously: sign in to start it, and how returns work meanwhile.
  if (!ctx.customerId) {
    const returns = await answerFromDocuments({
      ...ctx,
      nlu: { ...ctx.nlu, intent: { name: 'check_refund_policy', confidence: 1 } },
    });
    return { ...returns, reply: `${SIGN_IN_FIRST} Meanwhile, returns: ${returns.reply}`, pending: null };
  }
  if (!ctx.orderNumber) {
    return {
      reply: 'Which order would you like a refund for? Please give me the order number.',
      pending: { type: 'order_number', intent: 'get_refund' },
    };
  }
  const order = await findOrder(ctx.store.db, ctx.customerId, ctx.orderNumber);
  if (!order) return { reply: `I couldn't find order ${ctx.orderNumber} on your account.`, pending: null };
  if (order.status === 'processing') {
    return {
      reply: `Order ${order.number} hasn't shipped yet — cancelling it refunds you in full. Shall I cancel it? Say "cancel order ${order.number}".`,
      lastOrder: order.number,
      pending: null,
    };
  }
  const existing = (await listRefunds(ctx.store.db, ctx.customerId)).find(
    (r) => r.orderNumber === order.number,
  );
  if (existing) {
    return {
      reply: `Order ${order.number} already has refund ${existing.number} (${humanStatus(existing.status)}).`,
      lastOrder: order.number,
      pending: null,
    };
  }
  if (order.status !== 'delivered') {
    return {
      reply: `Order ${order.number} is ${humanStatus(order.status)}, so a refund can't be started for it now.`,
      lastOrder: order.number,
      pending: null,
    };
  }
  return {
    reply: `Start a refund of ${formatCents(order.totalCents - order.shippingCents)} for order ${order.number}? We'll email you a return label. Please answer yes or no.`,
    lastOrder: order.number,
    pending: { type: 'confirm', action: 'request_refund', orderNumber: order.number },
  };
};

export async function confirmRefund(ctx: ActionContext, orderNumber: string): Promise<ActionResult> {
  if (!ctx.customerId) return { reply: SIGN_IN_FIRST, pending: null };
  const result = await requestRefund(ctx.store.db, ctx.customerId, orderNumber, 'requested in chat');
  if (result.ok) {
    return {
      reply: `Refund ${result.value.number} of ${formatCents(result.value.amountCents)} is requested for order ${orderNumber}. We'll email you a prepaid return label within one business day.`,
      actions: [{ type: 'refund_requested', number: result.value.number, orderNumber }],
      pending: null,
    };
  }
  if (result.reason === 'exists') {
    return {
      reply: `Order ${orderNumber} already has refund ${result.refund.number} (${humanStatus(result.refund.status)}).`,
      pending: null,
    };
  }
  return { reply: `I couldn't start a refund for order ${orderNumber}.`, pending: null };
}
