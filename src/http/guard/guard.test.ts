/**
 * The authorisation matrix, rate limits, CORS and secure headers, with caller keys configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp } from '../../../test/chat-app.ts';
import { openTestStore } from '../../../test/databases.ts';
import { ConfigError, loadConfig } from '../../config/env.ts';
import type { Store } from '../../db/store.ts';
import { keyMatches, presentedKey } from './auth.ts';
import { TokenBuckets } from './rate-limit.ts';

describe('guards with keys configured', () => {
  let store: Store;
  let app: Awaited<ReturnType<typeof buildChatApp>>['app'];
  beforeAll(async () => {
    store = await openTestStore('pglite');
    ({ app } = await buildChatApp(store, {
      adminKeys: ['admin-secret'],
      security: {
        apiKeys: ['caller-old', 'caller-new'],
        rateLimits: { perCustomer: 5, perKey: 1000 },
        corsOrigins: ['https://shop.example'],
      },
    }));
  });
  afterAll(async () => store?.close());

  const chat = (headers: Record<string, string>, message = 'where is my order 100042') =>
    app.request('/v1/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ message }),
    });

  it.each([
    ['no key, anonymous shopper', {}, 200],
    ['no key but claims a customer', { 'x-customer-id': 'cus_maya' }, 401],
    ['wrong key', { authorization: 'Bearer guess', 'x-customer-id': 'cus_maya' }, 401],
    ['current key', { authorization: 'Bearer caller-new', 'x-customer-id': 'cus_liam' }, 200],
    ['previous key during rotation', { 'x-api-key': 'caller-old', 'x-customer-id': 'cus_sofia' }, 200],
  ])('POST /v1/chat: %s → %i', async (_name, headers, status) => {
    const res = await chat(headers as Record<string, string>);
    expect(res.status).toBe(status);
    if (status !== 200)
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(
        /unauthorized|invalid_api_key/,
      );
  });

  it('never lets customer A read customer B’s order, whoever asks', async () => {
    const asA = { authorization: 'Bearer caller-new', 'x-customer-id': 'cus_maya' };
    const reply = (await (await chat(asA, 'track order 100045')).json()) as { reply: string };
    expect(reply.reply).toContain("couldn't find order 100045");
    expect((await app.request('/v1/orders/100045', { headers: asA })).status).toBe(404);
    expect((await app.request('/v1/orders/100042', { headers: asA })).status).toBe(200);
    expect((await app.request('/v1/orders', { headers: { 'x-customer-id': 'cus_maya' } })).status).toBe(401);
    expect((await app.request('/v1/orders')).status).toBe(401);
  });

  it('keeps agent routes to admin keys', async () => {
    expect((await app.request('/v1/agent/handoffs')).status).toBe(401);
    expect(
      (await app.request('/v1/agent/handoffs', { headers: { authorization: 'Bearer caller-new' } })).status,
    ).toBe(403);
    expect(
      (await app.request('/v1/agent/handoffs', { headers: { authorization: 'Bearer admin-secret' } })).status,
    ).toBe(200);
    expect(
      (
        await app.request('/v1/nlu/parse', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"text":"hi"}',
        })
      ).status,
    ).toBe(401);
  });

  it('rate-limits a shopper with 429 and Retry-After', async () => {
    const headers = { authorization: 'Bearer caller-new', 'x-customer-id': 'cus_noah' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await chat(headers, 'hi')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await chat(headers, 'hi');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('answers CORS preflights only for allowed origins and sends secure headers', async () => {
    const allowed = await app.request('/v1/chat', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await app.request('/v1/chat', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const page = await app.request('/');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('guard helpers', () => {
  it('compares keys against every configured one', () => {
    expect(keyMatches('b', ['a', 'b'])).toBe(true);
    expect(keyMatches('c', ['a', 'b'])).toBe(false);
    expect(keyMatches('', [])).toBe(false);
    expect(presentedKey((n) => ({ authorization: 'Bearer k1' })[n])).toBe('k1');
    expect(presentedKey((n) => ({ 'x-api-key': 'k2' })[n])).toBe('k2');
  });

  it('refills buckets over time', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now);
    for (let i = 0; i < 60; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0);
    now += 1000;
    expect(buckets.take('a')).toBe(0);
  });

  it('refuses to start in production without caller keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ K_SERVICE: 'chatbot-service' })).toThrow(/CHATBOT_API_KEYS is required/);
    expect(loadConfig({ K_SERVICE: 'chatbot-service', CHATBOT_API_KEYS: 'k' }).host).toBe('0.0.0.0');
  });
});
