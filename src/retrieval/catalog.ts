/**
 * @module retrieval/catalog
 * Product search with filters (category, brand, price limits, in stock) over a search index (in-process or
 * Qdrant). Facts come from the product record; a request that matches nothing returns nothing.
 */
import type { CatalogRow } from '../db/repositories/products.ts';
import { isKindOf } from '../nlu/catalog-words.ts';
import type { Entity } from '../nlu/entities.ts';
import { toldAsOwned } from '../nlu/needs.ts';
import { FilterColumns } from './columns.ts';
import { DescribedSearch } from './described.ts';
import { forRecipient, recipientOf } from './recipient.ts';
import { type IndexedDocument, passes, type SearchFilter, type SearchIndex } from './search-index.ts';
import { mayBeMisspelt, onlyBesideAName, spelledLike } from './spelling.ts';
import { synonyms } from './synonyms.ts';
import { searchTokens } from './text.ts';

export interface ProductCard {
  id: number;
  title: string;
  brand: string | null;
  category: string;
  price: number;
  discountPercentage: number;
  finalPrice: number;
  stock: number;
  inStock: boolean;
  rating: number | null;
  warranty: string | null;
  returnPolicy: string | null;
  shipping: string | null;
  /** The product's image from the catalog record (an http(s) URL), null when it has none. */
  thumbnail: string | null;
}

/** Only http(s) URLs are offered as images; anything else in a catalog record is dropped. */
export function imageUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** What the index stores per product: the card plus a lower-case brand to filter on. */
export type ProductMeta = ProductCard & { brandKey: string };

export function toCard(p: CatalogRow): ProductCard {
  const price = p.priceCents / 100;
  return {
    id: p.id,
    title: p.title,
    brand: p.brand,
    category: p.category,
    price,
    discountPercentage: p.discountPercentage,
    finalPrice: Math.round(price * (100 - p.discountPercentage)) / 100,
    stock: p.stock,
    inStock: p.stock > 0,
    rating: p.rating,
    warranty: p.warranty,
    returnPolicy: p.returnPolicy,
    shipping: p.shipping,
    thumbnail: imageUrl(p.thumbnail),
  };
}

/** The documents a catalog is indexed as (title twice: it matters most). */
export function productDocuments(products: CatalogRow[]): IndexedDocument<ProductMeta>[] {
  return products
    .filter((p) => p.active)
    .map((p) => {
      const card = toCard(p);
      return {
        id: String(p.id),
        text: `${p.title} ${p.title} ${p.brand ?? ''} ${p.category.replace(/-/g, ' ')} ${(p.tags ?? []).join(' ')} ${p.description ?? ''}`,
        meta: { ...card, brandKey: (p.brand ?? '').toLowerCase() },
      };
    });
}

export interface ProductQuery {
  text: string;
  entities: Entity[];
  limit?: number;
  /**
   * The message was read as shopping (not as out of scope): a need it describes may then be met by one
   * distinctive word of a product's title ("something to hang all our mugs on": the Mug Tree Stand).
   */
  shopping?: boolean;
}

/** What a search found, and whether a price limit had to be dropped to find anything. */
export interface ProductResults {
  products: ProductCard[];
  /** Nothing met the price limit: these are the closest in price to it, and `products` is empty. */
  closest: ProductCard[];
}

const IN_STOCK = /\b(in stock|available|availability|have any left)\b/i;
/** Words about prices, stock or wanting that say nothing about which product is wanted. */
const NOISE =
  /\b(under|below|less than|cheaper than|up to|over|above|more than|at least|between|and|dollars?|usd|bucks|quid|pounds?|euros?|price[sd]?|cost|cheap(er|est)?|in stock|available|any|recommend|best|top|rated|rating|highest|lowest|most|least|expensive|priciest|deal|deals|sale|discount|something|anything|stuff|gear|equipment|supplies|essentials|options?|gift|present|please|thanks?|good|nice|great|decent|quality|one|ones|kind|type|thing|things|nothing|budget|tops out|whole|store|shop|sell|everything|items?|products?|ok|okay|alright|hmm|um|well then|lookin|searchin|huntin|wanna|gimme|tryna|u|ya|pls|plz)\b|[$€£]?\d+(\.\d+)?/gi;

