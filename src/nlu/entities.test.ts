import { describe, expect, it } from 'vitest';
import { extractEntities } from './entities.ts';
import { CatalogLexicon } from './lexicon.ts';

const values = (text: string, type: string, lexicon?: CatalogLexicon) =>
  extractEntities(text, lexicon)
    .filter((e) => e.type === type)
    .map((e) => e.value);

describe('order and invoice numbers', () => {
  it.each([
    ['cancel order 100042', ['100042']],
    ['where is my order #00123842', ['00123842']],
    ['order no. 55501 please', ['55501']],
    ['can u cancel purchase 00123842', ['00123842']],
    ['track 370795561790 and 100041', ['370795561790', '100041']],
    ['purchase 12-345-678', ['12345678']],
  ])('%s', (text, expected) => {
    expect(values(text, 'order_id')).toEqual(expected);
  });

  it('tells invoices from orders by the words before them', () => {
    expect(values('show me invoice #00108', 'invoice_id')).toEqual(['00108']);
    expect(values('get the bill 37777 please', 'invoice_id')).toEqual(['37777']);
    expect(values('download INV-300041', 'invoice_id')).toEqual(['INV-300041']);
    expect(values('download INV-300041', 'order_id')).toEqual([]);
  });

  it('does not take years, prices or short numbers for orders', () => {
    expect(values('since 2024 i pay $1200 for 3 items', 'order_id')).toEqual([]);
  });

  it('reports offsets into the original text', () => {
    const text = 'Order #100042 is late';
    const [entity] = extractEntities(text);
    expect(entity).toMatchObject({ type: 'order_id', start: 6, end: 13 });
    expect(text.slice(entity?.start, entity?.end)).toBe('#100042');
  });
});

describe('email, money and price limits', () => {
  it('finds emails', () => {
    expect(values('subscribe Jane.Doe+news@Example.co.uk now', 'email')).toEqual([
      'jane.doe+news@example.co.uk',
    ]);
  });

  it.each([
    ['i expect a refund of $350', 'money', [350]],
    ['refund 1,200 dollars', 'money', [1200]],
    ['waiting for €19.99', 'money', [19.99]],
    ['tablets under 400 dollars', 'price_max', [400]],
    ['phones below $250', 'price_max', [250]],
    ['laptops under 900', 'price_max', [900]],
    ['a watch over 100 usd', 'price_min', [100]],
    ['at least 50 bucks', 'price_min', [50]],
    ['headphones between 20 and 50 dollars', 'price_min', [20]],
    ['headphones between 20 and 50 dollars', 'price_max', [50]],
    ['a tv under 50 inch', 'price_max', []],
    ['a laptop under 1.5k', 'price_max', [1500]],
    ['laptop, max 1200', 'price_max', [1200]],
    // A limit said after the amount.
    ['any phones for 300 bucks or less?', 'price_max', [300]],
    ['phones for 300 or less', 'price_max', [300]],
    ['a watch for $200 or more', 'price_min', [200]],
    ['perfume, 80 dollars max', 'price_max', [80]],
    ['grandad needs a phone, nothing fancy, 150 max', 'price_max', [150]],
    ['camping gear for 50 quid or less', 'price_max', [50]],
    ['lights between 20 and 40 quid', 'price_max', [40]],
    // A model's number, not a price.
    ['is the s10 max any good', 'price_max', []],
    // A count, not a price.
    ['a tent for 4 or more people', 'price_min', []],
    // A weight, not a price.
    ['calories on a run if I weigh about 70kg', 'money', []],
  ])('%s → %s', (text, type, expected) => {
    expect(values(text, type)).toEqual(expected);
  });
});

describe('places', () => {
  it('finds countries in any case and capitalised cities', () => {
    expect(values('do you ship to Finland?', 'country')).toEqual(['Finland']);
    expect(values('do you ship to mexico', 'country')).toEqual(['Mexico']);
    expect(values('deliveries to the UK', 'country')).toEqual(['United Kingdom']);
    expect(values('can I order from Liverpool', 'city')).toEqual(['Liverpool']);
    expect(values('shipping to New York please', 'city')).toEqual(['New York']);
  });

  it('does not see places in ordinary words', () => {
    expect(
      extractEntities('i want to wake up at easter, nice turkey recipe').filter(
        (e) => e.type === 'city' || e.type === 'country',
      ),
    ).toEqual([]);
  });
});

describe('catalog lexicon', () => {
  const lexicon = CatalogLexicon.build([
    { id: 1, title: 'Nimbus X12 Pro', brand: 'Nimbus', category: 'smartphones' },
    { id: 2, title: 'Gucci Bloom Eau de Parfum', brand: 'Gucci', category: 'fragrances' },
    { id: 3, title: 'Sportbike Motorcycle', brand: null, category: 'motorcycle' },
    { id: 4, title: 'Aerobook 14 Air', brand: 'Aerobook', category: 'laptops' },
  ]);

  it('finds products by part of their title, with a typo', () => {
    expect(values("what's the return policy on the Gucci Bloom?", 'product', lexicon)).toEqual([
      'Gucci Bloom Eau de Parfum',
    ]);
    expect(values('is the Sportbike Motorcycle in stock?', 'product', lexicon)).toEqual([
      'Sportbike Motorcycle',
    ]);
    expect(values('how much is the nimbus x12 pro', 'product', lexicon)).toEqual(['Nimbus X12 Pro']);
    expect(values('is the Sportbkie Motorcycle available', 'product', lexicon)).toEqual([
      'Sportbike Motorcycle',
    ]);
    expect(
      extractEntities('is the Sportbike Motorcycle in stock?', lexicon).find((e) => e.type === 'product')?.id,
    ).toBe(3);
  });

  it('finds brands and categories, including everyday words for them', () => {
    expect(values('any aerobook deals', 'brand', lexicon)).toEqual(['Aerobook']);
    expect(values('cheap phones and perfume', 'category', lexicon)).toEqual(['smartphones', 'fragrances']);
    expect(values('a notebook for school', 'category', lexicon)).toEqual(['laptops']);
  });

  it('finds nothing for things the catalog does not sell', () => {
    expect(
      extractEntities('do you sell garden hoses', lexicon).filter((e) =>
        ['product', 'brand', 'category'].includes(e.type),
      ),
    ).toEqual([]);
  });
});

describe('typos around numbers', () => {
  it('reads misspelt invoice words and numbers glued to "order"', () => {
    expect(values('where to get the biull #85632', 'invoice_id')).toEqual(['85632']);
    expect(values('a quick look at the bil #12588', 'invoice_id')).toEqual(['12588']);
    expect(values('cancelling order732201349959', 'order_id')).toEqual(['732201349959']);
    expect(values('when will I receive purchase 00004587345?', 'order_id')).toEqual(['00004587345']);
  });
});
