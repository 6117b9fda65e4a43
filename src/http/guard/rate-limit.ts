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
import { forgetOldWindows, reserveHits } from '../../db/repositories/rate-limits.ts';
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

/** A replica's share of one key's budget in one window, spent locally. */
interface Lease {
  window: number;
  left: number;
  /** The window's budget is gone: nothing more can be leased until the next window. */
  spent: boolean;
  pending?: Promise<void>;
}

/** Part of a limit a replica reserves at once: a 600-per-minute key costs one round trip per 30 requests. */
const LEASE_SHARE = 0.05;

/**
 * Service-wide limits in fixed one-minute windows counted in PostgreSQL (by this replica's clock: replicas a
 * second apart disagree only at the boundary). A replica reserves a lease of a key's budget at a time
 * (5 % of the limit, at least one request) and spends it locally, so a busy key costs a round trip per
 * lease rather than per request, and concurrent requests on a key wait for one lease instead of queueing on
 * its row. The budget is never exceeded; a replica's unspent lease can make others refuse early, by at most
 * one lease per other replica. While the database is unreachable it falls back to per-replica buckets
 * rather than refusing every request.
 */
export class SharedRateLimiter implements RateLimiter {
  readonly #db: Database;
  readonly #fallback: MemoryRateLimiter;
  readonly #now: () => number;
  readonly #leases = new Map<string, Lease>();
  #lastSweep = 0;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
    this.#fallback = new MemoryRateLimiter(now);
  }

  async take(requests: { key: string; perMinute: number }[]): Promise<number> {
    const window = Math.floor(this.#now() / 60_000) * 60_000;
    let allowed: boolean[];
    try {
      allowed = await Promise.all(requests.map((r) => this.#takeOne(r.key, r.perMinute, window)));
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      return this.#fallback.take(requests);
    }
    this.#sweep(window);
    if (allowed.every(Boolean)) return 0;
    const intoWindow = (this.#now() / 1000) % 60;
    return Math.max(1, Math.ceil(60 - intoWindow));
  }

  async #takeOne(key: string, perMinute: number, window: number): Promise<boolean> {
    for (;;) {
      let lease = this.#leases.get(key);
      if (!lease || lease.window !== window) {
        lease = { window, left: 0, spent: false };
        this.#leases.set(key, lease);
      }
      if (lease.left > 0) {
        lease.left--;
        return true;
      }
      if (lease.spent) return false;
      const current = lease;
      current.pending ??= this.#lease(key, perMinute, current).finally(() => {
        current.pending = undefined;
      });
      await current.pending;
    }
  }

  /** Reserves the next lease of `key`'s budget; what is left of the budget when it is less. */
  async #lease(key: string, perMinute: number, lease: Lease): Promise<void> {
    const size = Math.max(1, Math.floor(perMinute * LEASE_SHARE));
    const totals = await reserveHits(this.#db, new Map([[key, size]]), new Date(lease.window));
    const before = (totals.get(key) ?? Number.POSITIVE_INFINITY) - size;
    const granted = Math.max(0, Math.min(size, perMinute - before));
    lease.left += granted;
    if (granted < size) lease.spent = true;
  }

  /** Once a minute per replica, forgets past windows here and (in the background) in the database. */
  #sweep(window: number): void {
    if (window - this.#lastSweep < 60_000) return;
    this.#lastSweep = window;
    for (const [key, lease] of this.#leases) if (lease.window < window) this.#leases.delete(key);
    forgetOldWindows(this.#db, new Date(window - 60_000)).catch(() => {});
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
