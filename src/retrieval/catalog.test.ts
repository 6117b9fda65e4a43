import { describe, expect, it, vi } from 'vitest';
import type { ProductRow } from '../db/repositories/products.ts';
import type { Entity } from '../nlu/entity.ts';
import { Retrieval } from './retrieval.ts';

function row(id: number, title: string, category: string, price: number): ProductRow {
  return {
    id,
    title,
    description: '',
    category,
    brand: null,
    priceCents: Math.round(price * 100),
    discountPercentage: 0,
    rating: 4,
    stock: 5,
    sku: null,
    tags: [],
    warranty: null,
    shipping: null,
    returnPolicy: null,
    thumbnail: null,
    active: true,
    updatedAt: new Date(0),
  };
}

const PRODUCTS = [
  row(1, 'Puddle Folding Umbrella', 'accessories', 19),
  row(2, 'Puddle Golf Umbrella', 'accessories', 35),
  row(3, 'Fellside Rain Jacket', 'outerwear', 120),
  row(4, 'Fellside Rain Jacket Kids', 'outerwear', 60),
  row(5, 'Oak Desk Lamp', 'lighting', 45),
];
const need = (kinds: string[]): Entity => ({ type: 'need', value: kinds.join('|'), start: 0, end: 0 });

describe('CatalogSearch for a described need', () => {
  it('takes each kind in turn, so the first results show different kinds', async () => {
    const { catalog } = await Retrieval.create(PRODUCTS, []);
    const { products } = await catalog.find({
      text: 'something to keep me dry',
      entities: [need(['umbrella', 'rain jacket'])],
      limit: 3,
    });
    const kinds = products.map((p) => (p.title.includes('Umbrella') ? 'umbrella' : 'jacket'));
    expect(kinds.slice(0, 2).sort()).toEqual(['jacket', 'umbrella']);
    expect(products.some((p) => p.id === 5)).toBe(false);
  });

  it('meets a need no list names from the product texts: two shared words, or one distinctive title word when shopping', async () => {
    const described: Entity = { type: 'need', value: '', start: 0, end: 0 };
    const board = {
      ...row(6, 'Beech Chopping Board', 'kitchen', 25),
      description: 'A firm surface for cutting.',
    };
    const pin = { ...row(7, 'Wooden Rolling Pin', 'kitchen', 9), description: 'Rolls out dough for baking.' };
    const rack = row(8, 'Mug Tree Stand', 'kitchen', 15);
    const ball = row(16, 'Leather Ball', 'sports', 20);
    const { catalog } = await Retrieval.create([...PRODUCTS, board, pin, rack, ball], []);
    const find = async (text: string, shopping: boolean) =>
      (await catalog.find({ text, entities: [described], shopping })).products.map((p) => p.id);
    expect(await find('I need a proper surface for cutting veg', false)).toEqual([6]);
    // Words meet on their stems: "roll" is what a rolling pin does.
    expect(await find('we have nothing to roll the dough with', false)).toEqual([7]);
    expect(await find('something to hang all our mugs on', true)).toEqual([8]);
    // The distinctive word is the word of the title, whatever its stem ("ball" would be "bal").
    expect(await find('something to kick a ball about', true)).toEqual([16]);
    // One word is a coincidence for a message read as out of scope.
    expect(await find('something to hang all our mugs on', false)).toEqual([]);
    expect(await find('i need to find my umbrella hat', false)).toEqual([]);
  });

  it('puts products of a named category whose texts meet the need before the listing of that category', async () => {
    const food = { ...row(9, 'Dog Food', 'groceries', 12), description: 'Food for your dog.', rating: 3 };
    const milk = { ...row(10, 'Milk', 'groceries', 2), rating: 5 };
    const van = row(11, 'Family Van', 'vehicle', 30000);
    const { catalog } = await Retrieval.create([food, milk, van], []);
    const category = (value: string, text: string): Entity => ({
      type: 'category',
      value,
      text,
      start: 0,
      end: 0,
    });
    const described: Entity = { type: 'need', value: '', start: 0, end: 0 };
    const find = async (text: string, slug: string, word: string) =>
      (
        await catalog.find({ text, entities: [category(slug, word), described], shopping: true })
      ).products.map((p) => p.id);
    expect(await find('my dog is getting fat, I want to give him proper food', 'groceries', 'food')).toEqual([
      9, 10,
    ]);
    // Dog food shares two words, but a car was asked for: the listing stands.
    expect(await find('we need a car with room for the dog and his food', 'vehicle', 'car')).toEqual([11]);
  });

  it('puts the product that meets the need before the listing of the categories a word named', async () => {
    const phone = row(12, 'Orbit Phone 5', 'smartphones', 300);
    const cover = {
      ...row(13, 'Shell Cover', 'mobile-accessories', 20),
      description: 'Protects your phone from a drop.',
    };
    const { catalog } = await Retrieval.create([phone, cover], []);
    const entities: Entity[] = [
      // "phone" names both categories, as the lexicon reads it.
      { type: 'category', value: 'smartphones', text: 'phone', start: 0, end: 0 },
      { type: 'category', value: 'mobile-accessories', text: 'phone', start: 0, end: 0 },
      { type: 'need', value: '', start: 0, end: 0 },
    ];
    const text = 'i drop my phone all the time, what can protect it';
    expect((await catalog.find({ text, entities, shopping: true })).products.map((p) => p.id)).toEqual([
      13, 12,
    ]);
  });

  it('finds the thing a verb names by its doer, and puts products with the words in their titles first', async () => {
    const grater = { ...row(20, 'Steel Grater', 'kitchen', 8), description: 'Fine holes for hard cheese.' };
    const board = {
      ...row(21, 'Cheese Board', 'kitchen', 30),
      description: 'Serve cheese you grate at the table.',
    };
    const knife = { ...row(22, 'Paring Knife', 'kitchen', 12), description: 'Cuts cheese and fruit.' };
    const { catalog } = await Retrieval.create([grater, board, knife], []);
    const described: Entity = { type: 'need', value: '', start: 0, end: 0 };
    const find = async (text: string) =>
      (await catalog.find({ text, entities: [described], shopping: false })).products.map((p) => p.id);
    // The grater has "grate" in its title as its doer and "cheese" in its text; the board has both words but
    // only one in its title; the knife shares one word.
    expect(await find('something to grate cheese onto pasta')).toEqual([20, 21]);
    // The doer of one word alone does not make a product the answer: "dry" food is not for a hair dryer.
    const dryer = row(25, 'Silk Hair Dryer', 'beauty', 40);
    const { catalog: beauty } = await Retrieval.create([dryer], []);
    const shopping = await beauty.find({
      text: 'looking for dry dog food',
      entities: [described],
      shopping: true,
    });
    expect(shopping.products).toEqual([]);
  });

  it('answers a need said without a need frame only from products whose titles hold one of its words', async () => {
    const board = {
      ...row(23, 'Beech Chopping Board', 'kitchen', 25),
      description: 'A firm surface for cutting veg.',
    };
    const peeler = { ...row(24, 'Yellow Peeler', 'kitchen', 4), description: 'Peels potatoes and carrots.' };
    const { catalog } = await Retrieval.create([board, peeler], []);
    const unframed: Entity = { type: 'need', value: '', text: 'unframed', start: 0, end: 0 };
    const find = async (text: string) =>
      (await catalog.find({ text, entities: [unframed], shopping: false })).products.map((p) => p.id);
    expect(await find('the peel on potatoes takes me an hour')).toEqual([24]);
    // Two of the board's words, but none in its title: a framed need would take it, this does not.
    expect(await find('cutting veg on a wobbly surface')).toEqual([]);
  });

  it('lets a need list answer past a category named after "for", but not past one named before it, asked for by name, or not sold', async () => {
    const phone = row(30, 'Orbit Phone 5', 'smartphones', 300);
    const cheap = row(31, 'Orbit Phone Lite', 'smartphones', 90);
    const watch = row(32, 'Dial Watch', 'womens-watches', 150);
    const earring = row(33, 'Green Crystal Earring', 'womens-jewellery', 30);
    const { catalog } = await Retrieval.create([phone, cheap, watch, earring], []);
    const category = (value: string, text: string, start: number): Entity => ({
      type: 'category',
      value,
      text,
      start,
      end: start + text.length,
    });
    const ids = async (text: string, entities: Entity[]) =>
      (await catalog.find({ text, entities, shopping: true })).products.map((p) => p.id);
    const gifts = need(['watch', 'earring']);
    // What it is for: the gift kinds answer.
    let text = 'a birthday present for my sister, she lives on her smartphone';
    expect(
      (await ids(text, [category('smartphones', 'smartphone', text.indexOf('smartphone')), gifts]))[0],
    ).toBe(32);
    // What is wanted: phones, the cheaper first when the shopper says "nothing too expensive".
    text = 'my daughter wants a phone for her birthday, nothing too expensive';
    expect(await ids(text, [category('smartphones', 'phone', text.indexOf('phone')), gifts])).toEqual([
      31, 30,
    ]);
    // A category told of in another clause is not the thing the "for" goes on from.
    text = 'my phone died this morning, what can I get my sister for her birthday?';
    expect((await ids(text, [category('smartphones', 'phone', 3), gifts]))[0]).toBe(32);
    // "necklace" is an everyday word for jewellery, but no product here is one: not sold.
    text = 'a necklace for my girlfriend';
    expect(await ids(text, [category('womens-jewellery', 'necklace', 2), gifts])).toEqual([]);
    // One she already has is told of, not asked for: the need still answers.
    text = "my necklace snapped and she's sad, any gift ideas?";
    expect(await ids(text, [category('womens-jewellery', 'necklace', 3), gifts])).not.toEqual([]);
  });

  it('puts first the category a shopper asks for by name, whatever else the message tells of', async () => {
    const van = row(40, 'Harbor Minivan', 'vehicle', 30000);
    const food = row(41, 'Dog Food', 'groceries', 11);
    const { catalog } = await Retrieval.create([van, food], []);
    const text = 'we have three kids and a dog, need a family car with sliding doors';
    const car: Entity = {
      type: 'category',
      value: 'vehicle',
      text: 'car',
      start: text.indexOf('car'),
      end: 0,
    };
    car.end = car.start + 3;
    const found = await catalog.find({
      text,
      entities: [car, need(['dog food', 'minivan'])],
      shopping: true,
    });
    expect(found.products.map((p) => p.id)).toEqual([40]);
    // The car said in another message, beside a dog-food need: which product comes first.
    const firstFor = async (said: string) => {
      const named: Entity = { ...car, start: said.indexOf('car'), end: said.indexOf('car') + 3 };
      const { products } = await catalog.find({
        text: said,
        entities: [named, need(['dog food'])],
        shopping: true,
      });
      return products[0]?.id;
    };
    expect(await firstFor("we've a dog and I'd love a family car")).toBe(40);
    // Someone else's wish names it too.
    expect(await firstFor('our son wants a family car for the dog, he keeps saying so')).toBe(40);
    // Said not to be wanted, it is not asked for by name.
    expect(await firstFor("we've a dog and don't want a family car")).toBe(41);
  });

  it('puts a product whose text holds two of the words before the kinds a need list names', async () => {
    const ball = row(14, 'Leather Football', 'sports', 25);
    const rim = { ...row(15, 'Steel Rim', 'sports', 60), description: 'A hoop for shooting practice.' };
    const { catalog } = await Retrieval.create([ball, rim], []);
    const { products } = await catalog.find({
      text: 'something I can shoot hoops with in the driveway',
      entities: [need(['football', 'rim'])],
    });
    expect(products.map((p) => p.id)).toEqual([15, 14]);
  });

  it("puts the need list's kinds before a product that shares words with the message but none of its title", async () => {
    const slipper = row(50, 'Cosy Slipper', 'womens-shoes', 20);
    const dress = { ...row(51, 'Pea Dress', 'womens-dresses', 50), description: 'A dress to wear at home.' };
    const { catalog } = await Retrieval.create([slipper, dress], []);
    const { products } = await catalog.find({
      text: 'something soft to wear at home on my feet',
      entities: [need(['slipper'])],
    });
    expect(products.map((p) => p.id)).toEqual([50, 51]);
  });

  it('keeps the message price limit', async () => {
    const { catalog } = await Retrieval.create(PRODUCTS, []);
    const max: Entity = { type: 'price_max', value: 40, start: 0, end: 0 };
    const { products } = await catalog.find({
      text: 'something to keep me dry under 40',
      entities: [need(['umbrella', 'rain jacket']), max],
    });
    expect(products.map((p) => p.id).sort()).toEqual([1, 2]);
  });
});

