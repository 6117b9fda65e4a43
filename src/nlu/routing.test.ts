/**
 * Routing that follows the live catalog: a catalog set after the model was trained is understood, everyday
 * messages are not pulled into it, and hostile catalogs break nothing. Catalogs and messages written for this test.
 */
import { describe, expect, it } from 'vitest';
import { sharedNlu } from '../../test/shared-nlu.ts';
import { splitClauses } from './engine.ts';
import { isSupportIntent } from './intents.ts';
import type { LexiconProduct } from './lexicon.ts';

const engine = sharedNlu();
const intent = (text: string) => engine.parse(text).intent.name;
/** Every text read as `name`, each failure naming its text. */
const allRead = (texts: string[], name: string) => {
  for (const text of texts) expect(intent(text), text).toBe(name);
};

const STORE: LexiconProduct[] = [
  { id: 1, title: 'Quokka Trail Thermos', brand: 'Quokka', category: 'kitchen-accessories', tags: ['flask'] },
  { id: 2, title: 'Brindle Hand Towels', brand: 'Brindle', category: 'bathroom', tags: ['towel', 'cotton'] },
  { id: 3, title: 'Marlowe Wool Beanie', brand: 'Marlowe', category: 'hats', tags: ['winter'] },
  { id: 4, title: 'Plate Rack', brand: 'Ostra', category: 'kitchen-accessories', tags: [] },
];

const ORDINARY: [string, (name: string) => boolean][] = [
  ['hello there', (n) => n === 'greeting'],
  ['where is my order 100042', (n) => n === 'track_order'],
  ['I want a refund for order 100043', (n) => n === 'get_refund'],
  ['where can I place an order', (n) => n === 'place_order'],
  ['thanks a lot', (n) => n === 'thanks'],
  ['what is the weather in paris tomorrow', (n) => !isSupportIntent(n) && n !== 'product_inquiry'],
  ['cancel order 100041', (n) => n === 'cancel_order'],
];

