import { describe, expect, it } from 'vitest';
import { speaksOfAnotherBusiness, tellsOfATrip } from './whose-business.ts';

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
  ])('this shop: %s', (text) => {
    expect(speaksOfAnotherBusiness(text)).toBe(false);
  });

  it('tells a trip the shopper makes from a parcel on its way', () => {
    expect(tellsOfATrip('how long will it take me to drive to Leeds')).toBe(true);
    expect(tellsOfATrip('if I catch the train now, when would I arrive')).toBe(true);
    expect(tellsOfATrip('how long will it take for my parcel to get to Leeds')).toBe(false);
    expect(tellsOfATrip('how long does delivery take by bike courier')).toBe(false);
  });
});