describe('CatalogSearch for "a X for Y"', () => {
  const HOME = [
    row(11, 'Nordby Queen Bed Frame', 'furniture', 650),
    row(12, 'Nimbus X12 Pro', 'smartphones', 899),
    row(13, 'Oak Desk Lamp', 'lighting', 45),
    row(14, 'Kestrel Family Car', 'vehicle', 18000),
  ];
  const nimbusIn = (text: string): Entity => {
    const start = text.indexOf('Nimbus');
    return { type: 'product', value: 'Nimbus X12 Pro', id: 12, start, end: start + 14 };
  };

  it('wants the thing before "for": what it is for does not stand in for it', async () => {
    const { catalog } = await Retrieval.create(HOME, []);
    const mattress = await catalog.find({ text: 'I need a new mattress for a queen bed', entities: [] });
    expect(mattress.products).toEqual([]);
    const text = 'do you have a phone case for the Nimbus X12 Pro';
    expect((await catalog.find({ text, entities: [nimbusIn(text)] })).products).toEqual([]);
    const lamp = await catalog.find({ text: 'is there a lamp for my desk', entities: [] });
    expect(lamp.products.map((p) => p.id)).toEqual([13]);
    // "ok" asks for nothing: it must not be a word the lamp lacks.
    const ok = await catalog.find({ text: 'ok and what about a lamp to go with it', entities: [] });
    expect(ok.products.map((p) => p.id)).toEqual([13]);
  });

  it('needs only the words before "for" to be in a product: the rest says who or what it is for', async () => {
    const { catalog } = await Retrieval.create(
      [...HOME, row(15, 'Luxe Petal Perfume', 'fragrances', 60)],
      [],
    );
    const perfume = await catalog.find({ text: 'perfume for my girlfriend', entities: [] });
    expect(perfume.products.map((p) => p.id)).toEqual([15]);
    const lamp = await catalog.find({ text: 'desk lamp for reading at night', entities: [] });
    expect(lamp.products.map((p) => p.id)).toEqual([13]);
  });

  it('reads "bits", "stuff" or "things" before "for" as the category named, not a thing to find', async () => {
    const { catalog } = await Retrieval.create(HOME, []);
    const text = 'need some lighting bits for the office';
    const entities: Entity[] = [
      { type: 'category', value: 'lighting', text: 'lighting', start: 10, end: 18 },
    ];
    expect((await catalog.find({ text, entities })).products.map((p) => p.id)).toEqual([13]);
  });

  it('reads no thing where no article marks one, or the word names none', async () => {
    const { catalog } = await Retrieval.create(HOME, []);
    const spaced = await catalog.find({ text: 'an oak desk lamp with space for it', entities: [] });
    expect(spaced.products.map((p) => p.id)).toEqual([13]);
    const text = 'what is the price for the Nimbus X12 Pro';
    const price = await catalog.find({ text, entities: [nimbusIn(text)] });
    expect(price.products.map((p) => p.id)).toEqual([12]);
    const window = "what's the return window for the Nimbus X12 Pro";
    const returns = await catalog.find({ text: window, entities: [nimbusIn(window)] });
    expect(returns.products.map((p) => p.id)).toEqual([12]);
  });
});

