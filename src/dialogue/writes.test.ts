/**
 * What a chat turn asks of the database, counted at the store: a turn whose action only reads is one
 * statement (plus the conversation's read when it continues one); a turn whose action writes runs in a
 * transaction with its messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, type ChatReply } from '../../test/chat-app.ts';
import { openTestStore } from '../../test/databases.ts';
import type { Database, Store } from '../db/store.ts';

const COUNTED = new Set(['select', 'insert', 'update', 'delete', 'execute', 'transaction']);

/** The store, with every statement the app starts through it recorded by kind. */
function counting(store: Store): { store: Store; calls: string[] } {
  const calls: string[] = [];
  const db = new Proxy(store.db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (COUNTED.has(String(prop))) calls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Database;
  const rows: Store['rows'] = (query) => {
    calls.push('statement');
    return store.rows(query);
  };
  return { store: { ...store, db, rows }, calls };
}

describe('statements per chat turn', () => {
  let store: Store;
  let calls: string[];
  let app: Awaited<ReturnType<typeof buildChatApp>>['app'];
  beforeAll(async () => {
    const real = await openTestStore('pglite');
    ({ store, calls } = counting(real));
    ({ app } = await buildChatApp(store));
  });
  afterAll(async () => store?.close());

  const say = async (message: string, conversationId?: string): Promise<ChatReply> => {
    calls.length = 0;
    const res = await app.request('/v1/chat', {
      method: 'POST',
      // Anonymous: a signed-in customer's id costs one more read (it must name a customer).
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, conversationId, clientMessageId: `m-${message.length}-${Date.now()}` }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as ChatReply;
  };

  it('a product question opening a conversation is one statement', async () => {
    const reply = await say('do you sell headphones?');
    expect(reply.products.length).toBeGreaterThan(0);
    expect(calls).toEqual(['statement']);
  });

  it('a follow-up in that conversation reads it once and writes once', async () => {
    const first = await say('do you sell headphones?');
    const next = await say('how much is the first one?', first.conversationId);
    expect(next.intent.name).toBe('product_inquiry');
    expect(calls).toEqual(['select', 'statement']);
  });

  it('a turn whose action writes (a complaint) runs in one transaction with its messages', async () => {
    const reply = await say('I want to file a complaint: the parcel arrived broken');
    expect(reply.actions.some((a) => a.type === 'ticket_created')).toBe(true);
    expect(calls).toContain('transaction');
    expect(calls).not.toContain('statement');
  });
});
