/**
 * Two replicas of the service on one database: with shared (PostgreSQL) rate limits they draw on one
 * budget; with per-replica (memory) limits the service-wide budget is twice the configured one.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp } from '../../../test/chat-app.ts';
import { openTestStore, storeKinds, storeTest } from '../../../test/databases.ts';
import { countHits, forgetOldWindows, reserveHits } from '../../db/repositories/rate-limits.ts';
import type { Store } from '../../db/store.ts';
import { SharedRateLimiter } from './rate-limit.ts';

const FIXED = Date.parse('2026-11-29T12:00:30Z');
const window = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);

describe.each(storeKinds())('rate limits across replicas on %s', (kind, available) => {
  let store: Store;
  beforeAll(async () => {
    if (available) store = await openTestStore(kind);
  });
  afterAll(async () => store?.close());
  const test = storeTest(available);

  const replicas = async (shared: boolean) => {
    const security = {
      apiKeys: [],
      // A stopped clock: the test never straddles a window (or refills a bucket).
      rateLimits: { perCustomer: 3, perKey: 1e9, shared, clock: () => FIXED },
      corsOrigins: [],
    };
    return [(await buildChatApp(store, { security })).app, (await buildChatApp(store, { security })).app];
  };
  const ask = (app: Awaited<ReturnType<typeof replicas>>[number], customer: string) =>
    app.request('/v1/orders', { headers: { 'x-customer-id': customer } });

  test('shared limits: requests spread over two replicas share one budget', async () => {
    const [a, b] = await replicas(true);
    if (!a || !b) throw new Error('two replicas expected');
    const statuses = [];
    for (const app of [a, b, a, b, a]) statuses.push((await ask(app, 'cus_maya')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await ask(b, 'cus_maya');
    // Half a minute into the window: the next one starts in 30 s.
    expect(limited.headers.get('retry-after')).toBe('30');
    // Another customer has a budget of their own.
    expect((await ask(b, 'cus_liam')).status).toBe(200);
  });

  test('memory limits: each replica has the whole budget (the service-wide limit doubles)', async () => {
    const [a, b] = await replicas(false);
    if (!a || !b) throw new Error('two replicas expected');
    const statuses = [];
    for (const app of [a, b, a, b, a, b, a]) statuses.push((await ask(app, 'cus_sofia')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  test('concurrent requests on one key share upserts and are counted exactly: 3 of 12 pass', async () => {
    const [a, b] = await replicas(true);
    if (!a || !b) throw new Error('two replicas expected');
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => (await ask(i % 2 ? a : b, 'cus_noah')).status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  test("replicas lease parts of a busy key's budget: few round trips, never more than the budget", async () => {
    const [a, b] = [
      new SharedRateLimiter(store.db, () => FIXED),
      new SharedRateLimiter(store.db, () => FIXED),
    ];
    let passed = 0;
    for (let i = 0; i < 150; i++) {
      const limiter = i % 2 ? a : b;
      if ((await limiter.take([{ key: 'key:busy', perMinute: 100 }])) === 0) passed++;
    }
    // 5 % leases: each replica may hold back at most one unspent lease of 5 from the other.
    expect(passed).toBeLessThanOrEqual(100);
    expect(passed).toBeGreaterThanOrEqual(95);
    const [row] = await store.rows<{ hits: number }>(
      sql`select hits from rate_limit_windows where key = 'key:busy'`,
    );
    // Reserved in leases of 5, the refused ones included.
    expect(row?.hits).toBeLessThanOrEqual(110);
  });

  test('counts several keys in one upsert, per window, and forgets old windows', async () => {
    const now = window(FIXED);
    const next = new Date(now.getTime() + 60_000);
    const first = await countHits(store.db, ['k:one', 'k:two'], now);
    const second = await countHits(store.db, ['k:one'], now);
    const later = await countHits(store.db, ['k:one'], next);
    expect([first.get('k:one'), first.get('k:two'), second.get('k:one'), later.get('k:one')]).toEqual([
      1, 1, 2, 1,
    ]);
    expect(await forgetOldWindows(store.db, now)).toBe(0);
    expect(await forgetOldWindows(store.db, next)).toBeGreaterThanOrEqual(2);
    expect((await countHits(store.db, ['k:one'], next)).get('k:one')).toBe(2);
    // A lease reserves several at once.
    const leased = await reserveHits(
      store.db,
      new Map([
        ['k:one', 5],
        ['k:three', 2],
      ]),
      next,
    );
    expect(Object.fromEntries(leased)).toEqual({ 'k:one': 7, 'k:three': 2 });
  });
});

describe('shared rate limits without a database', () => {
  it('fall back to per-replica buckets instead of refusing every request', async () => {
    const { freePort } = await import('../../../test/postgres-server.ts');
    const { openStore } = await import('../../db/store.ts');
    // Nothing listens on this port: every query fails with ECONNREFUSED.
    const down = await openStore({
      kind: 'postgres',
      url: `postgres://nobody@127.0.0.1:${await freePort()}/none`,
    });
    try {
      const limiter = new SharedRateLimiter(down.db, () => FIXED);
      const take = () => limiter.take([{ key: 'customer:x', perMinute: 2 }]);
      expect([await take(), await take()]).toEqual([0, 0]);
      expect(await take()).toBeGreaterThan(0);
    } finally {
      await down.close();
    }
  });
});