describe('CatalogSearch with the words shoppers use', () => {
  it('finds a product by a word for the same thing ("couch" for a sofa, "coffee machine" for a maker)', async () => {
    const { catalog } = await Retrieval.create(
      [row(31, 'Nordby 3-Seat Sofa', 'furniture', 1199), row(32, 'Brava Drip Coffee Maker', 'kitchen', 89)],
      [],
    );
    expect(
      (await catalog.find({ text: 'a couch for the lounge', entities: [] })).products.map((p) => p.id),
    ).toEqual([31]);
    expect((await catalog.find({ text: 'coffee machines', entities: [] })).products.map((p) => p.id)).toEqual(
      [32],
    );
  });

  it('searches only the synonyms the catalog uses (one it lacks would be read as a misspelling)', async () => {
    // "tablet" and "ipad" are one group; with no iPad here, "ipad" would be searched as "ipod".
    const { catalog } = await Retrieval.create(
      [row(41, 'Clicky Ipod Shuffle', 'audio', 49), row(42, 'Lumo Tablet 8', 'tablets', 119)],
      [],
    );
    const search = vi.spyOn(catalog.index, 'search');
    expect((await catalog.find({ text: 'tablets', entities: [] })).products.map((p) => p.id)).toEqual([42]);
    expect(search.mock.calls.map(([query]) => query)).toEqual(['tablets']);
  });
});

