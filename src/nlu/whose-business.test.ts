import { describe, expect, it } from 'vitest';
import { NEED_FRAME } from './needs.ts';
import {
  asksAfterOwnedThing,
  asksAnErrand,
  asksOnlyForAdvice,
  asksOurContactDetails,
  asksWhereItIs,
  STORE_WORDS,
  speaksOfAnotherBusiness,
  speaksOfShopMatters,
  tellsOfATrip,
  toldThingNotCome,
} from './whose-business.ts';

describe('whose business a request is', () => {
  it.each([
    'my card got declined at the petrol station this morning, why',
    'I was at the garden centre trying to buy compost and they refused my card',
    'please order me a new chequebook',
    'how do I move money into my savings account',
    'what is the total of my electricity bill this quarter',
    'set an alarm for half six',
    'can I get a table for 4 at the Italian place tonight',
    'has my mortgage application gone through',
    'can you talk with a male voice',
    'a parcel for my neighbour got left here by a different courier, what do I do with it',
    'my pension payment never arrived, who do I call',
    'the bike shop I bought my e-bike from went bust and the battery died',
    'how do I cancel my streaming subscription on the tv app',
    'who pays customs clearance when we ship a 40ft container from Vietnam',
    'is there any way to get that money back from the game company?',
    'I subscribed to a meal kit service for a trial and forgot to cancel',
    'I sold my old sofa and now the buyer wants half back',
    "I'm writing a short story where the main character packs orders in a warehouse",
    'my university still has not returned my deposit',
    'the school charged me twice for the trip',
    'I keep getting texts saying a parcel is waiting and I need to pay a redelivery fee through a link. Is this a scam?',
    'The online course I paid for has been down for weeks. Can I open a dispute with PayPal?',
    'can you check my Amazon order for me?',
    "what's the rule about tipping delivery drivers in the US?",
    'I got a message from my bank saying my account is locked after three wrong password attempts',
    "I'm trying to cancel a magazine I never signed up for, they take 4.99 every month",
    'I ordered a pizza from the place down the road an hour ago and it still has not come',
    'I bought a washing machine from a local appliance shop and it leaks, the shop has closed down',
    'I ordered a taxi through an app and the driver charged me double. How do I get a refund from them?',
    "The gym I joined in January won't let me cancel my membership unless I come in person",
    'My car failed its MOT and the garage wants 300 pounds for brake pads, is that fair?',
    'I bought a washing machine from a local appliance shop and it leaks. The shop has closed down.',
    'does the insurance I have through my mobile network cover a cracked screen',
    'the trainers I bought at a market stall fell apart, can I get my money back from a street trader?',
  ])('another business: %s', (text) => {
    expect(speaksOfAnotherBusiness(text)).toBe(true);
  });

  it.each([
    'my card was declined at checkout, can you help',
    'can I pay with a debit card?',
    'I forgot the PIN of my account here',
    'my card was declined at your checkout twice',
    'do you sell a kitchen timer',
    'I need a new phone case',
    'my son joined the school cricket team and has nothing to protect his head',
    'the courier left my parcel from your shop at the wrong house',
    'how do I cancel my subscription to your newsletter',
    'what do I have to do to subscribe to the company newsletter?',
    'my bank app shows I was charged twice for the same order',
    "I left the company and I'm missing all your order emails",
    "my partner bought some at a local shop, so we don't need yours anymore, can you stop it?",
    'the delivery service left my parcel in the rain',
    "I'm starting university and need a machine for writing essays",
    // The employer is why; the receipt is asked of us.
    "My employer needs a proper receipt with VAT on it. Could you send me one for last month's order?",
    // The shopper's own restaurant buys from us.
    'I ordered 3 bottles of the olive oil but I need 6 for my restaurant, can you add more to the order?',
    'I ordered some food from the shop last week and the jar was open',
    'I need storage for the garage, it is full of tools',
    // The school is why; the question is for our support team.
    "What's the best number to reach your customer support team? I have a question about a big order for my school.",
    // Another shop closed or out of it is why the shopper turns to us; one that closed down is another's matter.
    'what can i feed my kitty, shes run out and the corner shop is shut',
    'the pet shop has none left, do you have cat litter',
  ])('this shop: %s', (text) => {
    expect(speaksOfAnotherBusiness(text)).toBe(false);
  });

  it.each([
    'How long should I boil eggs to get them jammy? Every time they come out runny or chalky.',
    'My cat keeps throwing up after her dinner and she is 14. Should I be worried?',
    'The bakery spelled her name wrong on the party cake. Is it rude to ask them to redo it for free?',
    "what's the best way to revise for a maths exam when you've only got two weeks left",
    'My laptop is running really slowly since the update. Is there anything I can do to speed it up?',
    "What's a good name for a golden retriever puppy? The kids want something silly.",
  ])('asks only for advice: %s', (text) => {
    expect(asksOnlyForAdvice(text)).toBe(true);
  });

  it.each([
    'My cat keeps throwing up after her dinner. Should I buy a different food for her?',
    'My dog finished his food this morning. What can I get him for dinner?',
    'The kitchen is dark in the evening. Do you have a lamp for the counter? Should I get two?',
    'I love eggs for breakfast and want a pan that does them well.',
    'All my little jars of spices are cluttering the counter. How do I organise them?',
  ])('asks the shop for a thing: %s', (text) => {
    expect(asksOnlyForAdvice(text)).toBe(false);
  });

  it.each([
    ['My best friend forgot my birthday. Should I say something or just let it go?', true],
    // "the best way to" asks for a thing as often as for advice ("the best way to keep my coffee hot?").
    ['What is the best way to keep my coffee hot all morning at my desk?', false],
    ['I been waiting 4 month for the office to answer. It is normal so long?', true],
    ['My phone dies by noon every day. Should I get a power bank?', false],
    ['Is it worth it, or should I buy the cheaper one?', false],
    ['My son loves the tablet he got from his grandma last Christmas. Is it still sold?', false],
    ['I keep my phone in my pocket on long runs. Is it waterproof?', false],
    ['I want to make stir fry at home like the noodle place, what do I need to cook it in', false],
    ['My back is killing me after every shift, what should I do?', false],
  ])('advice or a thing: %s', (text, advice) => {
    expect(asksOnlyForAdvice(text, (q) => /\bis killing me\b|\bsomething\b|\bfor my\b/i.test(q))).toBe(
      advice,
    );
  });

  it("finds a request for our contact details in a long message's question, not in a story about our email", () => {
    expect(
      asksOurContactDetails(
        "Whats the best email or phone number to reach your customer support team? It's about a big order.",
        true,
      ),
    ).toBe(true);
    expect(
      asksOurContactDetails(
        'I got your email saying the parcel was dispatched on Monday but nothing has moved since. Where is it?',
        true,
      ),
    ).toBe(false);
  });

  it('does not take "do I need to…" for a need frame in a question asking advice', () => {
    const framed = (q: string) => NEED_FRAME.test(q);
    const text = "I'm repainting my kitchen cabinets. Do I need to sand them first or can I just paint over?";
    expect(asksOnlyForAdvice(text, framed)).toBe(true);
    expect(
      asksOnlyForAdvice('My phone dies by noon. Should I get something to charge it on the go?', framed),
    ).toBe(false);
  });

  it('tells an errand for a general assistant from a shop request', () => {
    expect(asksAnErrand('write me an essay on the causes of world war one')).toBe(true);
    expect(asksAnErrand('can you write a poem about my cat')).toBe(true);
    expect(asksAnErrand("can you help me write a short speech for my best friend's wedding?")).toBe(true);
    expect(asksAnErrand('write a review of the blender I bought')).toBe(false);
    expect(asksAnErrand('do you sell notebooks I can write in?')).toBe(false);
    expect(asksAnErrand('can you recommend a good podcast about history for long drives?')).toBe(true);
  });

  it('tells a question about where the parcel is from one about a refund', () => {
    expect(
      asksWhereItIs('I nearly asked for my money back. Can you check where the parcel actually is?'),
    ).toBe(false);
    expect(asksWhereItIs('I was annoyed, but fine. Can you check where the parcel actually is?')).toBe(true);
    expect(asksWhereItIs('the email said dispatched 4 days ago, just wondering where they are at?')).toBe(
      true,
    );
    expect(asksWhereItIs('where is the refund for my returned parcel?')).toBe(false);
    expect(
      asksWhereItIs("Two weeks and I still haven't had a dispatch email. Is it even being processed?"),
    ).toBe(true);
    expect(asksWhereItIs('I got a confirmation but no tracking number yet. When will it be sent out?')).toBe(
      true,
    );
  });

  it('tells a trip the shopper makes from a parcel on its way', () => {
    expect(tellsOfATrip('how long will it take me to drive to Leeds')).toBe(true);
    expect(tellsOfATrip('if I catch the train now, when would I arrive')).toBe(true);
    expect(tellsOfATrip('how long will it take for my parcel to get to Leeds')).toBe(false);
    expect(tellsOfATrip('how long does delivery take by bike courier')).toBe(false);
  });
});

