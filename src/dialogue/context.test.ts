/**
 * Short replies read as the continuation of the previous turn, over the HTTP API on the demo store: an order
 * number after the invoices, "and how do I delete it?" after account help, a review asked for and then told,
 * a complaint and then its order, another search, a search narrowed by what the person likes.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { conversation, demoChatAppForFile } from '../../test/chat-app.ts';
import { orders, tickets } from '../db/schema.ts';
import { inTopicOf, onlyNamesAnOrder, requestForOrder } from './context.ts';

describe('reading a reply by what came before', () => {
  it('knows a message that only names an order', () => {
    for (const text of [
      'for order 100050 please',
      'the order was 100044',
      'sorry, I meant 100045',
      '#100042',
      '100041',
      "it's order #100041",
      "that's 100-041",
      'the number is #12',
    ])
      expect(onlyNamesAnOrder(text), text).toBe(true);
    for (const text of ['cancel order 100041', 'for order please', 'where is 100042 now, it is late'])
      expect(onlyNamesAnOrder(text), text).toBe(false);
  });

  it('continues the request the conversation was making, and tracks the order after anything else', () => {
    expect(requestForOrder('get_invoice')).toBe('get_invoice');
    expect(requestForOrder('check_cancellation_fee')).toBe('cancel_order');
    expect(requestForOrder('check_refund_policy')).toBe('get_refund');
    expect(requestForOrder('greeting')).toBe('track_order');
    expect(requestForOrder(undefined)).toBe('track_order');
  });

  it('says a follow-up with the topic of the support request before it', () => {
    expect(inTopicOf('and how do I delete it later?', 'create_account')).toBe(
      'and how do I delete my account later?',
    );
    expect(inTopicOf('what about express?', 'delivery_period')).toBe('what about express? (delivery)');
    expect(inTopicOf("it's fine", 'delivery_period')).toBe("it's fine (delivery)");
    expect(inTopicOf('what about express?', 'greeting')).toBeUndefined();
  });
});

const demo = demoChatAppForFile();

describe('conversations that carry their context', () => {
  it('answers "the one for order 100050" after the invoices with that invoice', async () => {
    const chat = conversation(demo.app, 'cus_sofia');
    await chat.say('where can I find my invoices?');
    const one = await chat.say('the one for order 100050 please');
    expect(one.intent.name).toMatch(/invoice/);
    expect(one.reply).toContain('INV-300050');
    expect(one.reply).not.toContain('INV-300049');
  });

  it('reads "and how do I delete it later?" after account help as deleting the account', async () => {
    const chat = conversation(demo.app);
    await chat.say('how do i make an account?');
    const next = await chat.say('and how do I delete it later?');
    expect(next.intent.name).toBe('delete_account');
    expect(next.sources.length).toBeGreaterThan(0);
  });

  it('keeps an unrelated question after a support answer out of scope', async () => {
    const chat = conversation(demo.app);
    await chat.say('how long does shipping take?');
    const next = await chat.say("what's the capital of france?");
    expect(next.intent.name).toBe('out_of_scope');
    expect(next.products).toEqual([]);
  });

  it('asks what to say when asked to take a review, and records the next message as the review', async () => {
    const chat = conversation(demo.app, 'cus_maya');
    const ask = await chat.say("i'd like to leave a review");
    expect(ask.actions).toEqual([]);
    expect(ask.state.pending).toEqual({ type: 'ticket', kind: 'review' });
    const told = await chat.say('the espresso machine is great, 5 stars');
    expect(told.intent.name).toBe('review');
    expect(told.actions[0]).toMatchObject({ type: 'ticket_created', kind: 'review' });
    const [saved] = await demo.store.db
      .select()
      .from(tickets)
      .where(eq(tickets.conversationId, told.conversationId));
    expect(saved).toMatchObject({
      kind: 'review',
      rating: 5,
      body: 'the espresso machine is great, 5 stars',
    });
  });

  it('records a complaint at once, and adds the order named next to it', async () => {
    const chat = conversation(demo.app, 'cus_maya');
    const told = await chat.say('my order came damaged');
    expect(told.intent.name).toBe('complaint');
    expect(told.reply).toContain('tell me its number');
    const named = await chat.say("it's order 100043");
    expect(named.intent.name).toBe('complaint');
    expect(named.reply).toContain('100043');
    const [order] = await demo.store.db.select().from(orders).where(eq(orders.number, '100043'));
    const saved = await demo.store.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.conversationId, told.conversationId), eq(tickets.kind, 'complaint')));
    expect(saved).toHaveLength(1);
    expect(saved[0]?.orderId).toBe(order?.id);
  });

  it("does not add another customer's order to a complaint", async () => {
    const chat = conversation(demo.app, 'cus_maya');
    await chat.say('my parcel came smashed');
    const named = await chat.say('order 100045');
    expect(named.reply).toContain("couldn't find order 100045");
  });

  it('tells an anonymous shopper who wants to return something to sign in, and how returns work', async () => {
    const reply = await conversation(demo.app).say('I want to return the sofa I bought last week');
    expect(reply.intent.name).toBe('get_refund');
    expect(reply.reply).toContain('signed-in customer');
    expect(reply.sources.map((s) => s.kind)).toEqual(['policy']);
  });

  it('searches again for "ok what about sleeping bags?" after a product question', async () => {
    const chat = conversation(demo.app);
    await chat.say('do you sell tents?');
    const next = await chat.say('ok what about sleeping bags?');
    expect(next.intent.name).toBe('product_inquiry');
    expect(next.products).toEqual([]);
  });

  it('asks what would suit when asked for a present with nothing to go on, and searches with the answer', async () => {
    const chat = conversation(demo.app);
    const ask = await chat.say('looking for a present for my sister');
    expect(ask.intent.name).toBe('product_inquiry');
    expect(ask.products).toEqual([]);
    expect(ask.reply).toMatch(/what are they into/i);
    const next = await chat.say("she's really into yoga");
    expect(next.products.map((p) => p.title)).toContain('Peakform Yoga Mat');
  });

  it('narrows a search by what the person likes: "a gift for my dad" then "he likes cooking"', async () => {
    const chat = conversation(demo.app);
    await chat.say('can you help me find a gift for my dad?');
    const next = await chat.say('he likes cooking');
    expect(next.intent.name).toBe('product_inquiry');
    expect(next.products.length).toBeGreaterThan(0);
    expect(next.products.map((p) => p.title).join(' ')).toMatch(/Mixer|Cookware|Fryer|Knife|Pan/);
  });
});
