/**
 * Conversations over the HTTP API on the demo store: follow-ups on the products shown, price limits that are
 * obeyed and stated, confirmations that yield to a new request, and a signed-in "where is my order?".
 */
import { describe, expect, it } from 'vitest';
import { conversation, demoChatAppForFile } from '../../test/chat-app.ts';
import { resolveReference } from './references.ts';

const demo = demoChatAppForFile();

describe('needs described in the words of product texts', () => {
  it('answers with the products whose descriptions meet the need, as a product question', async () => {
    const chat = conversation(demo.app);
    const reply = await chat.say('I want to cut my heating costs');
    expect(reply.intent.name).toBe('product_inquiry');
    expect(reply.products.map((p) => p.title)).toContain('Hearth Smart Thermostat');
  });

  it('still answers an unrelated request as out of scope', async () => {
    const reply = await conversation(demo.app).say('i need to transfer money between my bank accounts');
    expect(reply.intent.name).toBe('out_of_scope');
    expect(reply.products).toEqual([]);
  });
});

describe('follow-ups on the products shown', () => {
  it('answers "how much is the first one?" after a list, about that product, as a product question', async () => {
    const chat = conversation(demo.app);
    const list = await chat.say('do you sell headphones?');
    expect(list.products.length).toBeGreaterThan(1);
    const [first, second] = list.products;
    const price = await chat.say('how much is the first one?');
    expect(price.intent.name).toBe('product_inquiry');
    expect(price.reply).toContain(first?.title);
    expect(price.reply).toContain(first?.finalPrice.toFixed(2));
    const stock = await chat.say('is the second one in stock?');
    expect(stock.reply).toContain(second?.title);
    expect(stock.reply).toMatch(/in stock|out of stock/);
  });

  it('tells how to buy the product meant: "I\'ll take the second one", "add it to my cart"', async () => {
    const chat = conversation(demo.app);
    const list = await chat.say('do you sell headphones?');
    const second = list.products[1];
    const take = await chat.say("I'll take the second one");
    expect(take.intent.name).toBe('place_order');
    expect(take.products.map((p) => p.id)).toEqual([second?.id]);
    expect(take.reply).toContain('Add to cart');
    expect(take.reply).toContain(second?.title);
    const cart = await chat.say('ok add it to my cart');
    expect(cart.intent.name).toBe('place_order');
    expect(cart.products[0]?.id).toBe(second?.id);
    // Sending it back is not buying it.
    expect((await chat.say("I'll take it back to the shop, it's broken")).intent.name).not.toBe(
      'place_order',
    );
  });

  it('picks the cheaper and the last of the products shown', async () => {
    const chat = conversation(demo.app);
    const list = await chat.say('show me headphones');
    const cheapest = [...list.products].sort((a, b) => a.finalPrice - b.finalPrice)[0];
    expect((await chat.say('what about the cheaper one?')).reply).toContain(cheapest?.title);
    expect((await chat.say('and the last one, how much?')).reply).toContain(list.products.at(-1)?.title);
  });

  it('narrows the last search by a colour, however the classifier reads "and in black?"', async () => {
    const chat = conversation(demo.app);
    await chat.say('show me headphones');
    expect((await chat.say('and in black?')).intent.name).toBe('product_inquiry');
    const again = conversation(demo.app);
    await again.say('show me speakers');
    expect((await again.say('does it come in blue?')).intent.name).toBe('product_inquiry');
  });

  it('resolves references against the list, in order', () => {
    const card = (id: number, finalPrice: number) =>
      ({ id, title: `P${id}`, finalPrice, rating: id }) as never;
    const shown = [card(1, 30), card(2, 10), card(3, 20)];
    expect(resolveReference('the second one', shown, undefined)).toBe(shown[1]);
    expect(resolveReference('the last one', shown, undefined)).toBe(shown[2]);
    expect(resolveReference('the cheapest one', shown, undefined)).toBe(shown[1]);
    expect(resolveReference('is it in stock', shown, shown[2])).toBe(shown[2]);
    expect(resolveReference('hello', shown, undefined)).toBeUndefined();
    // Right after one product, a short question needs no "it"; after a list, or a long message, it does.
    const one = card(7, 99);
    expect(resolveReference('how long would delivery take?', [one], one)).toBe(one);
    expect(resolveReference('how long would delivery take?', shown, shown[0])).toBeUndefined();
  });

  it('answers a short question right after one product about that product, unless it names an order', async () => {
    const chat = conversation(demo.app);
    const shown = await chat.say('show me the Nordby sofa');
    expect(shown.products.map((p) => p.title)).toEqual(['Nordby 3-Seat Sofa']);
    const delivery = await chat.say('how long would delivery take?');
    expect(delivery.intent.name).toBe('product_inquiry');
    expect(delivery.reply).toContain('Nordby 3-Seat Sofa');
    expect((await chat.say('how long would delivery take for my order?')).intent.name).toBe(
      'delivery_period',
    );
  });
});

describe('price limits', () => {
  it('obeys a limit and says so when nothing meets it, naming the closest', async () => {
    const within = await conversation(demo.app).say('headphones under $200');
    expect(within.products.length).toBeGreaterThan(0);
    for (const p of within.products) expect(p.finalPrice).toBeLessThanOrEqual(200);
    const none = await conversation(demo.app).say('wireless headphones under $5');
    expect(none.products).toEqual([]);
    expect(none.reply).toMatch(/^Nothing that matches is under \$5\.00\. The closest in price: /);
  });
});

describe('confirmations and orders', () => {
  it('a clear new request leaves a pending confirmation without acting on it', async () => {
    const chat = conversation(demo.app, 'cus_maya');
    const ask = await chat.say('please cancel order 100041');
    expect(ask.state.pending?.type).toBe('confirm');
    const other = await chat.say('do you sell headphones?');
    expect(other.intent.name).toBe('product_inquiry');
    expect(other.products.length).toBeGreaterThan(0);
    expect(other.state.pending).toBeUndefined();
    const noise = await conversation(demo.app, 'cus_maya').say('please cancel order 100041');
    expect(noise.state.pending?.type).toBe('confirm');
  });

  it('shows a signed-in customer their recent orders when they ask where their order is', async () => {
    const answer = await conversation(demo.app, 'cus_maya').say('where is my order?');
    expect(answer.intent.name).toBe('track_order');
    expect(answer.reply).toMatch(/Your most recent orders: order \d+/);
    expect(answer.sources.every((s) => s.kind === 'order')).toBe(true);
    expect(answer.state.pending?.type).toBe('order_number');
  });

  it('reads an order number with a hash and leading zeros as the order', async () => {
    const answer = await conversation(demo.app, 'cus_maya').say('track #0000000000100042');
    expect(answer.reply).toContain('Order 100042');
  });
});
