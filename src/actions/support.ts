/**
 * @module actions/support
 * Complaints and reviews (stored tickets), hand-off to a human, newsletter subscription.
 */
import {
  createTicket,
  customerEmail,
  openHandoff,
  subscribeNewsletter,
} from '../db/repositories/conversations.ts';
import type { Action } from './types.ts';

export const complaint: Action = async (ctx) => {
  const id = await createTicket(ctx.store.db, {
    kind: 'complaint',
    customerId: ctx.customerId,
    conversationId: ctx.conversationId,
    body: ctx.text,
  });
  return {
    reply: `I'm sorry about this. I've recorded your complaint as ticket #${id}; a support lead reviews it within two business days. If you'd like, I can also hand you to a human agent now.`,
    actions: [{ type: 'ticket_created', kind: 'complaint', ticketId: id }],
    pending: null,
  };
};

export const review: Action = async (ctx) => {
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
