/**
 * @module dialogue/state
 * The per-conversation dialogue state, stored as JSON with the conversation so any replica can continue it.
 */
import { z } from 'zod';

export const pendingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('order_number'), intent: z.string() }),
  z.object({
    type: z.literal('confirm'),
    action: z.enum(['cancel_order', 'request_refund']),
    orderNumber: z.string(),
  }),
  z.object({ type: z.literal('address'), orderNumber: z.string() }),
  z.object({ type: z.literal('email'), intent: z.literal('newsletter_subscription') }),
  /** "I'd like to leave a review" asked what to say: the next message is the review (or complaint). */
  z.object({ type: z.literal('ticket'), kind: z.enum(['complaint', 'review']) }),
]);
export type Pending = z.infer<typeof pendingSchema>;

export const stateSchema = z.object({
  pending: pendingSchema.optional(),
  lastOrder: z.string().optional(),
  lastProductId: z.number().int().optional(),
  /** The products the last answer showed, in order, for "the second one" or "the cheaper one". */
  shown: z.array(z.number().int()).max(10).optional(),
  /** The last product search, for "what about in blue?". */
  lastQuery: z.string().max(500).optional(),
  lastIntent: z.string().optional(),
  turns: z.number().int().nonnegative().default(0),
});
export type DialogueState = z.infer<typeof stateSchema>;

/** Reads stored state; anything unreadable starts fresh rather than failing the conversation. */
export function readState(raw: unknown): DialogueState {
  const parsed = stateSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { turns: 0 };
}
