/**
 * Retries and concurrency of chat turns on both stores: copies of a conversation's first message (same
 * caller, same clientMessageId) are one message with one side effect; concurrent turns of one conversation
 * each see the state the previous one stored.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, type ChatReply } from '../../test/chat-app.ts';
import { openTestStore, storeKinds, storeTest } from '../../test/databases.ts';
import { conversations, messages, tickets } from '../db/schema.ts';
import type { Store } from '../db/store.ts';

/** What @hono/node-server hands the app as its env: the socket the request came on. */
const fromAddress = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe.each(storeKinds())('retries and concurrent turns on %s', (kind, available) => {
  let store: Store;
  let app: Awaited<ReturnType<typeof buildChatApp>>['app'];
  beforeAll(async () => {
    if (!available) return;
    store = await openTestStore(kind);
    ({ app } = await buildChatApp(store));
  });
  afterAll(async () => store?.close());
  const test = storeTest(available);

  const post = (body: object, headers: Record<string, string> = {}, env?: object) =>
    app.request(
      '/v1/chat',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      },
      env,
    );
  const ticketsOf = (conversationId: string) =>
    store.db.select().from(tickets).where(eq(tickets.conversationId, conversationId));
  const customerMessagesOf = async (conversationId: string) =>
    (await store.db.select().from(messages).where(eq(messages.conversationId, conversationId))).filter(
      (m) => m.role === 'customer',
    );

  test('three concurrent copies of a first message open one conversation and file one complaint', async () => {
    const body = {
      message: 'I want to file a complaint: the parcel arrived broken',
      clientMessageId: 'first-1',
    };
    const responses = await Promise.all([1, 2, 3].map(() => post(body, { 'x-customer-id': 'cus_sofia' })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const replies = (await Promise.all(responses.map((r) => r.json()))) as ChatReply[];
    const ids = new Set(replies.map((r) => r.conversationId));
    expect(ids.size).toBe(1);
    expect(new Set(replies.map((r) => r.messageId)).size).toBe(1);
    const [conversationId] = [...ids] as [string];
    expect(await customerMessagesOf(conversationId)).toHaveLength(1);
    expect(await ticketsOf(conversationId)).toHaveLength(1);
    const mine = await store.db.select().from(conversations).where(eq(conversations.customerId, 'cus_sofia'));
    expect(mine.filter((c) => c.openKey !== null)).toHaveLength(1);

    // Sent again later, the same first message returns the stored reply and files nothing more.
    const later = (await (await post(body, { 'x-customer-id': 'cus_sofia' })).json()) as ChatReply;
    expect(later).toEqual(replies[0]);
    expect(await ticketsOf(conversationId)).toHaveLength(1);
  });

  test('the same clientMessageId from two different callers is two messages', async () => {
    const body = { message: 'hello there', clientMessageId: 'shared-id-7' };
    const a = (await (await post(body, {}, fromAddress('198.51.100.1'))).json()) as ChatReply;
    const b = (await (await post(body, {}, fromAddress('198.51.100.2'))).json()) as ChatReply;
    const aAgain = (await (await post(body, {}, fromAddress('198.51.100.1'))).json()) as ChatReply;
    const signedIn = (await (await post(body, { 'x-customer-id': 'cus_maya' })).json()) as ChatReply;
    expect(b.conversationId).not.toBe(a.conversationId);
    expect(signedIn.conversationId).not.toBe(a.conversationId);
    expect(aAgain.conversationId).toBe(a.conversationId);
    expect(aAgain.messageId).toBe(a.messageId);
  });

  test('a first message retried on the conversationId it was opening returns the stored reply', async () => {
    const body = { message: 'I want to complain about a rude courier', clientMessageId: 'first-2' };
    const first = (await (await post(body, { 'x-customer-id': 'cus_noah' })).json()) as ChatReply;
    const retry = await post(
      { ...body, conversationId: first.conversationId },
      { 'x-customer-id': 'cus_noah' },
    );
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as ChatReply).messageId).toBe(first.messageId);
    expect(await ticketsOf(first.conversationId)).toHaveLength(1);
  });

  test('an unknown conversationId without a clientMessageId is still 404', async () => {
    const res = await post(
      { message: 'hello', conversationId: '00000000-0000-4000-8000-000000000001' },
      { 'x-customer-id': 'cus_maya' },
    );
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('conversation_not_found');
  });

  test('ten concurrent turns of one conversation all count: state.turns ends at 11', async () => {
    const opened = (await (
      await post({ message: 'hi' }, { 'x-customer-id': 'cus_maya' })
    ).json()) as ChatReply;
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(
          { message: `what payment methods do you take? (${i})`, conversationId: opened.conversationId },
          { 'x-customer-id': 'cus_maya' },
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const [row] = await store.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, opened.conversationId));
    expect((row?.state as { turns?: number } | undefined)?.turns).toBe(11);
    const turnsSeen = ((await Promise.all(responses.map((r) => r.json()))) as ChatReply[])
      .map((r) => (r.state as { turns: number }).turns)
      .sort((x, y) => x - y);
    expect(turnsSeen).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  // Needs a second connection holding a lock while the turn runs, which single-connection PGlite cannot do.
  (kind === 'postgres' ? test : it.skip)(
    `a first message that timed out names its conversation; the retry on it waits and acts once${
      kind === 'postgres' ? '' : ' (skipped: needs a second connection holding a lock; PGlite has one)'
    }`,
    async () => {
      const { app: impatient } = await buildChatApp(store, {
        security: {
          apiKeys: [],
          rateLimits: { perCustomer: 1e9, perKey: 1e9 },
          corsOrigins: [],
          requestTimeoutMs: 200,
        },
      });
      const body = { message: 'I want to file a complaint about a missing item', clientMessageId: 'first-3' };
      const headers = { 'content-type': 'application/json', 'x-customer-id': 'cus_liam' };
      let release = () => {};
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // Holds inserts into tickets, so the complaint turn stays in its transaction past the timeout.
      const holder = store.db.transaction(async (tx) => {
        await tx.execute(sql`lock table tickets in exclusive mode`);
        locked();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      await isLocked;
      const timedOut = await impatient.request('/v1/chat', {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      expect(timedOut.status).toBe(503);
      const error = (
        (await timedOut.json()) as { error: { code: string; details: { conversationId: string } } }
      ).error;
      expect(error.code).toBe('timeout');
      const conversationId = error.details.conversationId;
      expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
      const retry = post({ ...body, conversationId }, { 'x-customer-id': 'cus_liam' });
      release();
      await holder;
      const res = await retry;
      expect(res.status).toBe(200);
      expect(((await res.json()) as ChatReply).conversationId).toBe(conversationId);
      expect(await ticketsOf(conversationId)).toHaveLength(1);
      expect(await customerMessagesOf(conversationId)).toHaveLength(1);
    },
  );
});
