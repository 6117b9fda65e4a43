/**
 * The catalog lexicon on catalogs written for this test: how products, brands and categories are found, and
 * the everyday words it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from './entities.ts';
import { CatalogLexicon, type LexiconProduct } from './lexicon.ts';

const CATALOG: LexiconProduct[] = [
  { id: 1, title: 'Brava Hand Blender', brand: 'Brava', category: 'kitchen-accessories', tags: ['kitchen'] },
  { id: 2, title: 'Plate Set Stoneware', brand: 'Ostra', category: 'kitchen-accessories', tags: ['dining'] },
  { id: 3, title: 'Apple', brand: null, category: 'groceries', tags: ['fruit'] },
  { id: 4, title: 'Apple AirPods', brand: 'Apple', category: 'mobile-accessories', tags: ['earbuds'] },
  { id: 5, title: 'Hello', brand: 'Greet Co', category: 'home-decoration', tags: ['sign'] },
  { id: 6, title: 'Zephyr Runner Sneakers', brand: 'Zephyr', category: 'mens-shoes', tags: ['running'] },
  { id: 7, title: 'Lumo Desk Lamp', brand: 'Lumo', category: 'home-decoration', tags: ['lighting'] },
  { id: 8, title: 'Kestrel Fold 2', brand: 'Kestrel', category: 'smartphones', tags: ['phone'] },
  { id: 9, title: 'Puzzlebox Board Game', brand: 'Puzzlebox', category: 'toys', tags: ['family'] },
];
/** The everyday words the NLU derives from its own training phrases, in small. */
const everyday = new Set(
  'place an order apply coupon hello where can i how hi do you have any is good price stock please sell anything something'.split(
    ' ',
  ),
);
const lexicon = CatalogLexicon.build(CATALOG, { commonWords: everyday });
const found = (text: string, type = 'product', from: CatalogLexicon = lexicon) =>
  extractEntities(text, from)
    .filter((e) => e.type === type)
    .map((e) => e.value);

/** A made-up model name per index: "Kobad", "Kobae", … */
const name = (i: number) =>
  `Ko${[...i.toString(26).padStart(3, '0')].map((d) => String.fromCharCode(97 + Number.parseInt(d, 26))).join('')}`;

