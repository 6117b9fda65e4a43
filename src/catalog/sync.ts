/**
 * @module catalog/sync
 * Keeps every replica's catalog understanding (retrieval indexes and the NLU lexicon) in step with the
 * products in the store. An import anywhere — the admin route on another pod, or `catalog:import` straight
 * into PostgreSQL — sends `NOTIFY catalog_changed` in its transaction; each replica LISTENs and also checks a
 * cheap catalog version on a timer, so a lost notification only delays the reload.
 */
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type CatalogRow, listActiveProducts } from '../db/repositories/products.ts';
import type { Store } from '../db/store.ts';
import type { NluEngine } from '../nlu/engine.ts';
import type { Retrieval } from '../retrieval/retrieval.ts';

export const CATALOG_CHANNEL = 'catalog_changed';

/** What changes whenever an import upserts or takes products off sale. */
export async function catalogVersion(store: Store): Promise<string> {
  const [row] = await store.rows<{ active: number; total: number; newest: string | null }>(
    sql`select count(*) filter (where active)::int as active, count(*)::int as total,
               max(updated_at)::text as newest from products`,
  );
  return `${row?.active ?? 0}/${row?.total ?? 0}/${row?.newest ?? ''}`;
}

/** The usual `apply`: new retrieval indexes built aside and swapped in, then the NLU's catalog lexicon. */
export function reindexInto(nlu: NluEngine, retrieval: Retrieval): CatalogSyncOptions['apply'] {
  return async (products) => {
    await retrieval.reindexCatalog(products);
    nlu.setCatalog(products);
  };
}

export interface CatalogSyncOptions {
  store: Store;
  /** Rebuilds what depends on the catalog (indexes, lexicon); called with the active products. */
  apply: (products: CatalogRow[]) => Promise<void>;
  logger?: Logger;
  /** How often to compare the catalog version (ms); 0 turns the timer off. */
  pollMs?: number;
}

export class CatalogSync {
  readonly #store: Store;
  readonly #apply: CatalogSyncOptions['apply'];
  readonly #logger?: Logger;
  readonly #pollMs: number;
  #version: string | undefined;
  #running: Promise<boolean> = Promise.resolve(false);
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;

  constructor(options: CatalogSyncOptions) {
    this.#store = options.store;
    this.#apply = options.apply;
    this.#logger = options.logger;
    this.#pollMs = options.pollMs ?? 2000;
  }

  /** Records the version the current indexes were built from (at start-up). */
  async markCurrent(): Promise<void> {
    this.#version = await catalogVersion(this.#store);
  }

  /**
   * Reloads when the stored catalog differs from the one indexed. Calls made while a reload runs are folded
   * into one more check after it, so a burst of notifications costs at most two reloads.
   * Resolves true when this call (or the one it joined) reloaded.
   */
  refresh(): Promise<boolean> {
    if (this.#again) return this.#running;
    this.#again = true;
    this.#running = this.#running.then(async () => {
      this.#again = false;
      const version = await catalogVersion(this.#store);
      if (version === this.#version) return false;
      const products = await listActiveProducts(this.#store.db);
      await this.#apply(products);
      this.#version = version;
      this.#logger?.info({ products: products.length }, 'catalog reloaded');
      return true;
    });
    return this.#running.catch((error: unknown) => {
      this.#logger?.error({ error: String(error) }, 'catalog reload failed');
      this.#running = Promise.resolve(false);
      return false;
    });
  }

  /** Starts listening for imports and the version timer. */
  async start(): Promise<void> {
    this.#unlisten = await this.#store.listen?.(CATALOG_CHANNEL, () => void this.refresh());
    if (this.#pollMs > 0) {
      this.#timer = setInterval(() => void this.refresh(), this.#pollMs);
      this.#timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#unlisten?.().catch(() => {});
    await this.#running.catch(() => {});
  }
}
