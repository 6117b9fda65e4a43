/**
 * @module http/admin.routes
 * `POST /v1/admin/catalog[?replace=true]` (admin key): imports a DummyJSON catalog into the store and
 * re-indexes the running service without downtime — the new indexes are built aside, then swapped in.
 */
import { Hono } from 'hono';
import { ImportError, importCatalog, parseCatalogJson } from '../catalog/import.ts';
import type { CatalogSync } from '../catalog/sync.ts';
import type { Store } from '../db/store.ts';
import type { Retrieval } from '../retrieval/retrieval.ts';
import type { AppEnv } from './app.ts';
import { bodyText } from './body.ts';
import { ApiError } from './errors.ts';
import { requireAdmin } from './guard/auth.ts';
import { json } from './respond.ts';

/** A catalog file is larger than a chat message: this route alone accepts up to 10 MiB. */
export const MAX_CATALOG_BYTES = 10 * 1024 * 1024;

export function adminRoutes(deps: {
  store: Store;
  retrieval: Retrieval;
  /** Reloads this replica's catalog; the import's NOTIFY tells the other replicas. */
  catalog: CatalogSync;
  adminKeys: string[];
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/v1/admin/*', requireAdmin(deps.adminKeys));
  app.post('/v1/admin/catalog', async (c) => {
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'send the catalog as application/json');
    }
    let document: unknown;
    try {
      document = parseCatalogJson(await bodyText(c));
    } catch {
      throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
    }
    try {
      const result = await importCatalog(deps.store.db, document, {
        replace: c.req.query('replace') === 'true',
      });
      await deps.catalog.refresh();
      return json(c, { ...result, indexed: deps.retrieval.catalog.size });
    } catch (error) {
      if (error instanceof ImportError) {
        throw new ApiError(400, 'invalid_catalog', error.message, { details: error.problems.slice(0, 200) });
      }
      throw error;
    }
  });
  return app;
}
