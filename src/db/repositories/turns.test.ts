/**
 * The one-statement turn write on both stores: opening and continuing conversations in one statement, the
 * compare-and-swap on the state, and a unique violation failing the statement without writing any of it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openTestStore, storeKinds, storeTest } from '../../../test/databases.ts';
import { isUniqueViolation } from '../errors.ts';
import { applyMigrations } from '../migrations.ts';
import { conversations, messages } from '../schema.ts';
import type { Store } from '../store.ts';
import { type TurnWrite, writeTurns } from './turns.ts';

let n = 0;
function turn(conversationId: string, extra: Partial<TurnWrite> = {}): TurnWrite {
  n++;
  return {
    conversationId,
    state: { turns: n },
    customerMessage: {
      id: `m${n}`,
      text: `question ${n}`,
      clientMessageId: null,
      intent: 'greet',
      confidence: 0.9,
    },
    botMessage: { id: `r${n}`, text: `answer ${n}`, payload: { reply: `answer ${n}` } },
    ...extra,
  };
}

describe.each(storeKinds())('writeTurns on %s', (kind, available) => {
  let store: Store;
  beforeAll(async () => {
    if (!available) return;
    store = await openTestStore(kind);
    await applyMigrations(store);
  });
  afterAll(async () => store?.close());
  const test = storeTest(available);
  const messagesOf = (id: string) =>
    store.db.select().from(messages).where(eq(messages.conversationId, id)).orderBy(messages.createdAt);
  const stateOf = async (id: string) =>
    (await store.db.select().from(conversations).where(eq(conversations.id, id)))[0]?.state;

  test('opens and continues conversations in one statement, the reply after the message it answers', async () => {
    const open = { customerId: null, openKey: null };
    const opening = turn('c1', { open });
    const written = await writeTurns(store, [opening, turn('c2', { open })]);
    expect([...written].sort()).toEqual(['c1', 'c2']);
    const next = turn('c1', { expectedState: await stateOf('c1') });
    expect(await writeTurns(store, [next, turn('c3', { open })])).toEqual(new Set(['c1', 'c3']));
    const stored = await messagesOf('c1');
    expect(stored.map((m) => [m.role, m.text])).toEqual([
      ['customer', opening.customerMessage.text],
      ['bot', opening.botMessage.text],
      ['customer', next.customerMessage.text],
      ['bot', next.botMessage.text],
    ]);
    expect(stored[3]?.replyTo).toBe(next.customerMessage.id);
    expect(stored[3]?.payload).toEqual(next.botMessage.payload);
    expect(await stateOf('c1')).toEqual(next.state);
  });

  test('a conversation whose state changed since it was read is left untouched', async () => {
    await writeTurns(store, [turn('s1', { open: { customerId: null, openKey: null } })]);
    const read = await stateOf('s1');
    await writeTurns(store, [turn('s1', { expectedState: read })]);
    const late = turn('s1', { expectedState: read }); // decided on the state before the last turn
    expect(await writeTurns(store, [late])).toEqual(new Set());
    expect(await messagesOf('s1')).toHaveLength(4);
  });

  test('a retried message fails the whole statement with a unique violation and writes nothing', async () => {
    const first = turn('u1', {
      open: { customerId: null, openKey: 'key-u1' },
    });
    first.customerMessage.clientMessageId = 'client-1';
    await writeTurns(store, [first]);
    const again = turn('u1', { expectedState: await stateOf('u1') });
    again.customerMessage.clientMessageId = 'client-1';
    const bystander = turn('u2', { open: { customerId: null, openKey: null } });
    const error = await writeTurns(store, [bystander, again]).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await messagesOf('u2')).toHaveLength(0);
    expect(await stateOf('u2')).toBeUndefined();
    expect(await messagesOf('u1')).toHaveLength(2);
    const reopened = turn('u9', { open: { customerId: null, openKey: 'key-u1' } });
    expect(isUniqueViolation(await writeTurns(store, [reopened]).catch((e: unknown) => e))).toBe(true);
  });
});
