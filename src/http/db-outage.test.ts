/**
 * PostgreSQL goes away under traffic and comes back: requests fail fast with 503 + Retry-After, readiness
 * turns false, nothing is half-written, and retries with the same client message id store each message
 * once. Once with one request after another (every step checked), once under concurrent load.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp } from '../../test/chat-app.ts';
import { findPostgresBin, type PostgresServer, startPostgres } from '../../test/postgres-server.ts';
import { messages } from '../db/schema.ts';
import { openStore, type Store } from '../db/store.ts';
import { Readiness } from '../lifecycle/readiness.ts';
import { createApp } from './app.ts';

const bin = findPostgresBin();
const reason = bin ? '' : 'no PostgreSQL server binaries';
if (!bin && process.env.CI) throw new Error('CI needs PostgreSQL for the outage test');

describe.skipIf(!bin)(`PostgreSQL outage${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let server: PostgresServer;
  let store: Store;
  let app: Awaited<ReturnType<typeof buildChatApp>>['app'];

  beforeAll(async () => {
    server = await startPostgres(bin as string, { durable: true });
    store = await openStore({ kind: 'postgres', url: server.url, poolMax: 4 });
    ({ app } = await buildChatApp(store, {
      security: {
        apiKeys: [],
        rateLimits: { perCustomer: 1e9, perKey: 1e9 },
        corsOrigins: [],
        requestTimeoutMs: 30_000,
      },
    }));
  });
  afterAll(async () => {
    await store?.close().catch(() => {});
    server?.stop();
  });

  const send = (clientMessageId: string, conversationId?: string) =>
    app.request('/v1/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-customer-id': 'cus_maya' },
      body: JSON.stringify({
        message: `complaint number ${clientMessageId}: the parcel was late`,
        clientMessageId,
        ...(conversationId ? { conversationId } : {}),
      }),
    });

  it('answers 503 while the server is down, then stores every message exactly once after recovery', async () => {
    const first = await send('m-0');
    expect(first.status).toBe(200);
    const conversationId = ((await first.json()) as { conversationId: string }).conversationId;
    const acknowledged = new Map<string, string>();
    const failed: string[] = [];

    const readiness = new Readiness();
    readiness.register('store', () => store.ping());
    const probe = createApp({
      logger: (await import('../telemetry/logger.ts')).createLogger({ level: 'silent' }),
      readiness,
      nlu: (await import('../../test/chat-app.ts')).sharedNlu(),
    });

    for (let i = 1; i <= 30; i++) {
      if (i === 10) server.pause();
      if (i === 20) {
        expect((await probe.request('/readyz')).status).toBe(503);
        server.resume();
      }
      const id = `m-${i}`;
      const res = await send(id, conversationId);
      if (res.status === 200) acknowledged.set(id, ((await res.json()) as { messageId: string }).messageId);
      else {
        expect(res.status).toBe(503);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        // Normally the store error itself; on a very loaded machine the request timeout may answer first.
        expect(['dependency_unavailable', 'timeout']).toContain(
          ((await res.json()) as { error: { code: string } }).error.code,
        );
        failed.push(id);
      }
    }
    expect(failed.length).toBeGreaterThanOrEqual(9);
    expect((await probe.request('/readyz')).status).toBe(200);

    // The client retries what failed, and one it is unsure of, with the same ids.
    for (const id of [...failed, 'm-5']) {
      const res = await send(id, conversationId);
      expect(res.status).toBe(200);
      const messageId = ((await res.json()) as { messageId: string }).messageId;
      if (acknowledged.has(id)) expect(messageId).toBe(acknowledged.get(id));
      acknowledged.set(id, messageId);
    }

    const stored = await store.db.select().from(messages).where(eq(messages.conversationId, conversationId));
    const customerIds = stored.filter((m) => m.role === 'customer').map((m) => m.clientMessageId);
    const expected = Array.from({ length: 31 }, (_, i) => `m-${i}`);
    expect(
      expected.filter((id) => !customerIds.includes(id)),
      `failed: ${failed.join(',')}`,
    ).toEqual([]);
    expect(customerIds).toHaveLength(31);
    for (const messageId of acknowledged.values())
      expect(stored.filter((m) => m.id === messageId)).toHaveLength(1);
    // Every customer message has exactly one reply: no turn was half-written.
    const [n] = await store.db
      .select({ n: count() })
      .from(messages)
      .where(eq(messages.conversationId, conversationId));
    expect(n?.n).toBe(62);
  });

  it('loses nothing under concurrent load: 8 clients keep sending while the server stops and restarts', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const clients = 8;
    const conversations = await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const res = await send(`load-${c}-0`);
        expect(res.status).toBe(200);
        return ((await res.json()) as { conversationId: string }).conversationId;
      }),
    );
    const sent = conversations.map(() => [] as string[]);
    const acknowledged = new Map<string, string>();
    const failed: Array<[number, string]> = [];
    let running = true;
    const client = async (c: number) => {
      for (let i = 1; running; i++) {
        const id = `load-${c}-${i}`;
        sent[c]?.push(id);
        const res = await send(id, conversations[c]);
        if (res.status === 200) {
          acknowledged.set(id, ((await res.json()) as { messageId: string }).messageId);
        } else {
          expect(res.status).toBe(503);
          await res.body?.cancel();
          failed.push([c, id]);
          await sleep(100); // a client backs off on 503
        }
      }
    };
    const load = Array.from({ length: clients }, (_, c) => client(c));
    await sleep(700);
    server.pause();
    await sleep(1500);
    server.resume();
    await sleep(1000);
    running = false;
    await Promise.all(load);
    expect(failed.length).toBeGreaterThan(0);

    // Every failed message is retried with its id until it is acknowledged.
    for (const [c, id] of failed) {
      for (let attempt = 0; ; attempt++) {
        const res = await send(id, conversations[c]);
        if (res.status === 200) {
          acknowledged.set(id, ((await res.json()) as { messageId: string }).messageId);
          break;
        }
        await res.body?.cancel();
        if (attempt > 50) throw new Error(`${id} never stored after the server came back`);
        await sleep(100);
      }
    }

    for (const [c, conversationId] of conversations.entries()) {
      const stored = await store.db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, conversationId));
      const ids = stored.filter((m) => m.role === 'customer').map((m) => m.clientMessageId);
      const expected = [`load-${c}-0`, ...(sent[c] ?? [])];
      expect(ids.sort()).toEqual(expected.sort());
      // One reply per message: no turn half-written.
      expect(stored).toHaveLength(2 * expected.length);
    }
    for (const messageId of acknowledged.values()) {
      const [row] = await store.db.select({ n: count() }).from(messages).where(eq(messages.id, messageId));
      expect(row?.n).toBe(1);
    }
  });
});