type Sort = (a: ProductMeta, b: ProductMeta) => number;
/** An order products can be listed in; its name keys the sorted lists kept for it. */
interface Order {
  name: string;
  compare: Sort;
}
const BY_RATING: Order = { name: 'rating', compare: (a, b) => (b.rating ?? 0) - (a.rating ?? 0) };
const CHEAPEST: Order = { name: 'cheapest', compare: (a, b) => a.finalPrice - b.finalPrice };
const PRICIEST: Order = { name: 'priciest', compare: (a, b) => b.finalPrice - a.finalPrice };
const WORST_RATED: Order = { name: 'worst rated', compare: (a, b) => (a.rating ?? 0) - (b.rating ?? 0) };

/** "the cheapest", "most expensive", "best rated", "worst rated": the order the shopper asked for. */
function superlative(text: string): Order | undefined {
  if (/\b(?:lowest|worst|least)[- ]?(?:rated|reviewed|rating)\b|\bleast popular\b/i.test(text))
    return WORST_RATED;
  // "Nothing too expensive", "on a budget": the cheaper ones first.
  if (
    /\b(cheapest|least expensive|lowest[- ]priced?|most affordable|cheaper|affordable|inexpensive|on a budget|budget|(?:not|nothing) (?:too |very |that |so )?(?:expensive|pricey|dear)|(?:won'?t|doesn'?t|does not|will not) break the bank)\b/i.test(
      text,
    )
  )
    return CHEAPEST;
  if (/\b(most expensive|priciest|highest[- ]priced?|premium|luxury)\b/i.test(text)) return PRICIEST;
  if (/\b(best|top|highest)[- ]?(rated|reviewed|rating)\b|\bbest\b|\bmost popular\b/i.test(text))
    return BY_RATING;
  return undefined;
}

/** A list of products in one order, with its filter columns (a big category's listing tests thousands). */
interface Pool {
  list: ProductMeta[];
  columns: FilterColumns<ProductMeta>;
}

/** The first `count` products of an ordered list that pass the filter. */
function firstPassing({ list, columns }: Pool, filter: SearchFilter, count: number): ProductMeta[] {
  const out: ProductMeta[] = [];
  const test = columns.compile(filter);
  for (let i = 0; i < list.length && out.length < count; i++)
    if (!test || test(i)) out.push(list[i] as ProductMeta);
  return out;
}

const cardOf = ({ brandKey: _b, ...card }: ProductMeta): ProductCard => card;

/** `first`, then the products of `then` not already in it, `limit` in all. */
function firstThen(first: ProductCard[], then: ProductCard[], limit = 5): ProductCard[] {
  const ids = new Set(first.map((p) => p.id));
  return [...first, ...then.filter((p) => !ids.has(p.id))].slice(0, limit);
}

/**
 * Words before "for" that do not name the thing wanted: shopping talk ("shopping for", "a new … for"),
 * collective words ("fitness kit for", "gaming gear for") and a product's facts ("shipping time for the
 * Vertex headset", "is there a page for…"). Folded as `searchTokens` folds them.
 */
const NOT_A_THING = new Set(
  searchTokens(
    'shopping searching hunting browsing ordering buying getting new proper little idea ideas recommendation suggestion ' +
      'kit kits gear equipment supplies essentials accessories accessory set sets bundle ' +
      'time times page link site website review reviews rating info information details detail spec specs size sizes ' +
      'colour colours color colors shipping delivery warranty guarantee return returns policy manual instructions ' +
      'window period deadline timeframe terms conditions ' +
      'stock availability code coupon voucher discount ' +
      // What a shopper calls a handful of a category's things: "stationery bits for the office".
      'bits bobs stuff thing things item items',
  ),
);

/** Words of describing a need that say nothing of what meets it ("I need something to…", "what would help"). */
const NEED_TALK = new Set(
  searchTokens(
    'something anything thing need needs want wants would help make makes use get buy proper new old every day ' +
      'time really like look keep go going literally actually way ideas idea lol',
  ),
);
/** The words a need was described with, without the talk of needing ("I need something to…"). */
const needWords = (text: string) =>
  [...new Set(searchTokens(text.replace(NOISE, ' ')))].filter((w) => !NEED_TALK.has(w));

