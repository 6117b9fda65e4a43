/**
 * Multi-turn conversations over the HTTP API against a real store (PGlite and a real PostgreSQL server):
 * every support flow, the refusals, and the customer boundary.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, type ChatReply, conversation } from '../../test/chat-app.ts';
import { openTestStore, storeKinds, storeTest } from '../../test/databases.ts';
import {
  conversations,
  handoffs,
  invoices,
  messages,
  newsletterSubscriptions,
  orders,
  refunds,
  tickets,
} from '../db/schema.ts';
import type { Store } from '../db/store.ts';

describe.each(storeKinds())('chat on %s', (kind, available) => {
  let store: Store;
  let app: Awaited<ReturnType<typeof buildChatApp>>['app'];
  beforeAll(async () => {
    if (!available) return;
    store = await openTestStore(kind);
    ({ app } = await buildChatApp(store));
  });
  afterAll(async () => store?.close());
  const test = storeTest(available);
  const orderStatus = async (number: string) =>
    (await store.db.select().from(orders).where(eq(orders.number, number)))[0]?.status;

  test('tracks an order, asking for the number when it is missing', async () => {
    const chat = conversation(app, 'cus_maya');
    const ask = await chat.say('where is my package?');
    expect(ask.intent.name).toBe('track_order');
    expect(ask.state.pending?.type).toBe('order_number');
    const answer = await chat.say('100042');
    expect(answer.reply).toContain('Order 100042');
    expect(answer.reply).toContain('shipped');
    expect(answer.reply).toContain('PW100042GB');
    expect(answer.sources).toEqual([{ kind: 'order', id: '100042', title: 'Order 100042' }]);
    expect(answer.state.pending).toBeUndefined();
    // The bare number is reported as the request it completed.
    expect(answer.intent.name).toBe('track_order');
    const refund = conversation(app, 'cus_maya');
    await refund.say('I want my money back');
    expect((await refund.say('it was order 100043')).intent.name).toBe('get_refund');
    const refundAgain = conversation(app, 'cus_maya');
    await refundAgain.say('I want a refund');
    expect((await refundAgain.say("it's order 100041")).intent.name).toBe('get_refund');
  });

  test('finds the order by the thing in it: "where is my laptop?", "my air fryer still hasn\'t arrived"', async () => {
    const laptop = await conversation(app, 'cus_liam').say('where is my laptop?');
    expect(laptop.intent.name).toBe('track_order');
    expect(laptop.reply).toContain('Order 100045');
    const fryer = await conversation(app, 'cus_noah').say("my air fryer still hasn't arrived");
    expect(fryer.intent.name).toBe('track_order');
    expect(fryer.reply).toContain('Order 100054');
    // A thing none of the orders holds leaves every recent order to choose from.
    const sofa = await conversation(app, 'cus_noah').say('where is my sofa?');
    expect(sofa.intent.name).toBe('track_order');
    expect(sofa.state.pending?.type).toBe('order_number');
  });

  test('answers when an order discussed a moment ago will arrive', async () => {
    const chat = conversation(app, 'cus_maya');
    await chat.say('track order 100042');
    const when = await chat.say('when will it arrive?');
    expect(when.intent.name).toBe('delivery_period');
    expect(when.reply).toContain('Order 100042');
    expect(when.reply).toContain('Estimated delivery');
  });

  test('cancels a processing order only after a yes, and refuses a shipped one', async () => {
    const chat = conversation(app, 'cus_maya');
    const confirm = await chat.say('please cancel order 100041');
    expect(confirm.state.pending).toMatchObject({
      type: 'confirm',
      action: 'cancel_order',
      orderNumber: '100041',
    });
    expect(await orderStatus('100041')).toBe('processing');
    const done = await chat.say('yes');
    expect(done.actions).toEqual([{ type: 'order_cancelled', orderNumber: '100041' }]);
    expect(await orderStatus('100041')).toBe('cancelled');
    const [order] = await store.db.select().from(orders).where(eq(orders.number, '100041'));
    const [invoice] = await store.db
      .select()
      .from(invoices)
      .where(eq(invoices.orderId, order?.id ?? 0));
    expect(invoice?.status).toBe('void');

    const shipped = await chat.say('cancel order 100042');
    expect(shipped.reply).toMatch(/can't cancel order 100042: it is already shipped/);
    expect(await orderStatus('100042')).toBe('shipped');
  });

  test('keeps the order when the customer says no', async () => {
    const chat = conversation(app, 'cus_liam');
    await chat.say('I want to cancel my order 100048');
    const no = await chat.say('no');
    expect(no.reply).toContain("won't change anything");
    expect(await orderStatus('100048')).toBe('processing');
  });

  test("never shows or changes another customer's order", async () => {
    const chat = conversation(app, 'cus_maya');
    const other = await chat.say('cancel order 100048');
    expect(other.reply).toContain("couldn't find order 100048");
    expect(other.reply).not.toMatch(/Standing Desk|Liam/);
    const track = await chat.say('where is order 100045');
    expect(track.reply).not.toContain('Aerobook');
    expect(await orderStatus('100048')).toBe('processing');
    const res = await app.request('/v1/orders/100045', { headers: { 'x-customer-id': 'cus_maya' } });
    expect(res.status).toBe(404);
  });

  test('asks anonymous shoppers to sign in before touching orders', async () => {
    const chat = conversation(app);
    const reply = await chat.say('where is my order 100042');
    expect(reply.reply).toContain('signed-in customer');
    expect(reply.reply).not.toContain('PW100042GB');
    expect((await app.request('/v1/orders')).status).toBe(401);
  });

  test('changes the address before shipping and refuses after', async () => {
    const chat = conversation(app, 'cus_sofia');
    const ask = await chat.say('I need to change the shipping address of order 100051');
    expect(ask.state.pending).toMatchObject({ type: 'address', orderNumber: '100051' });
    const bad = await chat.say('somewhere nice');
    expect(bad.state.pending?.type).toBe('address');
    const done = await chat.say('742 Evergreen Terrace, Springfield, 49007, United States');
    expect(done.actions).toEqual([{ type: 'shipping_address_changed', orderNumber: '100051' }]);
    const [order] = await store.db.select().from(orders).where(eq(orders.number, '100051'));
    expect(order?.shippingAddress).toMatchObject({
      line1: '742 Evergreen Terrace',
      city: 'Springfield',
      postalCode: '49007',
      country: 'United States',
    });
    const refused = await chat.say('change the delivery address for order 100050');
    expect(refused.reply).toContain("can't change its address");
  });

  test('starts a refund for a delivered order and tracks it', async () => {
    const chat = conversation(app, 'cus_maya');
    const ask = await chat.say('I want a refund for order 100043');
    expect(ask.state.pending).toMatchObject({ type: 'confirm', action: 'request_refund' });
    const done = await chat.say('yes please');
    expect(done.actions[0]).toMatchObject({ type: 'refund_requested', orderNumber: '100043' });
    const [order] = await store.db.select().from(orders).where(eq(orders.number, '100043'));
    const stored = await store.db
      .select()
      .from(refunds)
      .where(eq(refunds.orderId, order?.id ?? 0));
    expect(stored).toHaveLength(1);
    const track = await chat.say('where is my refund?');
    expect(track.reply).toContain(String(done.actions[0]?.number));
    const again = await chat.say('I want a refund for order 100043');
    expect(again.reply).toContain('already has refund');
  });

  test('lists invoices, records complaints and reviews, subscribes to the newsletter', async () => {
    const chat = conversation(app, 'cus_noah');
    const inv = await chat.say('can I see my invoices');
    expect(inv.reply).toContain('INV-300052');
    expect(inv.reply).not.toContain('INV-300041');
    // A bare number after "invoice" that is no invoice's is the order's; another customer's order is not found.
    const byOrder = await chat.say('can I get the invoice for 100052?');
    expect(byOrder.reply).toContain('INV-300052');
    const theirs = await chat.say('can I get the invoice for 100041?');
    expect(theirs.reply).not.toContain('INV-300041');
    const complaint = await chat.say('I want to file a complaint, the courier was rude to me');
    expect(complaint.actions[0]).toMatchObject({ type: 'ticket_created', kind: 'complaint' });
    const review = await chat.say('I want to leave a review: the space station set is great, 5 stars');
    expect(review.actions[0]).toMatchObject({ type: 'ticket_created', kind: 'review' });
    const stored = await store.db.select().from(tickets).where(eq(tickets.customerId, 'cus_noah'));
    expect(stored.map((t) => t.kind).sort()).toEqual(['complaint', 'review']);
    expect(stored.find((t) => t.kind === 'review')?.rating).toBe(5);
    const news = await chat.say('subscribe me to your newsletter');
    expect(news.actions[0]).toMatchObject({ type: 'newsletter_subscribed', email: 'noah.kim@example.com' });
    const subs = await store.db
      .select()
      .from(newsletterSubscriptions)
      .where(eq(newsletterSubscriptions.email, 'noah.kim@example.com'));
    expect(subs).toHaveLength(1);
  });

  test('answers policy questions from the documents, citing them', async () => {
    const chat = conversation(app);
    const fee = await chat.say('is there a fee if I cancel?');
    expect(fee.sources[0]?.id).toBe('cancellation#cancellation-fees');
    expect(fee.reply).toContain('no fee');
    const pay = await chat.say('which payment methods do you accept');
    expect(pay.reply).toContain('PayPal');
    expect(pay.sources[0]?.kind).toBe('policy');
  });

  test('finds products with filters and states facts from the record', async () => {
    const chat = conversation(app);
    const tablets = await chat.say('tablets under 400 dollars');
    expect(tablets.products.length).toBeGreaterThan(0);
    for (const p of tablets.products) {
      expect(p.category).toBe('tablets');
      expect(p.finalPrice).toBeLessThanOrEqual(400);
    }
    const stock = await chat.say('is the Aerobook 14 Air in stock?');
    expect(stock.products[0]?.title).toBe('Aerobook 14 Air');
    expect(stock.reply).toContain(stock.products[0]?.inStock ? 'in stock' : 'out of stock');
    const none = await chat.say('do you sell garden hoses?');
    expect(none.products).toEqual([]);
  });

  test('hands off to a human; agents list, answer and resolve behind the admin key', async () => {
    const chat = conversation(app, 'cus_liam');
    const handed = await chat.say('let me talk to a real person');
    expect(handed.handoff).toBe(true);
    const [row] = await store.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, handed.conversationId));
    expect(row?.status).toBe('handoff');
    const queued = await chat.say('hello? anyone?');
    expect(queued.actions).toEqual([{ type: 'queued_for_agent' }]);

    expect((await app.request('/v1/agent/handoffs')).status).toBe(401);
    expect(
      (await app.request('/v1/agent/handoffs', { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(403);
    const auth = { authorization: 'Bearer agent-key-1' };
    const list = (await (await app.request('/v1/agent/handoffs', { headers: auth })).json()) as {
      handoffs: { id: number; conversationId: string }[];
    };
    const mine = list.handoffs.find((h) => h.conversationId === handed.conversationId);
    expect(mine).toBeDefined();
    const post = await app.request(`/v1/agent/conversations/${handed.conversationId}/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hi Liam, Sam from support here.' }),
    });
    expect(post.status).toBe(201);
    const resolved = await app.request(`/v1/agent/handoffs/${mine?.id}/resolve`, {
      method: 'POST',
      headers: auth,
    });
    expect(resolved.status).toBe(200);
    expect(
      (await app.request(`/v1/agent/handoffs/${mine?.id}/resolve`, { method: 'POST', headers: auth })).status,
    ).toBe(404);
    const history = (await (
      await app.request(`/v1/conversations/${handed.conversationId}`, {
        headers: { 'x-customer-id': 'cus_liam' },
      })
    ).json()) as {
      status: string;
      messages: { role: string }[];
    };
    expect(history.status).toBe('open');
    expect(history.messages.map((m) => m.role)).toEqual(['customer', 'bot', 'customer', 'bot', 'agent']);
    const [h] = await store.db
      .select()
      .from(handoffs)
      .where(eq(handoffs.id, mine?.id ?? 0));
    expect(h?.status).toBe('resolved');
  });

  test('a retried message with the same client id returns the stored reply and acts once', async () => {
    const chat = conversation(app, 'cus_sofia');
    await chat.say('hi');
    const first = await chat.say('I want to file a complaint about the late parcel', {
      clientMessageId: 'msg-42',
    });
    const again = await chat.say('I want to file a complaint about the late parcel', {
      clientMessageId: 'msg-42',
    });
    expect(again).toEqual(first);
    const stored = await store.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, first.conversationId), eq(messages.clientMessageId, 'msg-42')));
    expect(stored).toHaveLength(1);
    const complaints = await store.db
      .select()
      .from(tickets)
      .where(eq(tickets.conversationId, first.conversationId));
    expect(complaints).toHaveLength(1);
  });

  test('two copies of a retried message racing each other store it, and act, once', async () => {
    const chat = conversation(app, 'cus_noah');
    await chat.say('hello');
    const send = () =>
      app.request('/v1/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-customer-id': 'cus_noah' },
        body: JSON.stringify({
          message: 'I want to file a complaint about the packaging',
          conversationId: chat.id,
          clientMessageId: 'race-1',
        }),
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [ra, rb] = (await Promise.all([a.json(), b.json()])) as ChatReply[];
    expect(ra?.messageId).toBe(rb?.messageId);
    const stored = await store.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, chat.id as string), eq(messages.clientMessageId, 'race-1')));
    expect(stored).toHaveLength(1);
    expect(
      await store.db
        .select()
        .from(tickets)
        .where(eq(tickets.conversationId, chat.id as string)),
    ).toHaveLength(1);
  });

  test('keeps history to its customer and rejects bad requests with JSON errors', async () => {
    const chat = conversation(app, 'cus_maya');
    const r: ChatReply = await chat.say('hello');
    expect(
      (
        await app.request(`/v1/conversations/${r.conversationId}`, {
          headers: { 'x-customer-id': 'cus_maya' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await app.request(`/v1/conversations/${r.conversationId}`, {
          headers: { 'x-customer-id': 'cus_noah' },
        })
      ).status,
    ).toBe(404);
    expect((await app.request(`/v1/conversations/${r.conversationId}`)).status).toBe(404);
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      app.request('/v1/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post({})).status).toBe(400);
    expect((await post({ message: 'hi', conversationId: 'not-a-uuid' })).status).toBe(400);
    expect(
      (await post({ message: 'hi', conversationId: r.conversationId }, { 'x-customer-id': 'cus_noah' }))
        .status,
    ).toBe(404);
    expect((await post({ message: 'hi' }, { 'x-customer-id': 'bad id!' })).status).toBe(400);
    expect((await post({ message: 'hi' }, { 'x-customer-id': 'cus_nobody' })).status).toBe(403);
    const before = await store.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, r.conversationId));
    expect(before).toHaveLength(2);
  });

  test('carries product context: "is it in stock?" means the product just shown', async () => {
    const chat = conversation(app);
    const first = await chat.say('how much is the Aerobook 14 Air?');
    expect(first.products[0]?.title).toBe('Aerobook 14 Air');
    const stock = await chat.say('is it in stock?');
    expect(stock.products.map((p) => p.title)).toEqual(['Aerobook 14 Air']);
    expect(stock.reply).toMatch(/Aerobook 14 Air is (in stock|out of stock)/);
  });

  test('carries context: "cancel it" means the order just discussed', async () => {
    const chat = conversation(app, 'cus_liam');
    await chat.say('where is my order 100046?');
    const it2 = await chat.say('can you cancel it?');
    expect(it2.reply).toContain('100046');
    expect(it2.reply).toContain('already delivered');
  });
});

describe('catalog import over HTTP', () => {
  it('imports, re-indexes the running service, and rejects bad catalogs without writing', async () => {
    const store = await openTestStore('pglite');
    try {
      const { app } = await buildChatApp(store);
      const post = (body: string, auth = 'Bearer agent-key-1', query = '') =>
        app.request(`/v1/admin/catalog${query}`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', authorization: auth },
        });
      const catalog = {
        products: [
          {
            id: 5001,
            title: 'Zephyr Kite Board',
            category: 'water-sports',
            price: 420,
            stock: 3,
            brand: 'Zephyr',
            description: 'A kite surfing board.',
          },
          {
            id: 5002,
            title: 'Zephyr Wetsuit',
            category: 'water-sports',
            price: 180,
            stock: 0,
            brand: 'Zephyr',
          },
        ],
      };
      expect((await post(JSON.stringify(catalog), 'Bearer nope')).status).toBe(403);
      const before = conversation(app);
      expect((await before.say('do you sell a kite board?')).products).toEqual([]);

      const res = await post(JSON.stringify(catalog));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ total: 2, inserted: 2 });
      const after = conversation(app);
      const kite = await after.say('do you sell a kite board?');
      expect(kite.products[0]?.title).toBe('Zephyr Kite Board');
      const stock = await after.say('is the Zephyr Wetsuit in stock?');
      expect(stock.reply).toContain('out of stock');

      const bad = await post(
        JSON.stringify([{ id: 5003, title: 'Half', category: 'x', price: -1, stock: 1 }]),
      );
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as {
        error: { code: string; details: { index: number; field: string }[] };
      };
      expect(body.error.code).toBe('invalid_catalog');
      expect(body.error.details).toContainEqual(expect.objectContaining({ index: 0, field: 'price' }));
      expect((await post('{nope')).status).toBe(400);
    } finally {
      await store.close();
    }
  });
});

describe('POST /v1/chat/stream', () => {
  it('streams meta, the reply in pieces, and the whole response, stored like any turn', async () => {
    const store = await openTestStore('pglite');
    try {
      const { app } = await buildChatApp(store);
      const res = await app.request('/v1/chat/stream', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-customer-id': 'cus_maya' },
        body: JSON.stringify({ message: 'where is my order 100042?' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const events = (await res.text())
        .trim()
        .split('\n\n')
        .map((block) => ({
          event: block.match(/^event: (.*)$/m)?.[1],
          data: JSON.parse(block.match(/^data: (.*)$/m)?.[1] ?? 'null'),
        }));
      expect(events[0]?.event).toBe('meta');
      expect(events.at(-1)?.event).toBe('done');
      const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text as string);
      expect(deltas.length).toBeGreaterThan(1);
      const done = events.at(-1)?.data as ChatReply;
      expect(deltas.join('')).toBe(done.reply);
      expect(done.reply).toContain('PW100042GB');
      const stored = await store.db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, done.conversationId));
      expect(stored.map((m) => m.role)).toEqual(['customer', 'bot']);
      const bad = await app.request('/v1/chat/stream', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(bad.status).toBe(400);
    } finally {
      await store.close();
    }
  });
});
