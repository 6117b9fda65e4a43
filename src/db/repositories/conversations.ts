/**
 * @module db/repositories/conversations
 * Conversations, their messages and dialogue state, handoffs, tickets and newsletter subscriptions.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { conversations, customers, handoffs, messages, newsletterSubscriptions, tickets } from '../schema.ts';
import type { Database } from '../store.ts';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type HandoffRow = typeof handoffs.$inferSelect;

export async function getConversation(db: Database, id: string): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  return row;
}

export async function listMessages(db: Database, conversationId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
}

/**
 * A conversation and, when `clientMessageId` names a message already stored in it, the bot's answer to that
 * message — one round trip for the turn's only read.
 */
export async function loadConversation(
  db: Database,
  id: string,
  clientMessageId: string | undefined,
): Promise<{ conversation?: ConversationRow; storedReply?: MessageRow }> {
  if (!clientMessageId) return { conversation: await getConversation(db, id) };
  const asked = alias(messages, 'asked');
  const reply = alias(messages, 'reply');
  const [row] = await db
    .select({ conversation: conversations, reply })
    .from(conversations)
    .leftJoin(
      asked,
      and(eq(asked.conversationId, conversations.id), eq(asked.clientMessageId, clientMessageId)),
    )
    .leftJoin(reply, and(eq(reply.conversationId, conversations.id), eq(reply.replyTo, asked.id)))
    .where(eq(conversations.id, id));
  return { conversation: row?.conversation, storedReply: row?.reply ?? undefined };
}

/** The bot's stored answer to a client message id, for safe retries. */
export async function findReplyTo(
  db: Database,
  conversationId: string,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  return (await loadConversation(db, conversationId, clientMessageId)).storedReply;
}

/** The key a conversation opened by `caller` with `clientMessageId` is stored under (hashed: callers hold addresses). */
export function openingKey(caller: string, clientMessageId: string): string {
  return createHash('sha256').update(`${caller}\n${clientMessageId}`).digest('hex');
}

/** The bot's stored answer to the message that opened a conversation, for safe retries of a first message. */
export async function findReplyToOpening(
  db: Database,
  openKey: string,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.openKey, openKey));
  return conversation ? findReplyTo(db, conversation.id, clientMessageId) : undefined;
}

/**
 * Locks a conversation row until the transaction ends and returns it, so concurrent turns of one
 * conversation run one after another, each on the state the previous one stored.
 */
export async function lockConversation(db: Database, id: string): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).for('update');
  return row;
}

export async function customerExists(db: Database, id: string): Promise<boolean> {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, id));
  return row !== undefined;
}

export interface TurnRecord {
  conversationId: string;
  customerMessage: {
    id: string;
    text: string;
    clientMessageId: string | null;
    intent: string;
    confidence: number;
  };
  botMessage: { id: string; text: string; payload: Record<string, unknown> };
  state: Record<string, unknown>;
  status?: 'open' | 'handoff';
}

/** `openKey` (see `openingKey`) makes a second copy of the opening message fail with a unique violation. */
export async function createConversation(
  db: Database,
  id: string,
  customerId: string | null,
  openKey: string | null = null,
): Promise<void> {
  await db.insert(conversations).values({ id, customerId, openKey });
}

/** Stores one turn — the customer's message, the reply and the new state — atomically. */
export async function saveTurn(db: Database, turn: TurnRecord): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(conversations)
      .set({ state: turn.state, updatedAt: sql`now()`, ...(turn.status ? { status: turn.status } : {}) })
      .where(eq(conversations.id, turn.conversationId));
    const now = Date.now();
    await tx.insert(messages).values([
      {
        id: turn.customerMessage.id,
        conversationId: turn.conversationId,
        role: 'customer',
        text: turn.customerMessage.text,
        clientMessageId: turn.customerMessage.clientMessageId,
        intent: turn.customerMessage.intent,
        confidence: turn.customerMessage.confidence,
        createdAt: new Date(now),
      },
      {
        id: turn.botMessage.id,
        conversationId: turn.conversationId,
        role: 'bot',
        text: turn.botMessage.text,
        replyTo: turn.customerMessage.id,
        payload: turn.botMessage.payload,
        createdAt: new Date(now + 1),
      },
    ]);
  });
}

