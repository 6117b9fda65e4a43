/**
 * @module http/guard/rate-limit
 * Rate limits per API key, per signed-in customer and, for anonymous shoppers, per client address.
 * Two implementations of one `RateLimiter`: token buckets in memory (per replica: with N replicas the
 * service-wide limit is N times this; the embedded store's default) and fixed one-minute windows counted
 * in PostgreSQL (one budget shared by every replica; the default with DATABASE_URL).
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import { countHits, forgetOldWindows } from '../../db/repositories/rate-limits.ts';
import type { Database } from '../../db/store.ts';
import { ApiError } from '../errors.ts';
import { presentedKey } from './auth.ts';

/** Takes one request from each key's budget; resolves to 0 when all allow it, else the seconds to wait. */
export interface RateLimiter {
  take(requests: { key: string; perMinute: number }[]): Promise<number>;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.#capacity = perMinute;
    this.#perMs = perMinute / 60_000;
    this.#now = now;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, updated: now };
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.updated) * this.#perMs);
    bucket.updated = now;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 50_000) this.#sweep(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.#perMs / 1000);
  }

  /** Forgets full buckets so the map cannot grow without bound. */
  #sweep(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.updated) * this.#perMs >= this.#capacity) this.#buckets.delete(key);
    }
  }
}

/** Per-replica limits: one token bucket per key and per limit. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<number, TokenBuckets>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async take(requests: { key: string; perMinute: number }[]): Promise<number> {
    return Math.max(0, ...requests.map(({ key, perMinute }) => this.#bucketsOf(perMinute).take(key)));
  }

  #bucketsOf(perMinute: number): TokenBuckets {
    let buckets = this.#buckets.get(perMinute);
    if (!buckets) {
      buckets = new TokenBuckets(perMinute, this.#now);
      this.#buckets.set(perMinute, buckets);
    }
    return buckets;
  }
}

/**
 * Service-wide limits: each request is counted in PostgreSQL (one upsert for all its keys) in the current
 * one-minute window (by this replica's clock: replicas a second apart disagree only at the boundary). While the database is unreachable it falls back to the per-replica buckets rather than
 * refusing every request.
 */
export class SharedRateLimiter implements RateLimiter {
  readonly #db: Database;
  readonly #fallback: MemoryRateLimiter;
  readonly #now: () => number;
  #lastSweep = 0;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
    this.#fallback = new MemoryRateLimiter(now);
  }

  async take(requests: { key: string; perMinute: number }[]): Promise<number> {
    let hits: Map<string, number>;
    try {
      hits = await countHits(
        this.#db,
        requests.map((r) => r.key),
        new Date(Math.floor(this.#now() / 60_000) * 60_000),
      );
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      return this.#fallback.take(requests);
    }
    this.#sweep();
    const over = requests.some(({ key, perMinute }) => (hits.get(key) ?? 0) > perMinute);
    if (!over) return 0;
    const intoWindow = (this.#now() / 1000) % 60;
    return Math.max(1, Math.ceil(60 - intoWindow));
  }

  /** Once a minute per replica, drops windows that can no longer matter (in the background). */
  #sweep(): void {
    const now = this.#now();
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    forgetOldWindows(this.#db, new Date(Math.floor(now / 60_000) * 60_000 - 60_000)).catch(() => {});
  }
}

const short = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16);

export function rateLimit({
  limiter,
  perCustomer,
  perKey,
}: {
  limiter: RateLimiter;
  /** Requests per minute per signed-in customer (or client address), and per API key. */
  perCustomer: number;
  perKey: number;
}): MiddlewareHandler {
  return async function limitRate(c, next) {
    const key = presentedKey((name) => c.req.header(name));
    const customer = c.req.header('x-customer-id');
    const address = (c.get('clientAddress') as string | undefined) ?? 'local';
    const wait = await limiter.take([
      ...(key ? [{ key: `key:${short(key)}`, perMinute: perKey }] : []),
      { key: customer ? `customer:${customer}` : `ip:${address}`, perMinute: perCustomer },
    ]);
    if (wait > 0)
      throw new ApiError(429, 'rate_limited', 'too many requests; slow down', { retryAfterSeconds: wait });
    await next();
  };
}