describe('catalog lexicon', () => {
  it('finds a product by one distinctive title word, by a plural, or by its words in another order', () => {
    expect(found('do you have airpods?')).toEqual(['Apple AirPods']);
    expect(found('any blenders in stock')).toEqual(['Brava Hand Blender']);
    expect(found('is the lamp from lumo any good')).toEqual(['Lumo Desk Lamp']);
    expect(found('kestrel fold 2 price')).toEqual(['Kestrel Fold 2']);
  });

  it('never corrects an everyday word into a catalog word', () => {
    expect(found('where can I place an order')).toEqual([]);
    expect(found('how can i apply a coupon')).toEqual([]);
  });

  it('counts a one-word title only when the shopper is shopping', () => {
    expect(found('hello')).toEqual([]);
    expect(found('do you sell the hello sign?')).toEqual(['Hello']);
    expect(found('anything from apple?')).toEqual([]);
    expect(found('anything from apple?', 'brand')).toEqual(['Apple']);
  });

  it("does not take one word of another thing's name for a product", () => {
    expect(found('hand towels')).toEqual([]);
    expect(found('do you sell a kite board?')).toEqual([]);
    // A one-word match and the word after it that make a kind of thing ("plate rack") name that kind, even
    // when that word is everyday language ("board games").
    const kinds = CatalogLexicon.build(CATALOG, {
      commonWords: new Set([...everyday, 'rack']),
      kindPhrases: new Set(['plate rack']),
    });
    expect(found('any plate racks?', 'product', kinds)).toEqual([]);
    expect(found('any plates?', 'product', kinds)).toEqual(['Plate Set Stoneware']);
    expect(found('mens shoes', 'category')).toEqual(['mens-shoes']);
    expect(found('mens shoes')).toEqual([]);
  });

  it("reads a category's own name as the category, even where a product's title holds its words", () => {
    const shirts = CatalogLexicon.build(
      [
        { id: 11, title: 'Men Check Shirt', brand: 'Urban', category: 'mens-shirts', tags: [] },
        { id: 12, title: 'Sunglasses', brand: 'Shades', category: 'sunglasses', tags: [] },
        { id: 13, title: 'Classic Sun Glasses', brand: 'Shades', category: 'sunglasses', tags: [] },
      ],
      { commonWords: everyday },
    );
    expect(found('mens shirts', 'category', shirts)).toEqual(['mens-shirts']);
    expect(found('mens shirts', 'product', shirts)).toEqual([]);
    expect(found('show me some sunglasses', 'category', shirts)).toEqual(['sunglasses']);
    expect(found('men check shirt', 'product', shirts)).toEqual(['Men Check Shirt']);
  });

  it('keeps every category that shares a word, and finds categories by slug words and tags', () => {
    const shoes = CatalogLexicon.build(
      [...CATALOG, { id: 10, title: 'Velvet Heels', brand: 'Velvet', category: 'womens-shoes', tags: [] }],
      { commonWords: everyday },
    );
    expect(
      extractEntities('shoes please', shoes)
        .filter((e) => e.type === 'category')
        .map((e) => e.value),
    ).toEqual(['mens-shoes', 'womens-shoes']);
    expect(lexicon.catalogWordCount('something for the dining table')).toBeGreaterThan(0);
  });

  it('does not take a word and the one before it, a kind of thing the title does not say, for the product ("car seats")', () => {
    const shop = CatalogLexicon.build(
      [
        {
          id: 1,
          title: 'Breezeway Garden Swing Seat',
          brand: 'Breezeway',
          category: 'outdoor-play',
          tags: [],
        },
      ],
      { kindPhrases: new Set(['car seat']) },
    );
    expect(found('do you sell car seats', 'product', shop)).toEqual([]);
    expect(found('do you sell swing seats', 'product', shop)).toEqual(['Breezeway Garden Swing Seat']);
  });

  it('names a category the words file does not know by each word of its slug ("the pet section")', () => {
    const garden = CatalogLexicon.build([
      { id: 1, title: 'Tailwick Dog Lead', brand: 'Tailwick', category: 'pet-supplies', tags: [] },
      {
        id: 2,
        title: 'Emberline Grill Brush',
        brand: 'Emberline',
        category: 'bbq-and-outdoor-cooking',
        tags: [],
      },
    ]);
    const categories = (text: string) => found(text, 'category', garden);
    expect(categories('best rated thing in your pet section?')).toEqual(['pet-supplies']);
    expect(categories("what's the most expensive bbq thing you sell")).toEqual(['bbq-and-outdoor-cooking']);
    // A slug the words file knows keeps its listed words: "mobile" alone is a phone, not mobile-accessories.
    const accessories = CatalogLexicon.build([
      { id: 3, title: 'Orbit Phone Stand', brand: 'Orbit', category: 'mobile-accessories', tags: [] },
    ]);
    expect(found('my old mobile', 'category', accessories)).toEqual([]);
  });

  it('counts a catalog word beside money words in a short message ("lights between 20 and 40 quid")', () => {
    const lights = CatalogLexicon.build(
      [{ id: 1, title: 'Glowmere String Lights', brand: 'Glowmere', category: 'lighting', tags: [] }],
      { commonWords: new Set(['light', 'lights', 'between', 'and']) },
    );
    expect(lights.catalogWordCount('lights between 20 and 40 quid')).toBe(1);
    expect(lights.catalogWordCount('lights between 20 and 40 dollars')).toBe(1);
  });

  it('drops a category when an unknown word right after it is what is wanted ("car tyres")', () => {
    const cars = CatalogLexicon.build([
      { id: 1, title: 'Dodge Charger', brand: 'Dodge', category: 'vehicle', tags: [] },
    ]);
    expect(extractEntities('cars', cars).map((e) => e.type)).toEqual(['category']);
    expect(extractEntities('car tyres', cars).filter((e) => e.type === 'category')).toEqual([]);
    // A word that only ends the request names nothing else.
    expect(extractEntities('cheapest car going', cars).map((e) => e.type)).toEqual(['category']);
    expect(extractEntities('any cars left', cars).map((e) => e.type)).toEqual(['category']);
  });

  it('does not read a category word in a phrase that names another thing ("fancy dress", "a phone call")', () => {
    const shop = CatalogLexicon.build([
      { id: 1, title: 'Tartan Dress', brand: null, category: 'womens-dresses', tags: [] },
      { id: 2, title: 'Kestrel Fold 2', brand: 'Kestrel', category: 'smartphones', tags: [] },
    ]);
    const categories = (text: string) => found(text, 'category', shop);
    expect(categories('something to wear to a fancy dress party')).toEqual([]);
    expect(categories('make a phone call to my boss')).toEqual([]);
    expect(categories('a dress for a party')).toEqual(['womens-dresses']);
    expect(categories('a phone with a good camera')).toEqual(['smartphones']);
  });

  it('puts a typo right, four letters included, but a word of the dictionary only beside a word of its title', () => {
    const shop = CatalogLexicon.build(
      [
        { id: 1, title: 'Tennis Racket', brand: null, category: 'sports-accessories', tags: [] },
        { id: 2, title: 'Microwave Oven', brand: null, category: 'kitchen-accessories', tags: [] },
        { id: 3, title: 'Leather Purse', brand: null, category: 'womens-bags', tags: [] },
        { id: 4, title: 'Strawberry', brand: null, category: 'groceries', tags: [] },
      ],
      { commonWords: everyday, dictionary: new Set(['nurse', 'ovens']) },
    );
    const products = (text: string) => found(text, 'product', shop);
    expect(products('tenis racket')).toEqual(['Tennis Racket']);
    expect(products('microwave ovan')).toEqual(['Microwave Oven']);
    // A corrected four-letter word only completes a name: alone it is too easily another word.
    expect(shop.catalogWordCount('ovan')).toBe(0);
    expect(products('do you sell a nurse')).toEqual([]);
    expect(products('the nurse said my leather shoes were fine')).toEqual([]);
    expect(products('do you sell a leather purs')).toEqual(['Leather Purse']);
    // A real word one letter from the title word after the one before it: "meet" for meat, "nurse" for purse.
    expect(products('do you sell a leather nurse')).toEqual(['Leather Purse']);
    // Not a word of three letters: "leaves and sap" is not the Leaves Hand Soap.
    const soap = CatalogLexicon.build(
      [{ id: 1, title: 'Super Leaves Hand Soap', brand: null, category: 'skin-care', tags: [] }],
      { commonWords: everyday, dictionary: new Set(['and', 'sap']) },
    );
    expect(found('the tree drops leaves and sap all over my car every day', 'product', soap)).toEqual([]);
    // A long word one edit from a one-word title names it on its own.
    expect(products('strawberies')).toEqual(['Strawberry']);
  });

  it('puts a dictionary word right after a brand whose titles hold the word it is one letter from', () => {
    const shop = CatalogLexicon.build(
      [{ id: 1, title: 'Tidewell Submariner Watch', brand: 'Tidewell', category: 'watches', tags: [] }],
      { commonWords: everyday, dictionary: new Set(['submarine']) },
    );
    expect(found('the tidewell submarine', 'product', shop)).toEqual(['Tidewell Submariner Watch']);
    expect(found('a toy submarine for the bath', 'product', shop)).toEqual([]);
  });

  it('knows a two-word kind the catalog sells by what a description calls a product', () => {
    const shop = CatalogLexicon.build(
      [
        {
          id: 1,
          title: 'Tidewater Watch',
          brand: 'Tidewater',
          category: 'mens-watches',
          tags: [],
          description: 'A dive watch with a steel case.',
        },
      ],
      { commonWords: everyday, kindPhrases: new Set(['dive watch', 'steel case', 'dress watch']) },
    );
    expect(shop.sells('dive watch')).toBe(true);
    // The description's words must end in a word of the title: the watch is not sold as a steel case.
    expect(shop.sells('steel case')).toBe(false);
    expect(shop.sells('dress watch')).toBe(false);
  });

  it('takes a brand that is an everyday word for the brand only where the message says so', () => {
    const shop = CatalogLexicon.build(CATALOG, { commonWords: new Set([...everyday, 'apple']) });
    const brands = (text: string) => found(text, 'brand', shop);
    expect(brands('anything from apple?')).toEqual(['Apple']);
    expect(brands('do you have anything by Apple')).toEqual(['Apple']);
    expect(brands('an apple a day')).toEqual([]);
  });

  it('reads a describing word before a one-word title as part of asking for it ("the plain lamp")', () => {
    const lamps = CatalogLexicon.build([
      { id: 1, title: 'Lamp', brand: 'Lumo', category: 'lighting', tags: [] },
    ]);
    expect(extractEntities('how much is the plain lamp', lamps).map((e) => e.id)).toEqual([1]);
    expect(extractEntities('how much is the lava lamp', lamps).filter((e) => e.type === 'product')).toEqual(
      [],
    );
  });

  it('tells when a message asks for a thing the catalog does not know', () => {
    expect(lexicon.namesUnknownThing('I need a printer for my home office')).toBe(true);
    expect(lexicon.namesUnknownThing('do you sell some new kayaks')).toBe(true);
    expect(lexicon.namesUnknownThing('I want a lamp for my desk')).toBe(false);
    expect(lexicon.namesUnknownThing('making a stir fry tonight')).toBe(false);
    // A message that starts with the thing names it too.
    expect(lexicon.namesUnknownThing('a bicycle for my son')).toBe(true);
    expect(lexicon.namesUnknownThing('a lamp for my son')).toBe(false);
    // The last word of the phrase after "need a" is the thing; the words before it say which.
    expect(lexicon.namesUnknownThing('I need a set of winter tires for my car')).toBe(true);
    expect(lexicon.namesUnknownThing('we need a baby stroller before the due date')).toBe(true);
    expect(lexicon.namesUnknownThing('I need a small desk lamp for reading')).toBe(false);
    expect(lexicon.namesUnknownThing('I need a lamp, tires are fine')).toBe(false);
    // A describing word the thing's name goes on from is not the thing: "some shiny lamps" are sold.
    expect(lexicon.namesUnknownThing('I want some shiny lamps')).toBe(false);
    expect(lexicon.namesUnknownThing('I want some shiny kayaks')).toBe(true);
    // A two-word kind of product a need lists, asked for and not sold: "espresso" alone is a need's word.
    const kinds = CatalogLexicon.build(CATALOG, {
      commonWords: new Set([...everyday, 'espresso', 'machine']),
      kindPhrases: new Set(['espresso machine', 'desk lamp']),
    });
    expect(kinds.namesUnknownThing('I want a proper espresso machine, not instant')).toBe(true);
    expect(kinds.namesUnknownThing("I'm looking for an espresso machine")).toBe(true);
    expect(kinds.namesUnknownThing('I want a desk lamp for reading')).toBe(false);
    // In a short request the last word names the thing, the words before it only say which: a real word
    // (the dictionary's) that no product uses is a thing not sold.
    const words = CatalogLexicon.build(CATALOG, {
      commonWords: everyday,
      dictionary: new Set(['tripod', 'tripods', 'lamp', 'lamps', 'please', 'dollar', 'dollars']),
    });
    expect(words.namesUnknownThing('lamp tripods')).toBe(true);
    expect(words.namesUnknownThing('desk lamps please')).toBe(false);
    expect(words.namesUnknownThing('lamps under 40 dollars')).toBe(false);
    expect(words.namesUnknownThing('lamp tripds')).toBe(false);
  });

  it('names the one product of a brand that the word after the brand speaks of ("the Rosa perfume")', () => {
    const beauty = CatalogLexicon.build([
      {
        id: 1,
        title: 'Rosa Eau de Parfum',
        brand: 'Rosa',
        category: 'beauty',
        description: 'A soft floral perfume.',
      },
      {
        id: 2,
        title: 'Rosa Lipstick Red',
        brand: 'Rosa',
        category: 'beauty',
        description: 'A matte lipstick.',
      },
      {
        id: 3,
        title: 'Rosa Lip Balm',
        brand: 'Rosa',
        category: 'beauty',
        description: 'Soft lipstick base.',
      },
    ]);
    expect(found("what's the return policy on the Rosa perfume", 'product', beauty)).toEqual([
      'Rosa Eau de Parfum',
    ]);
    // A word two of its products speak of, or none: the brand, not a product.
    expect(found('is the Rosa lipstick long-lasting', 'product', beauty)).toEqual(['Rosa Lipstick Red']);
    expect(found('is Rosa soft on the skin', 'brand', beauty)).toEqual(['Rosa']);
    expect(found('any Rosa candles', 'brand', beauty)).toEqual(['Rosa']);
    expect(found('anything from Rosa for my wife', 'product', beauty)).toEqual([]);
    // A brand of more than 50 products is not read product by product.
    const big = CatalogLexicon.build([
      {
        id: 1,
        title: 'Mega Eau de Parfum',
        brand: 'Mega',
        category: 'beauty',
        description: 'A floral perfume.',
      },
      ...Array.from({ length: 50 }, (_, i) => ({
        id: i + 2,
        title: `Mega Lipstick ${i}`,
        brand: 'Mega',
        category: 'beauty',
        description: 'A matte lipstick.',
      })),
    ]);
    expect(found('the Mega perfume', 'brand', big)).toEqual(['Mega']);
  });

  it('keeps equally good readings of one name', () => {
    const phones = CatalogLexicon.build([
      { id: 1, title: 'Orbit One', brand: 'Orbit', category: 'smartphones' },
      { id: 2, title: 'Orbit Two', brand: 'Orbit', category: 'smartphones' },
      { id: 3, title: 'Zest Pulse', brand: 'Zest', category: 'smartphones' },
    ]);
    expect(extractEntities('zest pulse', phones).map((e) => e.id)).toEqual([3]);
    expect(extractEntities('the orbit', phones).filter((e) => e.type === 'product')).toEqual([]);
  });

  it('builds a 10,000-product vocabulary and looks up a message independently of the catalog size', () => {
    const big: LexiconProduct[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: i + 1,
      title: `${name(i)} ${['Lamp', 'Chair', 'Kettle', 'Phone'][i % 4]} ${['Pro', 'Mini', 'Max'][i % 3]}`,
      brand: `Brand${i % 300}`,
      category: ['lighting', 'furniture', 'kitchen', 'smartphones'][i % 4] as string,
      tags: ['tag'],
    }));
    const lexicon10k = CatalogLexicon.build(big, { commonWords: everyday });
    expect(lexicon10k.size).toBe(10_000);
    expect(
      extractEntities(`is the ${name(4242)} kettle in stock`, lexicon10k).find((e) => e.type === 'product')
        ?.id,
    ).toBe(4243);
  });
});