describe('CatalogSearch and short misspellings', () => {
  it('does not read a four-letter word as another one alone ("lego" is not the logo of a T-shirt)', async () => {
    const shirt = {
      ...row(51, 'Aorus Logo Tshirt', 'mens-shirts', 25),
      description: 'a shirt with a big logo',
    };
    const { catalog } = await Retrieval.create([shirt, row(52, 'Microwave Oven', 'kitchen', 89)], []);
    const ids = async (text: string) =>
      (await catalog.find({ text, entities: [] })).products.map((p) => p.id);
    expect(await ids('do you sell lego?')).toEqual([]);
    expect(await ids('lego for my nephew')).toEqual([]);
    expect(await ids('logo tshirt')).toEqual([51]);
    expect(await ids('microwave ovan')).toEqual([52]);
  });

  it('reads "gear" and "equipment" as no part of the name ("cricket gear" is the cricket things)', async () => {
    const { catalog } = await Retrieval.create(
      [row(61, 'Cricket Bat', 'sports-accessories', 29), row(62, 'Cricket Ball', 'sports-accessories', 12)],
      [],
    );
    const found = await catalog.find({ text: 'cricket gear', entities: [] });
    expect(found.products.map((p) => p.id).sort()).toEqual([61, 62]);
  });
});

describe('CatalogSearch for whom a gift is', () => {
  const watches = [
    row(21, 'Pearl Wrist Watch', 'womens-watches', 150),
    row(22, 'Gold Bracelet Watch', 'womens-watches', 200),
    row(23, 'Steel Diver Watch', 'mens-watches', 180),
  ];

  it("puts the other sex's categories last, for a need and for a named kind", async () => {
    const { catalog } = await Retrieval.create(watches, []);
    const forDad = await catalog.find({
      text: 'a present for my dad, he dives',
      entities: [need(['watch'])],
    });
    expect(forDad.products[0]?.id).toBe(23);
    const forMum = await catalog.find({ text: 'a watch for my mum', entities: [need(['watch'])] });
    expect(forMum.products.at(-1)?.id).toBe(23);
    const plain = await catalog.find({ text: 'watch for my husband', entities: [] });
    expect(plain.products[0]?.id).toBe(23);
  });

  it('reads past informal words ("lookin for a micorwave")', async () => {
    const { catalog } = await Retrieval.create([...PRODUCTS, row(24, 'Microwave Oven', 'kitchen', 90)], []);
    const { products } = await catalog.find({ text: 'lookin for a micorwave', entities: [] });
    expect(products[0]?.id).toBe(24);
  });
});