/** Replaces a stored bot reply with its checked rephrasing. */
export async function updateBotReply(
  db: Database,
  id: string,
  text: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await db
    .update(messages)
    .set({ text, payload })
    .where(and(eq(messages.id, id), eq(messages.role, 'bot')));
}

export async function createTicket(
  db: Database,
  ticket: {
    kind: 'complaint' | 'review';
    customerId: string | null;
    conversationId: string;
    body: string;
    rating?: number;
    orderId?: number;
    productId?: number;
  },
): Promise<number> {
  const [row] = await db.insert(tickets).values(ticket).returning({ id: tickets.id });
  return row?.id ?? 0;
}

/**
 * Adds the order to the conversation's latest complaint that has none ("it was order 100043", said after
 * complaining). Returns that ticket's id, or undefined when there is no such complaint.
 */
export async function addOrderToComplaint(
  db: Database,
  conversationId: string,
  orderId: number,
): Promise<number | undefined> {
  const [latest] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(eq(tickets.conversationId, conversationId), eq(tickets.kind, 'complaint'), isNull(tickets.orderId)),
    )
    .orderBy(desc(tickets.id))
    .limit(1);
  if (!latest) return undefined;
  await db.update(tickets).set({ orderId }).where(eq(tickets.id, latest.id));
  return latest.id;
}

/** Subscribes an address (re-subscribes one that left). Returns whether it was new. */
export async function subscribeNewsletter(
  db: Database,
  email: string,
  customerId: string | null,
): Promise<'subscribed' | 'already'> {
  const [existing] = await db
    .select()
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.email, email));
  if (existing && existing.unsubscribedAt === null) return 'already';
  if (existing) {
    await db
      .update(newsletterSubscriptions)
      .set({ unsubscribedAt: null })
      .where(eq(newsletterSubscriptions.id, existing.id));
  } else {
    await db.insert(newsletterSubscriptions).values({ email, customerId });
  }
  return 'subscribed';
}

export async function customerEmail(db: Database, id: string): Promise<string | undefined> {
  const [row] = await db.select({ email: customers.email }).from(customers).where(eq(customers.id, id));
  return row?.email;
}

export async function openHandoff(db: Database, conversationId: string, reason: string): Promise<number> {
  const [existing] = await db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.conversationId, conversationId), eq(handoffs.status, 'open')));
  if (existing) return existing.id;
  const [row] = await db.insert(handoffs).values({ conversationId, reason }).returning({ id: handoffs.id });
  return row?.id ?? 0;
}

export async function listOpenHandoffs(db: Database): Promise<HandoffRow[]> {
  return db.select().from(handoffs).where(eq(handoffs.status, 'open')).orderBy(asc(handoffs.createdAt));
}

/** Resolves an open handoff and gives the conversation back to the bot. */
export async function resolveHandoff(
  db: Database,
  id: number,
  agent: string,
): Promise<HandoffRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(handoffs)
      .set({ status: 'resolved', resolvedBy: agent, resolvedAt: sql`now()` })
      .where(and(eq(handoffs.id, id), eq(handoffs.status, 'open'), isNull(handoffs.resolvedAt)))
      .returning();
    if (row)
      await tx
        .update(conversations)
        .set({ status: 'open', updatedAt: sql`now()` })
        .where(eq(conversations.id, row.conversationId));
    return row;
  });
}

export async function addAgentMessage(
  db: Database,
  conversationId: string,
  id: string,
  text: string,
): Promise<void> {
  await db.insert(messages).values({ id, conversationId, role: 'agent', text });
}