/** A whole word that NOISE takes out of a query. */
const NOISE_WORD = new RegExp(`^(?:${NOISE.source})$`, 'i');

/** "for", and the ways of saying it about things that go together: what comes before it is what is wanted. */
const FOR = /\b(?:for|to go with|that goes? with|to match)\b/i;

/**
 * Whether a category word is the thing a "for" goes on to say more of: "a phone for her birthday", "a car with
 * room for the dog"; not "his last bag of kibble, what can I get him for dinner?".
 */
function namedBeforeFor(text: string, e: Entity): boolean {
  const after = text.slice(e.end);
  const at = FOR.exec(after)?.index;
  if (at === undefined) return false;
  const between = after.slice(0, at);
  return !/[,.;:!?]/.test(between) && between.split(/\s+/).filter(Boolean).length <= 4;
}

/** An article, up to two more words, and the word before "for" (or "to go with"…), captured. */
const THING_FOR = new RegExp(
  `\\b(?:a|an|the|some|any)\\s+(?:(?!(?:with|of|in|on|to|from|that|which|and|or)\\s)[\\p{L}\\p{N}'’-]+\\s+){0,2}?([\\p{L}'’-]+)\\s+${FOR.source}`,
  'iu',
);

/**
 * The thing wanted in "a X for Y": the noun just before "for", when an article starts the phrase ("a new
 * mattress for a queen bed" → mattress, "a phone case for the Nimbus X12" → case), and where "for" is.
 * Undefined when that word names nothing ("a present for my wife", "looking for a lamp", "the price for the
 * Vertex") or no article marks it as a thing ("room for three kids", "fruit snacks for the lunchboxes").
 */
function wantedBeforeFor(text: string): { word: string; at: number } | undefined {
  const m = THING_FOR.exec(text);
  const raw = m?.[1];
  if (!m || !raw || NOISE_WORD.test(raw)) return undefined;
  const [word] = searchTokens(raw);
  if (!word || word.length < 3 || NOT_A_THING.has(word)) return undefined;
  return { word, at: m.index + m[0].length };
}

/**
 * "need a family car", "want some new shoes": the words before the thing a shopper asks for by name ("don't want
 * a full laptop" is not asking for one).
 */
