/**
 * @module http/chat.routes
 * The shopper-facing API: `POST /v1/chat`, `GET /v1/conversations/:id`, `GET /v1/orders[/:number]`.
 * The signed-in customer comes from the trusted caller's `X-Customer-Id` header.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { customerExists, getConversation, listMessages } from '../db/repositories/conversations.ts';
import { findOrder, listOrders } from '../db/repositories/orders.ts';
import type { Store } from '../db/store.ts';
import type { ChatEngine } from '../dialogue/engine.ts';
import type { AppEnv } from './app.ts';
import { ApiError } from './errors.ts';
import { presentedKey } from './guard/auth.ts';
import { readJson } from './json-body.ts';
import { json } from './respond.ts';
import { messageText } from './text.ts';

const token = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1–100 letters, digits or . _ : -');
/** The body of `POST /v1/chat` and `/v1/chat/stream` (also the OpenAPI document's). */
export const chatBody = z
  .object({ message: messageText, conversationId: z.uuid().optional(), clientMessageId: token.optional() })
  .strict();
const customerHeader = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The product cards and sources a stored reply showed (its payload is the whole response), so a client can
 * redraw them with the history; anything unreadable in an old payload is left out rather than failing the read.
 */
const shownWithReply = z.object({
  products: z
    .array(z.looseObject({ id: z.number(), title: z.string() }))
    .catch([])
    .default([]),
  sources: z
    .array(z.object({ kind: z.string(), id: z.string(), title: z.string() }))
    .catch([])
    .default([]),
});

function shownWith(payload: Record<string, unknown> | null): z.infer<typeof shownWithReply> {
  const parsed = shownWithReply.safeParse(payload ?? {});
  return parsed.success ? parsed.data : { products: [], sources: [] };
}

/** The signed-in customer, null for an anonymous shopper; a malformed or unknown id is refused. */
async function customerOf(
  c: { req: { header(name: string): string | undefined } },
  store: Store,
): Promise<string | null> {
  const raw = c.req.header('x-customer-id');
  if (raw === undefined || raw === '') return null;
  const parsed = customerHeader.safeParse(raw);
  if (!parsed.success)
    throw new ApiError(400, 'invalid_customer_id', 'X-Customer-Id must be 1–64 letters, digits, _ or -');
  if (!(await customerExists(store.db, parsed.data)))
    throw new ApiError(403, 'unknown_customer', 'X-Customer-Id names no customer');
  return parsed.data;
}

/**
 * Who sends a turn, for retries of a first message: the signed-in customer, else the API key (hashed) and
 * the client address. Retries from one caller with one clientMessageId are one message.
 */
function callerOf(c: Context<AppEnv>, customerId: string | null): string {
  if (customerId) return `customer:${customerId}`;
  const key = presentedKey((name) => c.req.header(name));
  const keyHash = key ? createHash('sha256').update(key).digest('hex').slice(0, 16) : '-';
  return `anonymous:${keyHash}:${c.get('clientAddress') ?? 'local'}`;
}

export function chatRoutes({ store, chat }: { store: Store; chat: ChatEngine }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** Validates the request, runs one turn and notes its intent for the access log. */
  const turn = async (c: Context<AppEnv>) => {
    const body = await readJson(c, chatBody);
    const customerId = await customerOf(c, store);
    const newConversationId = randomUUID();
    c.set('conversationId', body.conversationId ?? newConversationId);
    const response = await chat.handle({
      customerId,
      caller: callerOf(c, customerId),
      text: body.message,
      conversationId: body.conversationId,
      newConversationId,
      clientMessageId: body.clientMessageId,
    });
    c.set('intent', response.intent.name);
    return response;
  };

  app.post('/v1/chat', async (c) => json(c, await turn(c)));

  /**
   * The same turn as `POST /v1/chat`, answered as Server-Sent Events: `meta` (conversation, intent), `delta`
   * events carrying the reply a few words at a time, then `done` with the whole response. The reply streamed
   * is the checked one: a model's text reaches the customer only after it passed the grounding check.
   */
  app.post('/v1/chat/stream', async (c) => {
    const response = await turn(c);
    return streamSSE(c, async (stream) => {
      await stream.writeSSE({
        event: 'meta',
        data: JSON.stringify({
          conversationId: response.conversationId,
          messageId: response.messageId,
          intent: response.intent,
        }),
      });
      const words = response.reply.split(/(?<=\s)/);
      for (let i = 0; i < words.length; i += 4) {
        await stream.writeSSE({
          event: 'delta',
          data: JSON.stringify({ text: words.slice(i, i + 4).join('') }),
        });
      }
      await stream.writeSSE({ event: 'done', data: JSON.stringify(response) });
    });
  });

  app.get('/v1/conversations/:id', async (c) => {
    const customerId = await customerOf(c, store);
    const id = c.req.param('id');
    const conversation = z.uuid().safeParse(id).success ? await getConversation(store.db, id) : undefined;
    if (!conversation || conversation.customerId !== customerId)
      throw new ApiError(404, 'conversation_not_found', 'no such conversation');
    const messages = await listMessages(store.db, conversation.id);
    return json(c, {
      conversationId: conversation.id,
      status: conversation.status,
      state: conversation.state,
      messages: messages.map((m) => ({
        id: m.id,
        role: m.role,
        text: m.text,
        intent: m.intent,
        createdAt: m.createdAt,
        ...(m.role === 'bot' ? shownWith(m.payload) : {}),
      })),
    });
  });

  app.get('/v1/orders', async (c) => {
    const customerId = await customerOf(c, store);
    if (!customerId)
      throw new ApiError(401, 'sign_in_required', 'orders need X-Customer-Id from a signed-in session');
    const orders = await listOrders(store.db, customerId);
    return json(c, { orders: orders.map(({ id: _id, customerId: _c, ...order }) => order) });
  });

  app.get('/v1/orders/:number', async (c) => {
    const customerId = await customerOf(c, store);
    if (!customerId)
      throw new ApiError(401, 'sign_in_required', 'orders need X-Customer-Id from a signed-in session');
    const number = c.req.param('number');
    const order = /^\d{1,20}$/.test(number) ? await findOrder(store.db, customerId, number) : undefined;
    if (!order) throw new ApiError(404, 'order_not_found', `no order ${number.slice(0, 20)} on this account`);
    const { id: _id, customerId: _c, ...rest } = order;
    return json(c, rest);
  });

  return app;
}
