/**
 * @module actions/small-talk
 * Greetings, thanks, goodbyes, what the assistant can do, and the out-of-scope answer.
 */
import type { ActionResult } from './types.ts';

export const CAPABILITIES =
  'I can track, cancel or re-address your orders, start and track refunds, show invoices, answer questions about returns, delivery, payment and your account, find products, record complaints and reviews, subscribe you to the newsletter, or hand you to a human agent.';

export const SMALL_TALK: Record<string, () => ActionResult> = {
  greeting: () => ({ reply: `Hi! I'm the ShopyVerse assistant. ${CAPABILITIES} How can I help?` }),
  goodbye: () => ({ reply: 'Goodbye, and thanks for shopping with ShopyVerse!', pending: null }),
  thanks: () => ({ reply: "You're welcome! Anything else I can help with?" }),
  bot_capabilities: () => ({
    reply: `I'm the ShopyVerse virtual assistant, a program rather than a person. ${CAPABILITIES}`,
  }),
  out_of_scope: () => ({
    reply: `Sorry, that's outside what I can help with. I'm the ShopyVerse shopping assistant: ${CAPABILITIES}`,
  }),
  affirm: () => ({ reply: "There's nothing waiting for a yes right now. What would you like to do?" }),
  deny: () => ({ reply: 'Alright. Is there anything else I can help with?', pending: null }),
};