const ASKING_FOR =
  /(?<!\b(?:don['’]?t|do not|doesn['’]?t|not|never|no)\s+(?:really\s+)?)\b(?:needs?|wants?|love|like|looking for|after|buy|get)\s+(?:an?|some|new|an? new)\s+(?:[\p{L}'’-]+\s+){0,2}$/iu;
/** What may follow the thing asked for: the end, or a word that starts saying more of it. */
const AFTER_THE_THING = /^\s*(?:$|[,.;:!?]|(?:with|for|that|which|to|and|or|under|below|over|in|from)\b)/i;

/**
 * Whether a category word is the thing asked for ("we have a dog, need a family car with sliding doors"), not a
 * word that only says which ("need a car seat") or one told in passing.
 */
export function askedForByName(text: string, e: Entity): boolean {
  return ASKING_FOR.test(text.slice(0, e.start)) && AFTER_THE_THING.test(text.slice(e.end));
}

export class CatalogSearch {
  readonly #index: SearchIndex<ProductMeta>;
  readonly #byId: Map<number, ProductMeta>;
  /** Each product's indexed text, and its search words once a search has needed them (most never are). */
  readonly #texts = new Map<number, string>();
  readonly #words = new Map<number, Set<string>>();
  /** Products by category slug and by brand (lower case), so listing one does not scan the catalog. */
  readonly #byCategory = new Map<string, ProductMeta[]>();
  readonly #byBrand = new Map<string, ProductMeta[]>();
  /** The whole catalog, a category or a brand, sorted in an order once and kept (a big catalog's sort is slow). */
  readonly #ordered = new Map<string, Pool>();
  readonly #categoryEvidence = new Map<string, boolean>();
  readonly #described: DescribedSearch<ProductMeta>;
  readonly #onSearch?: (ms: number) => void;

  constructor(
    documents: IndexedDocument<ProductMeta>[],
    index: SearchIndex<ProductMeta>,
    onSearch?: (ms: number) => void,
  ) {
    this.#index = index;
    this.#onSearch = onSearch;
    this.#described = new DescribedSearch({
      index,
      wordsOf: (id) => this.#wordsOf(id),
      products: () => this.#byId.values(),
    });
    this.#byId = new Map(documents.map((d) => [d.meta.id, d.meta]));
    for (const doc of documents) {
      this.#texts.set(doc.meta.id, doc.text);
      for (const [map, key] of [
        [this.#byCategory, doc.meta.category],
        [this.#byBrand, doc.meta.brandKey],
      ] as const) {
        const list = map.get(key);
        if (list) list.push(doc.meta);
        else map.set(key, [doc.meta]);
      }
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  get index(): SearchIndex<ProductMeta> {
    return this.#index;
  }

  /** Whether the words a category was named by name it, or name a kind of thing its products really are. */
  #categoryUses(slug: string, phrase: string): boolean {
    if (!isKindOf(slug, phrase)) return true;
    const words = searchTokens(phrase);
    const key = `${slug}\u0000${words.join(' ')}`;
    let known = this.#categoryEvidence.get(key);
    if (known === undefined) {
      known = (this.#byCategory.get(slug) ?? []).some((m) => words.every((w) => this.#wordsOf(m.id).has(w)));
      this.#categoryEvidence.set(key, known);
    }
    return known;
  }

  #wordsOf(id: number): Set<string> {
    let words = this.#words.get(id);
    if (!words) {
      words = new Set(searchTokens(this.#texts.get(id) ?? ''));
      this.#words.set(id, words);
    }
    return words;
  }

  get(id: number): ProductCard | undefined {
    const meta = this.#byId.get(id);
    return meta ? cardOf(meta) : undefined;
  }

  /** Matching products, best first: named products, then filtered search results. */
  async search(query: ProductQuery): Promise<ProductCard[]> {
    return (await this.find(query)).products;
  }

  /**
   * Matching products, and when a price limit excludes everything that matches otherwise, the closest in price
   * (so the reply can say that nothing is under the limit before offering them).
   */
  async find(query: ProductQuery): Promise<ProductResults> {
    const started = performance.now();
    try {
      const need = query.entities.find((e) => e.type === 'need');
      if (need?.value) {
        // The need list knows kinds; a product whose own text holds two of the message's words, one of them in
        // its title, knows better ("something to slice boiled eggs": the Egg Slicer before the knives a cooking
        // cue lists). Words shared only with a description ("comfortable", "wear") or one title word ("hand" in
        // "whipped cream by hand") are weaker than the list: those products come after its kinds (which are
        // themselves ordered by how many of the message's words their texts hold).
        // A thing named by a word no product of its category uses is not sold ("a necklace for her anniversary"
        // where there are only earrings): the need must not answer for it. One the shopper already owns is told
        // of, not asked for ("my desk is too dark in the evenings").
        const categories = query.entities.filter((e) => e.type === 'category');
        const unsold =
          categories.length > 0 &&
          categories.every(
            (e) =>
              !toldAsOwned(query.text, e.start) &&
              !this.#categoryUses(String(e.value), String(e.text ?? e.value)),
          );
        if (unsold) return { products: [], closest: [] };
        const described = await this.#describedBy(query, true);
        const listed = await this.#forNeed(String(need.value).split('|'), query);
        const meeting = forRecipient(
          firstThen(
            described.strict,
            firstThen(listed.products, described.loose, Number.POSITIVE_INFINITY),
            Number.POSITIVE_INFINITY,
          ),
          recipientOf(query.text),
        ).slice(0, query.limit ?? 5);
        // A category named before "for", or asked for by name, is what is wanted ("a phone for my daughter's
        // birthday", "a car with room for the dog", "we have a dog, need a family car"): the need only puts
        // first those of its results that also meet it.
        const wanted = categories.some((e) => namedBeforeFor(query.text, e) || askedForByName(query.text, e));
        if (!wanted) return { products: meeting, closest: [] };
        const named = await this.#search({ ...query, limit: Math.max(query.limit ?? 5, 20) }, true);
        const meets = new Set(meeting.map((p) => p.id));
        const products = [...named.filter((p) => meets.has(p.id)), ...named.filter((p) => !meets.has(p.id))];
        return { products: products.slice(0, query.limit ?? 5), closest: [] };
      }
      // A need no list names ("I need a proper surface for cutting veg"): what the product texts describe,
      // when a shopping message's words match no product (a category word may still list one). Those products
      // come before the listing, and must be in the category named: "a car with room for the dog and the
      // bags" is not dog food.
      const found = { matched: false };
      const products = need && !query.shopping ? [] : await this.#search(query, true, found);
      if (need && !found.matched) {
        const named = new Set(
          query.entities.filter((e) => e.type === 'category').map((e) => String(e.value)),
        );
        // Said without a need frame, only the strict rule: a title word must be among the shared ones.
        const meets = await this.#describedBy(query, query.shopping === true);
        const described = (need.text === 'unframed' ? meets.strict : meets.loose).filter(
          (p) => named.size === 0 || named.has(p.category),
        );
        return { products: firstThen(described, products, query.limit), closest: [] };
      }
      const { min, max } = priceLimits(query.entities);
      const limited = min !== undefined || max !== undefined;
      if (products.length > 0 || !limited) return { products, closest: [] };
      const target = priceTarget(query.entities);
      const unlimited = await this.#search(query, false);
      const closest = unlimited
        .sort((a, b) => Math.abs(a.finalPrice - target) - Math.abs(b.finalPrice - target))
        .slice(0, 3);
      return { products: [], closest };
    } finally {
      this.#onSearch?.(performance.now() - started);
    }
  }

  /**
   * A described need: each kind the catalog sells for it is searched on its own (with the message's price
   * limits), and the results are taken in turn, so the first three show different kinds ("raincoat",
   * "umbrella") rather than three of the first.
   */
  async #forNeed(kinds: string[], { text, entities, limit = 5 }: ProductQuery): Promise<ProductResults> {
    const limits = entities.filter((e) => e.type.startsWith('price') || e.type === 'money');
    // A gift for a father looks past the women's watches a kind's first results may all be.
    const recipient = recipientOf(text);
    const perKind = recipient ? limit * 3 : limit;
    const found = await Promise.all(
      kinds.map((kind) => this.#search({ text: kind, entities: limits, limit: perKind }, true)),
    );
    // Taken in turn, rank by rank; but a product whose own text holds more of the message's words comes
    // first ("keep my tea warm at my desk": the cup whose description speaks of tea before a thermos).
    const words = needWords(text);
    const ranked = found.flatMap((list, kind) =>
      list.map((card, rank) => ({ card, rank, kind, evidence: this.#described.evidence(words, card) })),
    );
    ranked.sort((a, b) => b.evidence - a.evidence || a.rank - b.rank || a.kind - b.kind);
    const products = new Map<number, ProductCard>();
    for (const card of forRecipient(
      ranked.map((r) => r.card),
      recipient,
    )) {
      if (products.size >= limit) break;
      if (!products.has(card.id)) products.set(card.id, card);
    }
    return { products: [...products.values()], closest: [] };
  }

  /** Products whose own texts meet the need the message describes, by both rules (see `DescribedSearch.find`). */
  async #describedBy(
    { text, entities, limit = 5 }: ProductQuery,
    oneWord: boolean,
  ): Promise<{ strict: ProductCard[]; loose: ProductCard[] }> {
    const filter: SearchFilter = { anyOf: {}, range: priceRange(entities) };
    const found = await this.#described.find({ words: needWords(text), filter, limit, oneWord });
    return { strict: found.strict.map(cardOf), loose: found.loose.map(cardOf) };
  }

  /** `found.matched` tells whether a product was named or matched the words, rather than only listed. */
  async #search(
    { text, entities, limit = 5 }: ProductQuery,
    withPrice: boolean,
    found?: { matched: boolean },
  ): Promise<ProductCard[]> {
    // An everyday word for a category counts only if that category's products use it ("necklace" is not
    // the earrings a jewellery category happens to hold).
    const categories = [
      ...new Set(
        entities
          .filter(
            (e) => e.type === 'category' && this.#categoryUses(String(e.value), String(e.text ?? e.value)),
          )
          .map((e) => String(e.value)),
      ),
    ];
    const brands = [
      ...new Set(entities.filter((e) => e.type === 'brand').map((e) => String(e.value).toLowerCase())),
    ];
    const filter: SearchFilter = { anyOf: {}, range: withPrice ? priceRange(entities) : {} };
    if (brands.length) (filter.anyOf as Record<string, string[]>).brandKey = brands;
    // A named product obeys the same price limits as any other result ("headphones under $100"); asking
    // whether it is in stock must still find it when it is not.
    const head = wantedBeforeFor(text);
    const named = entities
      // "a phone case for the Nimbus X12": a product named after "for" is what the thing is for, not the thing.
      .filter((e) => e.type === 'product' && e.id !== undefined && !(head && e.start > head.at))
      .map((e) => this.#byId.get(e.id as number))
      .filter((m): m is ProductMeta => m !== undefined && passes(m, filter));
    if (IN_STOCK.test(text) && named.length === 0)
      (filter.anyOf as Record<string, boolean[]>).inStock = [true];
    const sort = superlative(text);
    const query = text.replace(NOISE, ' ');
    // Most of what was asked for must be there: "kite board" is not a board game. In "perfume for my
    // girlfriend", "headphones for running" or "earrings to go with a green dress", what was asked for is what
    // comes before "for" ("to go with", "to match").
    const terms = [...new Set(searchTokens(query))];
    const forAt = FOR.exec(query)?.index;
    const before = forAt === undefined ? [] : [...new Set(searchTokens(query.slice(0, forAt)))];
    const asked = before.length > 0 ? before : terms;
    const needed = Math.ceil((asked.length * 2) / 3);
    const alike = synonyms();
    // A word, or a word shoppers use for the same thing ("couch" for a sofa).
    const has = (words: Set<string>, t: string) =>
      words.has(t) ||
      (alike.get(t) ?? []).some((other) => words.has(other)) ||
      (mayBeMisspelt(t) && [...words].some((w) => spelledLike(t, w)));
    // "lego" read as the "logo" of a T-shirt's text: a slip that counts only beside a word said as written.
    const shortSlip = (words: Set<string>, t: string) =>
      !(alike.get(t) ?? []).some((other) => words.has(other)) &&
      [...words].some((w) => onlyBesideAName(t, w) && spelledLike(t, w));
    const covers = (meta: ProductMeta) => {
      const words = this.#wordsOf(meta.id);
      let hit = 0;
      let exact = 0;
      let slipped = 0;
      for (const t of asked) {
        if (!has(words, t)) continue;
        hit++;
        if (words.has(t)) exact++;
        else if (shortSlip(words, t)) slipped++;
      }
      return (exact > 0 ? hit : hit - slipped) >= needed;
    };
    // Only synonyms the catalog uses: one it lacks ("ipad" in a shop without iPads) would be searched as a
    // misspelling of whatever catalog word is spelt nearest.
    const held = (word: string) => this.#index.holds?.(word) ?? true;
    const withSynonyms = [query, ...terms.flatMap((t) => (alike.get(t) ?? []).filter(held))].join(' ');
    const inCategory = (m: ProductMeta) => categories.includes(m.category);
    let hits: ProductMeta[] = [];
    if (terms.length > 0) {
      hits = (await this.#index.search(withSynonyms, { limit: sort ? 50 : limit * 4, filter }))
        .map((h) => h.meta)
        .filter(covers);
    }
    const matched = hits.length > 0;
    // The category is a boost, not a filter ("shoes" may be men's or women's, a lamp may sit in decoration):
    // its products that matched the words come first, then the rest of it ("tablets under 400"), then other
    // matches. A brand alone ("anything from Apple?") lists the brand.
    const sorted = (list: ProductMeta[]) => (sort ? [...list].sort(sort.compare) : list);
    // Enough of a listing to fill the answer whatever the search hits take of it.
    const wanted = limit + hits.length;
    // "the cheapest thing you sell": the whole catalog, in the order asked for.
    if (sort && terms.length === 0 && named.length === 0 && categories.length === 0 && brands.length === 0)
      hits = firstPassing(
        this.#inOrder('all', () => [...this.#byId.values()], sort),
        filter,
        limit,
      );
    if (named.length === 0 && (categories.length > 0 || (brands.length > 0 && hits.length === 0))) {
      const order = sort ?? BY_RATING;
      // "Dog beds", "cat toys": a category said of an animal none of its products is made for is not sold.
      const madeFor = (c: string) =>
        entities
          .filter((e) => e.type === 'category' && e.value === c)
          .map((e) => searchTokens(/([\p{L}'’-]+)\s+$/u.exec(text.slice(0, e.start))?.[1] ?? '')[0])
          .filter((word): word is string => word !== undefined && ANIMALS.has(word))
          .every((animal) => (this.#byCategory.get(c) ?? []).some((m) => this.#wordsOf(m.id).has(animal)));
      const pools =
        categories.length > 0
          ? categories
              .filter(madeFor)
              .map((c) => this.#inOrder(`category ${c}`, () => this.#byCategory.get(c) ?? [], order))
          : brands.map((b) => this.#inOrder(`brand ${b}`, () => this.#byBrand.get(b) ?? [], order));
      const listed = pools.flatMap((pool) => firstPassing(pool, filter, wanted)).sort(order.compare);
      hits = [
        ...sorted([...hits.filter(inCategory), ...listed]),
        ...sorted(hits.filter((m) => !inCategory(m))),
      ];
    } else hits = sorted(hits);
    if (found) found.matched = named.length > 0 || matched;
    const results = new Map<number, ProductMeta>();
    // The thing before "for" is wanted: a product that holds its word, or one of the category it names ("a
    // phone for my daughter": a smartphone whose text never says "phone").
    const headNames = new Set(
      entities
        .filter(
          (e) => e.type === 'category' && head && searchTokens(String(e.text ?? '')).includes(head.word),
        )
        .map((e) => String(e.value)),
    );
    const isWanted = (m: ProductMeta) =>
      !head || headNames.has(m.category) || has(this.#wordsOf(m.id), head.word);
    for (const product of [...sorted(named), ...forRecipient(hits.filter(isWanted), recipientOf(text))]) {
      if (results.size >= limit) break;
      if (!results.has(product.id)) results.set(product.id, product);
    }
    return [...results.values()].map(cardOf);
  }

  /** A list of products in an order, sorted on first use and kept with its filter columns. */
  #inOrder(list: string, products: () => ProductMeta[], order: Order): Pool {
    const key = `${list}\u0000${order.name}`;
    let pool = this.#ordered.get(key);
    if (!pool) {
      const sorted = [...products()].sort(order.compare);
      pool = { list: sorted, columns: new FilterColumns(sorted) };
      this.#ordered.set(key, pool);
    }
    return pool;
  }
}

/** The animals a thing may be made for ("dog beds", "cat toys"), as search tokens. */
const ANIMALS = new Set(
  searchTokens(
    'dog dogs puppy puppies cat cats kitten kittens pet pets hamster rabbit bird parrot horse fish',
  ),
);

/** The price limits a message set: `price_min` and `price_max` entities. */
export function priceLimits(entities: Entity[]): { min?: number; max?: number } {
  const max = entities.find((e) => e.type === 'price_max')?.value as number | undefined;
  const min = entities.find((e) => e.type === 'price_min')?.value as number | undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** The message's price limits as a filter range on the final price (none when it sets none). */
function priceRange(entities: Entity[]): NonNullable<SearchFilter['range']> {
  const { min, max } = priceLimits(entities);
  if (min === undefined && max === undefined) return {};
  return {
    finalPrice: { ...(min !== undefined ? { gte: min } : {}), ...(max !== undefined ? { lte: max } : {}) },
  };
}

/** The price the shopper had in mind: the limit, or the middle of a range. */
function priceTarget(entities: Entity[]): number {
  const { min, max } = priceLimits(entities);
  if (max !== undefined && min !== undefined) return (max + min) / 2;
  return max ?? min ?? 0;
}
