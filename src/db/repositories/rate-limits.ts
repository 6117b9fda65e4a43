/**
 * @module db/repositories/rate-limits
 * Fixed-window request counters shared by every replica (table `rate_limit_windows`).
 */
import { lt, sql } from 'drizzle-orm';
import { rateLimitWindows } from '../schema.ts';
import type { Database } from '../store.ts';

/**
 * Counts one request for each key in the window starting at `windowStart` (one upsert, one round trip)
 * and returns each key's count so far in that window.
 */
export function countHits(db: Database, keys: string[], windowStart: Date): Promise<Map<string, number>> {
  return reserveHits(db, new Map(keys.map((key) => [key, 1])), windowStart);
}

/** Adds `amounts` to the keys' counts in the window (one upsert) and returns each key's new count. */
export async function reserveHits(
  db: Database,
  amounts: ReadonlyMap<string, number>,
  windowStart: Date,
): Promise<Map<string, number>> {
  if (amounts.size === 0) return new Map();
  const rows = await db
    .insert(rateLimitWindows)
    .values([...amounts].map(([key, hits]) => ({ key, windowStart, hits })))
    .onConflictDoUpdate({
      target: [rateLimitWindows.key, rateLimitWindows.windowStart],
      set: { hits: sql`${rateLimitWindows.hits} + excluded.hits` },
    })
    .returning({ key: rateLimitWindows.key, hits: rateLimitWindows.hits });
  return new Map(rows.map((row) => [row.key, row.hits]));
}

/** Deletes the windows that started before `before`; returns how many went. */
export async function forgetOldWindows(db: Database, before: Date): Promise<number> {
  const gone = await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.windowStart, before))
    .returning({ key: rateLimitWindows.key });
  return gone.length;
}
