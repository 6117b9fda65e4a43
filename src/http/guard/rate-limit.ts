/**
 * @module http/guard/rate-limit
 * Token-bucket rate limits per API key, per signed-in customer and, for anonymous shoppers, per client
 * address. In memory, so per replica: with N replicas the service-wide limit is N times this.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';
import { presentedKey } from './auth.ts';

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

const short = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16);

export function rateLimit({
  perCustomer,
  perKey,
}: {
  perCustomer: TokenBuckets;
  perKey: TokenBuckets;
}): MiddlewareHandler {
  return async function limitRate(c, next) {
    const key = presentedKey((name) => c.req.header(name));
    const customer = c.req.header('x-customer-id');
    const address = (c.get('clientAddress') as string | undefined) ?? 'local';
    const waits = [
      key ? perKey.take(`key:${short(key)}`) : 0,
      perCustomer.take(customer ? `customer:${customer}` : `ip:${address}`),
    ];
    const wait = Math.max(...waits);
    if (wait > 0)
      throw new ApiError(429, 'rate_limited', 'too many requests; slow down', { retryAfterSeconds: wait });
    await next();
  };
}