describe("a shop's own words", () => {
  it.each([
    'Every time I try to register it says the address is taken',
    'I need a copy of the bill for everything I bought in October',
    'where can I leave a rating for it?',
    'the email said dispatched four days ago',
    'I tried three times and each time the payment failed',
    'can I get the delivery charge back?',
    'the desk I bought is missing half the screws',
    'the bowl is cracked, I would like my money back',
    'the payment keeps getting declined at the last step',
  ])('store words: %s', (text) => {
    expect(STORE_WORDS.test(text)).toBe(true);
  });

  it.each(['I want to register to vote', 'how do I register my car after moving'])(
    'not store words: %s',
    (text) => {
      expect(STORE_WORDS.test(text)).toBe(false);
    },
  );
});

describe('whether a long message speaks of what a shop handles', () => {
  it.each([
    "We've got mice in the loft. I'd rather not use poison because of the cat. What actually works to get them out for good?",
    'My daughter has her driving test next week and keeps stalling on hill starts, any tips for practice?',
  ])('nothing of a shop: %s', (text) => {
    expect(speaksOfShopMatters(text)).toBe(false);
  });

  it.each([
    "I've explained my problem four times and the answers don't make sense. Please transfer me to an actual person.",
    'I never use the user, can you help me to remove it?',
    'I got married and my surname on my profile is out of date, how do I update it?',
    'i dont know what i have to do to buy an article',
    'How many days do I have to send things back, and do they need the tags still on?',
  ])('a shop matter: %s', (text) => {
    expect(speaksOfShopMatters(text)).toBe(true);
  });

  it("reads a thing of the shopper's that has not come as asked after, not money or a lost thing", () => {
    const at = (text: string, thing: string) => {
      const start = text.indexOf(thing);
      return asksAfterOwnedThing(text, start, start + thing.length);
    };
    expect(at('where is my laptop?', 'laptop')).toBe(true);
    expect(at('still waiting for my new sofa', 'sofa')).toBe(true);
    expect(at('when will my kettle arrive?', 'kettle')).toBe(true);
    expect(at("my air fryer still hasn't arrived", 'air fryer')).toBe(true);
    expect(at('when will my laptop be charged?', 'laptop')).toBe(false);
    expect(at('I lost my phone, where is it', 'phone')).toBe(false);
    expect(at('where is my phone case', 'phone')).toBe(false);
    expect(toldThingNotCome("my new rug still hasn't arrived")).toBe(true);
    expect(toldThingNotCome("my refund still hasn't arrived")).toBe(false);
    expect(toldThingNotCome('my order has not arrived')).toBe(false);
  });
});
