/**
 * @module actions/support
 * Complaints and reviews (stored tickets), hand-off to a human, newsletter subscription.
 */
import {
  addOrderToComplaint,
  createTicket,
  customerEmail,
  openHandoff,
  subscribeNewsletter,
} from '../db/repositories/conversations.ts';
import { findOrder } from '../db/repositories/orders.ts';
import { plainWords } from '../dialogue/context.ts';
import { withOrder } from './orders.ts';
import type { Action } from './types.ts';

/** Words of a wish to write something, with nothing yet written: "I'd like to leave a review". */
const WISH = new Set(
  (
    'i i’d id i’m im would like to want wanna need can could may how do does where make leave write give post ' +
    'submit file lodge raise register send add a an my some the review reviews feedback complaint complain ' +
    'rating rate please hi hello hey you your help me with about for is there way something product products ' +
    'order it just quick formal official here now on of this one'
  ).split(' '),
);

/** The message asks to complain or review and says nothing more, so there is nothing to record yet. */
export function onlyTheWish(text: string): boolean {
  return plainWords(text).every((w) => WISH.has(w));
}

/** A complaint about something delivered, worth recording with its order. */
const ABOUT_A_DELIVERY = /\b(?:order|parcel|package|delivery|delivered|arrived|came|shipment|courier|box)\b/i;

/**
 * Records a complaint, with its order when the signed-in customer names one; asks what went wrong first when
 * the message only says there is a complaint. About a delivery with no order named, it offers to add the order.
 */
export const complaint: Action = async (ctx) => {
  if (onlyTheWish(ctx.text))
    return {
      reply:
        "I'm sorry to hear that. What went wrong? Tell me in a sentence or two, with the order number if it is about an order, and I'll record it for our support team.",
      pending: { type: 'ticket', kind: 'complaint' },
    };
  const order =
    ctx.customerId && ctx.orderNumber
      ? await findOrder(ctx.store.db, ctx.customerId, ctx.orderNumber)
      : undefined;
  const id = await createTicket(ctx.store.db, {
    kind: 'complaint',
    customerId: ctx.customerId,
    conversationId: ctx.conversationId,
    body: ctx.text,
    ...(order ? { orderId: order.id } : {}),
  });
  const askOrder = !order && ctx.customerId !== null && ABOUT_A_DELIVERY.test(ctx.text);
  return {
    reply: `I'm sorry about this. I've recorded your complaint${order ? ` about order ${order.number}` : ''} as ticket #${id}; a support lead reviews it within two business days.${askOrder ? " If it is about an order, tell me its number and I'll add it." : ''} If you'd like, I can also hand you to a human agent now.`,
    actions: [{ type: 'ticket_created', kind: 'complaint', ticketId: id }],
    ...(order ? { lastOrder: order.number } : {}),
    pending: null,
  };
};

/** "It was order 100043", after a complaint: the order joins the complaint just recorded. */
export const orderForComplaint: Action = (ctx) =>
  withOrder(ctx, 'complaint', async (order) => {
    const id = await addOrderToComplaint(ctx.store.db, ctx.conversationId, order.id);
    if (id === undefined) return complaint(ctx);
    return {
      reply: `Thank you. I've added order ${order.number} to your complaint (ticket #${id}).`,
      actions: [{ type: 'ticket_updated', kind: 'complaint', ticketId: id, orderNumber: order.number }],
    };
  });

export const review: Action = async (ctx) => {
  if (onlyTheWish(ctx.text))
    return {
      reply:
        'Happy to take your review. Which product is it for, and what would you like to say? You can add a rating, like "4 stars".',
      pending: { type: 'ticket', kind: 'review' },
    };
  const stars = ctx.text.match(/\b([1-5])\s*(?:stars?|\/\s*5|out of 5)\b/i);
  const product = ctx.entities.find((e) => e.type === 'product' && e.id !== undefined);
  const id = await createTicket(ctx.store.db, {
    kind: 'review',
    customerId: ctx.customerId,
    conversationId: ctx.conversationId,
    body: ctx.text,
    ...(stars ? { rating: Number(stars[1]) } : {}),
    ...(product ? { productId: product.id as number } : {}),
  });
  return {
    reply: `Thank you for your feedback — it's saved as review #${id}${stars ? ` with ${stars[1]} stars` : ''}. Reviews help other shoppers and our team.`,
    actions: [{ type: 'ticket_created', kind: 'review', ticketId: id }],
    pending: null,
  };
};

export const handoff: Action = async (ctx) => {
  const id = await openHandoff(ctx.store.db, ctx.conversationId, ctx.text);
  return {
    reply: `I'm handing this conversation to a human agent (request #${id}). Agents answer Monday to Friday 8:00–20:00 and Saturday 9:00–17:00 (US Eastern); outside these hours you'll get an answer the next working morning, right here.`,
    actions: [{ type: 'handoff', handoffId: id }],
    handoff: true,
    pending: null,
  };
};

export const newsletter: Action = async (ctx) => {
  const given = ctx.entities.find((e) => e.type === 'email');
  const email = given
    ? String(given.value)
    : ctx.customerId
      ? await customerEmail(ctx.store.db, ctx.customerId)
      : undefined;
  if (!email) {
    return {
      reply: 'Which email address should receive the newsletter?',
      pending: { type: 'email', intent: 'newsletter_subscription' },
    };
  }
  const result = await subscribeNewsletter(ctx.store.db, email, ctx.customerId);
  return {
    reply:
      result === 'already'
        ? `${email} is already subscribed to the ShopyVerse newsletter.`
        : `Done — ${email} is subscribed to the ShopyVerse newsletter (about two emails a month; every one has an unsubscribe link).`,
    actions: [{ type: 'newsletter_subscribed', email, already: result === 'already' }],
    pending: null,
  };
};