describe('routing from the live catalog', () => {
  it('answers product questions about a catalog set after training, by name, plural or one word', () => {
    engine.setCatalog(STORE);
    expect(intent('do you have the quokka thermos?')).toBe('product_inquiry');
    expect(intent('hand towels')).toBe('product_inquiry');
    expect(intent('beanies')).toBe('product_inquiry');
    expect(engine.parse('marlowe beanie').entities.find((e) => e.type === 'product')?.id).toBe(3);
  });

  it('leaves everyday messages alone with a catalog loaded', () => {
    engine.setCatalog(STORE);
    for (const [text, ok] of ORDINARY) expect(ok(intent(text)), `${text} → ${intent(text)}`).toBe(true);
  });

  it('folds everyday words as it folds catalog words: "delivery" does not name the Express Delivery Box', () => {
    engine.setCatalog([{ id: 1, title: 'Express Delivery Box', brand: 'Boxco', category: 'home' }]);
    expect(engine.parse('where is my delivery').entities.filter((e) => e.type === 'product')).toEqual([]);
    expect(engine.parse('do you sell the express delivery box?').entities[0]?.id).toBe(1);
  });

  it('keeps a confident support request about a named product a support request', () => {
    engine.setCatalog(STORE);
    expect(intent('I want to return the quokka thermos from order 100042 and get a refund')).toBe(
      'get_refund',
    );
  });

  it("asks a named product's return policy when the return is of a purchase not yet made", () => {
    engine.setCatalog(STORE);
    expect(intent("if the quokka thermos doesn't fit in my bag can i send it back?")).toBe('product_inquiry');
    expect(intent("I bought the quokka thermos and it doesn't fit in my bag, can I send it back?")).toBe(
      'get_refund',
    );
  });

  it('reads starting a return, a parcel sent elsewhere and "do you do…" for what they ask', () => {
    engine.setCatalog(STORE);
    expect(intent('I want to return something')).toBe('get_refund');
    expect(intent("I'd like to change where order 100051 is going")).toBe('change_shipping_address');
    expect(intent('can you send it to a different address')).toBe('change_shipping_address');
    expect(intent('do you do hand towels?')).toBe('product_inquiry');
  });

  it('reads a password reset, placing an order and a charge an invoice shows for what they ask, not the story', () => {
    engine.setCatalog(STORE);
    expect(
      intent("i tried to reset my password 3 times and every time the link says it's expired. so annoying"),
    ).toBe('recover_password');
    expect(
      intent(
        "I'd like the same hand towels as last time but can't find them. Can you help me place the order?",
      ),
    ).toBe('place_order');
    expect(
      intent('My invoice shows a delivery charge of 4.99 but I thought delivery was free. Can you check it?'),
    ).toBe('check_invoice');
    // "on the phone" is a way of talking, not a phone to buy.
    expect(
      intent('Is there a way to talk to someone on the phone? I do not think the chat can help.'),
    ).not.toBe('product_inquiry');
  });

  it('reads a score given to the shop as a review and a question about a line on an invoice as about the invoice', () => {
    engine.setCatalog(STORE);
    expect(intent('the quokka thermos was great, five stars')).toBe('review');
    expect(
      intent('Thank you, it arrived a day early and it is perfect. Will be recommending you. 10/10.'),
    ).toBe('review');
    // A question about a rating is a product question.
    expect(intent('is the quokka thermos rated 5 stars?')).toBe('product_inquiry');
    expect(
      intent("Could someone explain what the 'adjustment' line on my invoice means? It's added 6 pounds."),
    ).toBe('check_invoice');
  });

  it("does not name a product by a model line's word: a fantasy book series is not the Watch Series 4", () => {
    engine.setCatalog([{ id: 1, title: 'Orchard Watch Series 4', brand: 'Orchard', category: 'watches' }]);
    const named = (text: string) => engine.parse(text).entities.filter((e) => e.type === 'product');
    expect(named('can you recommend a good fantasy book series for my nephew?')).toEqual([]);
    expect(named('do you have the orchard watch series 4?')[0]?.id).toBe(1);
  });

  it('reads the request inside a long story', () => {
    const text =
      'So last week my neighbour borrowed my ladder and never gave it back, long story, anyway. ' +
      'The actual reason I am writing: I need to change the shipping address on order 100045 because I moved.';
    expect(intent(text)).toBe('change_shipping_address');
  });

  it('lets the request of a long message outvote a side remark, and keeps a long unrelated story unrelated', () => {
    engine.setCatalog(STORE);
    expect(
      intent(
        'Please shut down my account for good. After the way my last complaint was dealt with I have had ' +
          'enough of this place and I do not want to be a customer anymore.',
      ),
    ).toBe('delete_account');
    // The clause that asks counts for more than the story around it.
    expect(
      intent(
        'We are emigrating next month and the sofa I ordered from you on Friday would be delivered after we ' +
          'have gone. No dispatch email so far. Is it still possible to call the order off?',
      ),
    ).toBe('cancel_order');
    expect(
      isSupportIntent(
        intent(
          'My sister is getting married in June and I have been asked to give a speech. We grew up on a farm ' +
            'and I want to tell the story of the goat that ate her homework. Can you help me write it?',
        ),
      ),
    ).toBe(false);
  });

  it('keeps a request about another business out of support intents, unless it speaks of this shop', () => {
    engine.setCatalog(STORE);
    expect(
      isSupportIntent(
        intent(
          'My landlord still has not returned my deposit and it has been two months since I moved out. ' +
            'Can I get a refund through the small claims court?',
        ),
      ),
    ).toBe(false);
    expect(intent('the tax office says my refund is processing, how long does that take')).toBe(
      'out_of_scope',
    );
    // A bank's card, a trip: not ours, though the words are ("declined", "how long will it take").
    expect(intent('my card got declined at the supermarket yesterday, why?')).toBe('out_of_scope');
    expect(isSupportIntent(intent('how long will it take me to drive to the coast by car'))).toBe(false);
    // The post office as the way this shop delivers: ours.
    expect(
      isSupportIntent(intent('do you have other ways of shipping, like to a post office or a pickup point?')),
    ).toBe(true);
  });

  it('does not answer a long story that only asks for advice with the products it names or needs it tells', () => {
    engine.setCatalog([
      { id: 51, title: 'Frying Pan', brand: null, category: 'kitchen-accessories', tags: ['cookware'] },
      { id: 52, title: 'Party Glasses', brand: null, category: 'sunglasses', tags: ['party'] },
      ...STORE,
    ]);
    for (const text of [
      'Our church is doing a bake sale and I promised lemon bars for 50 people. How do I scale up a recipe that makes a 9x13 pan without it going wrong?',
      'I ordered a custom cake from a bakery for my mums 60th party and they spelled her name wrong. Is it rude to ask them to redo it for free?',
    ]) {
      const parsed = engine.parse(text);
      expect(parsed.intent.name).toBe('out_of_scope');
      expect(parsed.entities.some((e) => e.type === 'need')).toBe(false);
    }
    // Asking the shop for a thing is still shopping.
    expect(
      intent('I make pancakes for the kids every single Sunday morning. Do you sell a frying pan?'),
    ).toBe('product_inquiry');
  });

  it('reads a long message that asks where its parcel is as tracking, whatever story comes first', () => {
    engine.setCatalog(STORE);
    expect(
      intent(
        'hiii so excited for my new towels, the email said my order was dispatched like 4 days ago. ' +
          'just wondering where they are at, are they stuck somewhere??',
      ),
    ).toBe('track_order');
  });

  it('reads a delivery that came broken as a complaint, not as asking where it is; a refund asked for stays one', () => {
    engine.setCatalog(STORE);
    allRead(
      ['my order came damaged', 'my order arrived damaged', 'it was broken when it arrived'],
      'complaint',
    );
    expect(intent('when will my order arrive')).toBe('delivery_period');
    expect(intent('I want a refund for order 100043, it arrived broken')).toBe('get_refund');
    allRead(['the item I got is not what I ordered', 'you sent me the wrong size'], 'complaint');
  });

  it('lets a need told in words of no shop matter outweigh a support intent the classifier is sure of', () => {
    engine.setCatalog([
      { id: 71, title: 'Lash Princess Mascara', brand: 'Essence', category: 'beauty', tags: ['mascara'] },
      { id: 72, title: 'Nescafe Coffee', brand: 'Nescafe', category: 'groceries', tags: ['coffee'] },
      ...STORE,
    ]);
    expect(intent('my lashes look invisible in photos, what can help?')).toBe('product_inquiry');
    // An unknown word that tells a need is not a thing we lack ("a printer" is).
    const caffeine = engine.parse('need a caffeine fix at home, quick to make');
    expect(caffeine.intent.name).toBe('product_inquiry');
    expect(String(caffeine.entities.find((e) => e.type === 'need')?.value)).toContain('coffee');
    expect(intent('where is my invoice for the mascara')).toMatch(/invoice/);
    engine.setCatalog([
      { id: 73, title: 'Red Nail Polish', brand: 'Glam', category: 'beauty', tags: ['nail polish'] },
      ...STORE,
    ]);
    expect(intent('my nails look dull for the office party')).toBe('product_inquiry');
  });

  it("reads a thing of the shopper's own, told of with nothing to buy, as not a product question", () => {
    engine.setCatalog([
      { id: 91, title: 'Kestrel Fold 2', brand: 'Kestrel', category: 'smartphones', tags: ['phone'] },
      { id: 92, title: 'Harbor Minivan', brand: 'Harbor', category: 'vehicle', tags: ['car'] },
      ...STORE,
    ]);
    allRead(
      ['i lost my phone', 'how many miles per gallon do i get in my car', 'please link up to my phone'],
      'out_of_scope',
    );
    // Shopping for one, or a need it tells, is still a product question.
    expect(intent('my phone is dying, I need a new one')).toBe('product_inquiry');
    expect(intent('how much is the minivan?')).toBe('product_inquiry');
  });

  it('meets no need in the passing words of a long question that is not ours', () => {
    engine.setCatalog([
      { id: 81, title: 'Ergo Office Chair', brand: 'Sitwell', category: 'furniture', tags: ['office chair'] },
      ...STORE,
    ]);
    const lisbon = engine.parse(
      "Quick one: what time zone is Lisbon in compared to London? I've got a video call with a supplier there at 3pm their time and I don't want to miss it.",
    );
    expect(lisbon.intent.name).toBe('out_of_scope');
    expect(lisbon.entities.filter((e) => e.type === 'need')).toEqual([]);
    // The same need told as one ("I'm on video calls all day and my back hurts, what would help?") is met.
    expect(intent("I'm on video calls all day from home and my back is killing me, what would help?")).toBe(
      'product_inquiry',
    );
  });

  it("reads a present for someone as shopping, and the shop's phone number as contact, not as phones", () => {
    engine.setCatalog([
      ...STORE,
      { id: 5, title: 'Orbit 5G Phone', brand: 'Orbit', category: 'smartphones', tags: ['phone'] },
    ]);
    allRead(
      [
        'looking for a present for my sister',
        'what should I get my dad for his birthday',
        "my sister's birthday present",
      ],
      'product_inquiry',
    );
    expect(intent('what should I write in a birthday card for my mum')).toBe('out_of_scope');
    expect(intent("what's your phone number?")).toBe('contact_customer_service');
    expect(intent('do you sell phones')).toBe('product_inquiry');
  });

  it('does not take a category word told in passing inside a long unrelated story for a product question', () => {
    engine.setCatalog([
      { id: 41, title: 'Canvas Tote Bag', brand: 'Tote Co', category: 'womens-bags', tags: ['bag'] },
      ...STORE,
    ]);
    expect(
      intent(
        'My wife is 38 weeks pregnant and the hospital wants to schedule the birth next week. Is it normal ' +
          'to feel this nervous, and what should I pack in the hospital bag for both of us?',
      ),
    ).not.toBe('product_inquiry');
    expect(intent('a bag for my gym things')).toBe('product_inquiry');
  });

  it('keeps a long story that speaks of nothing a shop handles out of support, and reads a sum to spend as shopping', () => {
    engine.setCatalog([
      { id: 51, title: 'Orbit Note 12 Smartphone', brand: 'Orbit', category: 'smartphones', tags: ['phone'] },
      ...STORE,
    ]);
    const mice =
      "We've got a family of mice in the loft, I can hear them scratching every night above the bedroom. " +
      "I'd rather not use poison because of the cat. What actually works to get them out for good?";
    expect(isSupportIntent(intent(mice))).toBe(false);
    expect(intent("I'd spend 400 to 1000 on a new phone, what are my options")).toBe('product_inquiry');
  });

  it('reads a price range beside a category word as shopping, in a long message too', () => {
    engine.setCatalog([
      { id: 52, title: 'Stride Court Sneakers', brand: 'Stride', category: 'mens-shoes', tags: ['sneakers'] },
      ...STORE,
    ]);
    expect(intent("men's trainers somewhere between 90 and 120, what are my options")).toBe(
      'product_inquiry',
    );
  });

  it("counts a basket as the shop's word in a long message", () => {
    engine.setCatalog(STORE);
    expect(
      intent(
        'I never had a credit card, I only use my debit card and sometimes a bank transfer. Before I fill ' +
          'my basket, what ways of paying do you actually accept?',
      ),
    ).toBe('check_payment_methods');
  });

  it('reads one-word fragments with the clause after them', () => {
    expect(splitClauses('Where. Is. My. Order. It has been two weeks now.')).toEqual([
      'Where. Is. My. Order.',
      'It has been two weeks now.',
    ]);
  });

  it('survives hostile catalogs: one-letter, emoji, 500-character and duplicate titles, a product named Hello', () => {
    const hostile: LexiconProduct[] = [
      { id: 1, title: 'A', brand: null, category: 'x' },
      { id: 2, title: 'I', brand: 'I', category: 'x' },
      { id: 3, title: '🔥🔥🔥', brand: '🔥', category: 'emoji' },
      { id: 4, title: 'Order '.repeat(80).trim(), brand: null, category: 'long' },
      { id: 5, title: 'Hello', brand: 'Hello', category: 'signs' },
      { id: 6, title: 'Refund', brand: null, category: 'signs' },
      { id: 7, title: 'Duplicate Lamp', brand: 'Dup', category: 'lamps' },
      { id: 8, title: 'Duplicate Lamp', brand: 'Dup', category: 'lamps' },
      { id: 9, title: 'x'.repeat(500), brand: null, category: 'long' },
    ];
    engine.setCatalog(hostile);
    for (const [text, ok] of ORDINARY) expect(ok(intent(text)), `${text} → ${intent(text)}`).toBe(true);
    expect(
      engine.parse('is the duplicate lamp in stock?').entities.filter((e) => e.type === 'product'),
    ).toHaveLength(2);
  });
});

