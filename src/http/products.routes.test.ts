/**
 * The read-only product endpoint and view the chat's cards link to, and the cards and sources that a
 * conversation's history returns with each reply.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, conversation } from '../../test/chat-app.ts';
import { openTestStore } from '../../test/databases.ts';
import { messages, products } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { createApp } from './app.ts';

describe('product routes', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    store = await openTestStore('pglite');
    ({ app } = await buildChatApp(store));
    await store.db
      .update(products)
      .set({ thumbnail: 'https://cdn.example.com/p/2.webp', title: 'Lumo <script>alert(1)</script> "Tab"' })
      .where(eq(products.id, 2));
    await store.db.update(products).set({ thumbnail: 'javascript:alert(1)' }).where(eq(products.id, 3));
    await store.db.update(products).set({ active: false }).where(eq(products.id, 4));
  });

  afterAll(async () => {
    await store?.close();
  });

  it('returns a product on sale with its facts and image', async () => {
    const res = await app.request('/v1/products/2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: 2, thumbnail: 'https://cdn.example.com/p/2.webp' });
    expect(typeof body.finalPrice).toBe('number');
    expect(typeof body.description).toBe('string');
    expect(Array.isArray(body.tags)).toBe(true);
  });

  it('offers only http(s) images: a script URL in a record is dropped', async () => {
    const body = (await (await app.request('/v1/products/3')).json()) as { thumbnail: unknown };
    expect(body.thumbnail).toBeNull();
    const page = await (await app.request('/products/3')).text();
    expect(page).not.toContain('javascript:');
    expect(page).toContain('src="/static/placeholder.svg"');
  });

  it.each([
    ['a product no longer on sale', '4'],
    ['an unknown id', '999999'],
    ['zero', '0'],
    ['a leading zero', '01'],
    ['a negative id', '-1'],
    ['a fraction', '1.5'],
    ['an exponent', '1e3'],
    ['beyond the integer column', '2147483648'],
    ['words', 'abc'],
    ['markup', '%3Cscript%3E'],
  ])('answers 404 JSON for %s', async (_name, id) => {
    const res = await app.request(`/v1/products/${id}`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toMatch(/not_found/);
    const view = await app.request(`/products/${id}`);
    expect(view.status).toBe(404);
    expect(await view.text()).toContain('not on sale');
  });

  it('shows a product page with its text escaped and no script', async () => {
    const res = await app.request('/products/2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<h1>Lumo &lt;script&gt;alert(1)&lt;/script&gt; &quot;Tab&quot;</h1>');
    expect(page).not.toContain('<script');
    expect(page).toContain('src="https://cdn.example.com/p/2.webp"');
    expect(page).toContain('href="/"');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/img-src 'self' data: https:/);
  });

  it('is rate limited and authenticated like the other shopper routes', async () => {
    const { app: keyed } = await buildChatApp(store, {
      security: { apiKeys: ['k1'], rateLimits: { perCustomer: 1, perKey: 100 }, corsOrigins: [] },
    });
    expect(
      (await keyed.request('/v1/products/1', { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    expect((await keyed.request('/v1/products/1')).status).toBe(200);
    expect((await keyed.request('/v1/products/1')).status).toBe(429);
    expect((await keyed.request('/products/1')).status).toBe(429);
  });
});

describe('conversation history', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    store = await openTestStore('pglite');
    ({ app } = await buildChatApp(store));
  });

  afterAll(async () => {
    await store?.close();
  });

  it('returns the product cards and sources each reply showed', async () => {
    const chat = conversation(app);
    const tablets = await chat.say('which tablets do you have?');
    const policy = await chat.say('what is your return policy?');
    expect(tablets.products.length).toBeGreaterThan(0);
    expect(policy.sources.length).toBeGreaterThan(0);

    const res = await app.request(`/v1/conversations/${chat.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      messages: { role: string; text: string; products?: { id: number }[]; sources?: unknown[] }[];
    };
    const bots = body.messages.filter((m) => m.role === 'bot');
    expect(bots.map((m) => m.products?.map((p) => p.id))).toEqual([tablets.products.map((p) => p.id), []]);
    expect(bots.map((m) => m.sources)).toEqual([tablets.sources, policy.sources]);
    expect(bots[0]?.products?.[0]).toEqual(tablets.products[0]);
    // The shopper's own messages carry no cards.
    expect(body.messages.filter((m) => m.role === 'customer').every((m) => !('products' in m))).toBe(true);
  });

  it('reads an unreadable stored payload as no cards rather than failing the history', async () => {
    const chat = conversation(app);
    const answer = await chat.say('which tablets do you have?');
    await store.db
      .update(messages)
      .set({ payload: { products: 'junk', sources: [{ kind: 1 }] } })
      .where(eq(messages.id, answer.messageId));
    const res = await app.request(`/v1/conversations/${chat.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      messages: { role: string; products?: unknown; sources?: unknown }[];
    };
    const bot = body.messages.find((m) => m.role === 'bot');
    expect(bot).toMatchObject({ products: [], sources: [] });
  });
});