describe('CatalogSearch in the order asked for', () => {
  it('lists a category from the best or the worst rated', async () => {
    const lamps = [
      { ...row(31, 'Oak Desk Lamp', 'lighting', 45), rating: 4.5 },
      { ...row(32, 'Brass Floor Lamp', 'lighting', 90), rating: 2.1 },
      { ...row(33, 'Paper Table Lamp', 'lighting', 20), rating: 3.3 },
    ];
    const { catalog } = await Retrieval.create(lamps, []);
    const lighting: Entity = { type: 'category', value: 'lighting', text: 'lamp', start: 0, end: 0 };
    const order = async (text: string) =>
      (await catalog.find({ text, entities: [lighting] })).products.map((p) => p.id);
    expect(await order('your best rated lamp')).toEqual([31, 33, 32]);
    expect(await order("what's the lowest rated lamp")).toEqual([32, 33, 31]);
  });
});

describe('CatalogSearch for a thing made for an animal', () => {
  it('lists a category for a pet only if one of its products is made for that pet', async () => {
    const bed = row(50, 'Nordic Queen Bed Frame', 'furniture', 400);
    const basket = { ...row(51, 'Snug Pet Basket', 'pet-supplies', 30), description: 'A soft bed for dogs.' };
    const { catalog } = await Retrieval.create([bed, basket], []);
    const category = (text: string, word: string, value: string): Entity => ({
      type: 'category',
      value,
      text: word,
      start: text.indexOf(word),
      end: text.indexOf(word) + word.length,
    });
    const ids = async (text: string, entity: Entity) =>
      (await catalog.find({ text, entities: [entity], shopping: true })).products.map((p) => p.id);
    expect(
      await ids('do you sell dog beds?', category('do you sell dog beds?', 'beds', 'furniture')),
      // The basket whose text says it is a bed for dogs, not the bed frame the category would list.
    ).toEqual([51]);
    expect(await ids('any cat beds?', category('any cat beds?', 'beds', 'furniture'))).toEqual([]);
    expect(await ids('do you sell beds?', category('do you sell beds?', 'beds', 'furniture'))).toContain(50);
    expect(await ids('a bed for my dog', category('a bed for my dog', 'bed', 'pet-supplies'))).toContain(51);
  });
});
