/**
 * Two service instances on one PostgreSQL database: a catalog imported through one instance's admin route, or
 * straight into the database as `catalog:import` does, is understood by the other on its next message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, conversation } from '../../test/chat-app.ts';
import { createPostgresDatabase, hasPostgres, postgresSkipReason } from '../../test/databases.ts';
import { openStore, type Store } from '../db/store.ts';
import { importCatalog } from './import.ts';
import { CatalogSync } from './sync.ts';

const product = (id: number, title: string, category: string) => ({
  id,
  title,
  description: `The ${title}, written for this test.`,
  category,
  price: 40 + id,
  discountPercentage: 0,
  rating: 4.2,
  stock: 9,
  brand: 'Testbrand',
});

/** Waits until `check` holds, polling; the bound only stops a broken test from hanging. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe.skipIf(!hasPostgres())(
  `catalog sync across replicas${hasPostgres() ? '' : ` (skipped: ${postgresSkipReason()})`}`,
  () => {
    const stores: Store[] = [];
    const syncs: CatalogSync[] = [];
    let a: Awaited<ReturnType<typeof buildChatApp>>;
    let b: Awaited<ReturnType<typeof buildChatApp>>;

    beforeAll(async () => {
      const url = await createPostgresDatabase();
      for (let i = 0; i < 2; i++) stores.push(await openStore({ kind: 'postgres', url, poolMax: 3 }));
      a = await buildChatApp(stores[0] as Store, { adminKeys: ['admin-a'] });
      b = await buildChatApp(stores[1] as Store, { adminKeys: ['admin-b'] });
      for (const [store, app] of [
        [stores[0], a],
        [stores[1], b],
      ] as const) {
        // The timer is off: only the NOTIFY can bring the change in this test.
        const sync = new CatalogSync({ store: store as Store, apply: app.reindex, pollMs: 0 });
        await sync.markCurrent();
        await sync.start();
        syncs.push(sync);
      }
    });
    afterAll(async () => {
      for (const sync of syncs) await sync.stop();
      for (const store of stores) await store.close();
    });

    it('an import through one replica reaches the other through NOTIFY', async () => {
      expect(
        (await conversation(b.app).say('do you sell the Quillfeather Desk Organiser?')).products,
      ).toEqual([]);
      const res = await a.app.request('/v1/admin/catalog', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer admin-a' },
        body: JSON.stringify({ products: [product(9001, 'Quillfeather Desk Organiser', 'office')] }),
      });
      expect(res.status).toBe(200);
      const seen = await eventually(async () => b.retrieval.catalog.get(9001) !== undefined);
      expect(seen).toBe(true);
      const answer = await conversation(b.app).say('do you sell the Quillfeather Desk Organiser?');
      expect(answer.intent.name).toBe('product_inquiry');
      expect(answer.products.map((p) => p.id)).toEqual([9001]);
    });

    it('an import straight into the database (the CLI) reaches both replicas', async () => {
      await importCatalog((stores[0] as Store).db, [product(9002, 'Marrowgate Picnic Blanket', 'outdoor')]);
      for (const replica of [a, b])
        expect(await eventually(async () => replica.retrieval.catalog.get(9002) !== undefined)).toBe(true);
      const answer = await conversation(a.app).say('marrowgate blanket price?');
      expect(answer.products[0]?.id).toBe(9002);
      expect(answer.reply).toContain('$');
    });

    it('folds a burst of notifications into at most two reloads', async () => {
      let reloads = 0;
      const sync = new CatalogSync({
        store: stores[1] as Store,
        apply: async () => {
          reloads++;
        },
        pollMs: 0,
      });
      await importCatalog((stores[0] as Store).db, [product(9003, 'Thimbleby Tea Tray', 'kitchen')]);
      await Promise.all(Array.from({ length: 10 }, () => sync.refresh()));
      expect(reloads).toBeGreaterThanOrEqual(1);
      expect(reloads).toBeLessThanOrEqual(2);
      expect(await sync.refresh()).toBe(false);
    });
  },
);