describe('needs described instead of products', () => {
  const WET: LexiconProduct[] = [
    { id: 21, title: 'Puddle Folding Umbrella', brand: 'Puddle', category: 'accessories', tags: [] },
    { id: 22, title: 'Fellside Rain Jacket', brand: 'Fellside', category: 'outerwear', tags: ['waterproof'] },
    ...STORE,
  ];

  it('searches for the kinds the catalog sells when a message would otherwise be out of scope', () => {
    engine.setCatalog(WET);
    const parsed = engine.parse('something to keep me dry on my walk to work, it never stops raining here');
    expect(parsed.intent.name).toBe('product_inquiry');
    const need = parsed.entities.find((e) => e.type === 'need');
    expect(String(need?.value).split('|')).toEqual(expect.arrayContaining(['rain jacket', 'umbrella']));
  });

  it('reads the top of a ranking in a named category as a listing, not a need', () => {
    engine.setCatalog([
      { id: 41, title: 'Peakform Adjustable Dumbbells', brand: 'Peakform', category: 'fitness', tags: [] },
      { id: 42, title: 'Peakform Yoga Mat', brand: 'Peakform', category: 'fitness', tags: [] },
    ]);
    const needOf = (text: string) => engine.parse(text).entities.find((e) => e.type === 'need');
    expect(needOf('I want some fitness equipment to get fit at home')?.value).toBe('dumbbells|yoga mat');
    const ranked = engine.parse("I want the most expensive fitness equipment you have, money's no object");
    expect(ranked.intent.name).toBe('product_inquiry');
    expect(ranked.entities.map((e) => e.type)).toEqual(['category']);
  });

  it('reads a problem a purchase solves as a need, and lists first the kinds the message names', () => {
    engine.setCatalog([
      { id: 31, title: 'Willow Cricket Bat', brand: 'Willow', category: 'sports-accessories', tags: [] },
      { id: 32, title: 'Leather Football', brand: 'Kickoff', category: 'sports-accessories', tags: [] },
      { id: 33, title: 'Carbon Steel Wok', brand: 'Ember', category: 'kitchen-accessories', tags: [] },
      ...STORE,
    ]);
    const kinds = (text: string) =>
      String(engine.parse(text).entities.find((e) => e.type === 'need')?.value ?? '').split('|');
    expect(kinds("I've just joined a cricket club and own literally nothing")[0]).toBe('cricket bat');
    expect(kinds('making a stir fry tonight and my old pan is rubbish')).toContain('wok');
    // A one-word cue in a question is conversation; a phrase cue says the need without a frame.
    expect(intent('how long does rice take to cook?')).not.toBe('product_inquiry');
    expect(kinds('making a stir fry tonight')).toContain('wok');
  });

  it("names a product by one rare word that the generator's typos made of an everyday word ('work' → 'wok')", () => {
    engine.setCatalog([
      { id: 33, title: 'Carbon Steel Wok', brand: 'Ember', category: 'kitchen-accessories', tags: [] },
      ...STORE,
    ]);
    const named = (text: string) => engine.parse(text).entities.find((e) => e.type === 'product')?.value;
    expect(named('do you sell a wok')).toBe('Carbon Steel Wok');
    expect(named('i need a new wok')).toBe('Carbon Steel Wok');
  });

  it('meets a need told beside a category word in passing, and reads asking for a thing for a purpose as shopping', () => {
    engine.setCatalog([
      { id: 61, title: 'Brass Table Lamp', brand: 'Lumo', category: 'home-decoration', tags: ['lamp'] },
      { id: 62, title: 'Oak Writing Desk', brand: 'Nordby', category: 'furniture', tags: ['desk'] },
      { id: 63, title: 'Salmon Cat Food', brand: 'Purrfect', category: 'groceries', tags: ['cat'] },
      ...STORE,
    ]);
    const lamp = engine.parse('my desk is too dark in the evenings, I need more light for reading');
    expect(lamp.intent.name).toBe('product_inquiry');
    expect(lamp.entities.map((e) => e.type)).toEqual(['need']);
    expect(String(lamp.entities[0]?.value)).toContain('lamp');
    expect(intent('my cat is meowing at her empty bowl, what have you got for her')).toBe('product_inquiry');
    expect(intent('my hands are always dirty after gardening, I need something to wash them with')).toBe(
      'product_inquiry',
    );
  });

  it('marks a need no list knows for the catalog texts to meet, but not a thing asked for by name', () => {
    engine.setCatalog([
      ...WET,
      {
        id: 23,
        title: 'Beech Chopping Board',
        brand: 'Beech',
        category: 'kitchen-accessories',
        description: 'A firm surface for cutting and chopping vegetables.',
      },
    ]);
    const described = (text: string) => engine.parse(text).entities.find((e) => e.type === 'need');
    expect(described('I need a proper surface for cutting veg')).toMatchObject({ value: '' });
    expect(described('I need a printer for my home office')).toBeUndefined();
  });

  it('takes the kinds of two stated needs in turn', () => {
    engine.setCatalog([
      { id: 51, title: 'Puddle Folding Umbrella', brand: 'Puddle', category: 'accessories', tags: [] },
      { id: 52, title: 'Fellside Rain Jacket', brand: 'Fellside', category: 'outerwear', tags: [] },
      { id: 53, title: 'Ember Oil Heater', brand: 'Ember', category: 'home', tags: [] },
      { id: 54, title: 'Woolly Blanket', brand: 'Woolly', category: 'home', tags: [] },
      ...STORE,
    ]);
    const kinds = String(
      engine.parse('something for the drizzle, and it is so chilly').entities.find((e) => e.type === 'need')
        ?.value ?? '',
    ).split('|');
    // One kind of each need, then the next of each: not both of the first need's before the second's.
    expect(kinds.slice(0, 4)).toEqual(['rain jacket', 'heater', 'umbrella', 'blanket']);
  });

  it('reads a need in a product question that does not say "something", but not in one asking if a thing is sold', () => {
    engine.setCatalog(WET);
    const kinds = (text: string) =>
      String(engine.parse(text).entities.find((e) => e.type === 'need')?.value ?? '');
    expect(kinds('what would keep me dry on the walk to work')).toContain('umbrella');
    expect(kinds('do you sell things to keep me dry on the walk to work')).toBe('');
  });

  it('leaves the message alone when the catalog sells none of the kinds, or no need is framed', () => {
    engine.setCatalog(STORE);
    // No kinds to search for: at most a need described, for the product texts to meet.
    expect(
      engine
        .parse('something to keep me dry on my walk to work')
        .entities.some((e) => e.type === 'need' && e.value),
    ).toBe(false);
    engine.setCatalog(WET);
    expect(intent('will it rain in london tomorrow?')).not.toBe('product_inquiry');
  });

  it('keeps what a general assistant is asked out of a catalog that sells cars, unless a need it sells for answers', () => {
    const garage: LexiconProduct[] = [
      {
        id: 1,
        title: 'Larkspur Estate 2.0',
        brand: 'Larkspur',
        category: 'vehicle',
        tags: ['car', 'estate'],
      },
      { id: 2, title: 'Larkspur City Hatch', brand: 'Larkspur', category: 'vehicle', tags: ['car'] },
    ];
    engine.setCatalog(garage);
    allRead(
      ['which grade of petrol does this car take', 'when is my car due its next service', 'how old are you'],
      'out_of_scope',
    );
    expect(intent('my car battery died this morning')).toBe('out_of_scope');
    // A support request that speaks of an order or a refund stays one, whatever family its words are from.
    expect(intent('the recipes in the book I ordered are missing pages, I want a refund')).toBe('get_refund');
    expect(intent('is the Larkspur Estate 2.0 good on fuel?')).toBe('product_inquiry');
    expect(intent('do you have an estate car under 20000')).toBe('product_inquiry');
    engine.setCatalog([
      ...garage,
      {
        id: 3,
        title: 'Sparkwell Jump Starter',
        brand: 'Sparkwell',
        category: 'automotive',
        tags: ['jump starter'],
      },
    ]);
    expect(intent('my car battery died this morning')).toBe('product_inquiry');
  });
});
