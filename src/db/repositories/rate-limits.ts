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
export async function countHits(
  db: Database,
  keys: string[],
  windowStart: Date,
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const window = windowStart;
  const rows = await db
    .insert(rateLimitWindows)
    .values(keys.map((key) => ({ key, windowStart: window, hits: 1 })))
    .onConflictDoUpdate({
      target: [rateLimitWindows.key, rateLimitWindows.windowStart],
      set: { hits: sql`${rateLimitWindows.hits} + 1` },
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
