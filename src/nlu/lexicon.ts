/**
 * @module nlu/lexicon
 * Finds the live catalog in a message: products (by their whole title, by two of its words in any order, or
 * by one distinctive word), brands and categories (their slug words, their tags and everyday words for them).
 * Built from the catalog on every import: inverted indexes keep a lookup independent of the catalog's size.
 */
import { indexInSorted } from '../retrieval/sorted.ts';
import { spelledLike } from '../retrieval/spelling.ts';
import { fold, rememberingWords, withoutAccents } from '../retrieval/text.ts';
import { CATEGORY_WORDS } from './catalog-words.ts';
import type { Entity } from './entity.ts';

export interface LexiconProduct {
  id: number;
  title: string;
  brand: string | null;
  category: string;
  tags?: string[] | null;
  description?: string | null;
}

export interface LexiconOptions {
  /**
   * Everyday words (from the assistant's own training phrases): never "corrected" into catalog words, and not
   * enough on their own to name a product ("place" is not the Plate, "apply" not Apple).
   */
  commonWords?: ReadonlySet<string>;
  /**
   * Words of the language at large: a real word is never a typo for a catalog word ("nurse" is not a purse).
   * Asked only when a word has a catalog word one edit away, so a lazily loaded list costs a start nothing.
   */
  dictionary?: Pick<ReadonlySet<string>, 'has'>;
  /** Words that tell a need ("caffeine", "insomnia"): not the name of a thing the catalog lacks. */
  needWords?: ReadonlySet<string>;
  /**
   * Two-word kinds of thing (folded, "board game"): after a one-word title match, the second word is the thing
   * asked for, so "board games" is not the Chopping Board.
   */
  kindPhrases?: ReadonlySet<string>;
}

interface Token {
  word: string;
  /** The word as written (lower case), for typo matching before plural folding bends it. */
  raw?: string;
  start: number;
  end: number;
  /** The word was a typo put right: it may complete a name, not name a product alone. */
  corrected?: boolean;
}

interface IndexedProduct {
  id: number;
  title: string;
  category: string;
  words: string[];
  wordSet: Set<string>;
  brandWords: Set<string>;
  tagWords: Set<string>;
  /** Kept only for the products of brands small enough to read one by one (`BRAND_READ`). */
  description: string;
}

/** A brand with more products than this is not read product by product for "the <brand> <word>". */
const BRAND_READ = 50;

/** Words that never identify a product. */
const STOP = new Set(
  'the a an and or of for with without in on to de la le by my you your our is it its me set pack new one this that these those from at as youve ive im id dont doesnt cant wont whats thats theres got somewhere around roughly about really maybe actually just also please thanks preferably ideally under over below above between within less more than gear stuff thing things bit bits item items accessory equipment kit product products range section department option options idea ideas selection collection'.split(
    ' ',
  ),
);

/**
 * Words in many titles that say who a product is for, or which of a model line it is, not which product it
 * is: "a fantasy book series" is not the Watch Series 4.
 */
const GENERIC = new Set(
  [
    'men man women woman girl boy kid baby unisex adult inch cm mm ml kg gb tb oz lb litre liter',
    'series edition collection version model generation gen pro plus max mini ultra lite',
  ]
    .join(' ')
    .split(' ')
    .map(fold),
);

/** Words that describe the thing named after them, never make it another thing ("the plain Monopod"). */
const DESCRIBING = new Set(
  'plain basic simple standard regular normal original classic ordinary proper real genuine official usual little small big large tiny huge cheap good nice decent whole entire actual same other'
    .split(' ')
    .map(fold),
);

/** Words that end a short request without naming a thing ("laptops please", "tablets under 400 dollars"). */
const FILLER = new Set(
  (
    'please thanks thank today tomorrow tonight now again here there online anything something else instead too pls plz going available around anywhere left ones kind kinds type types sort sorts brands models colours colors sizes dollars dollar bucks buck euros euro pounds pound quid cents money usd gbp eur total each max maximum tops ' +
    // Words that stand for a thing without naming it: "I need a machine for writing essays", "a caffeine fix".
    'machine machines thing things fix device devices gadget gadgets tool tools item items stuff solution way option options idea ideas kit treat upgrade replacement present gift boost place spot ' +
    'section sections aisle aisles department range selection collection bits products'
  )
    .split(' ')
    .map(fold),
);

/** A currency said in words, folded or not. */
const MONEY_WORDS = /^(?:dollars?|bucks?|quids?|pounds?|euros?|usd|gbp|eur|cents?|pence|p)$/;

/** Words that introduce the name of a thing ("a printer", "some dumbbells"), after a word of asking for it. */
const ARTICLE = new Set(['a', 'an', 'some']);
const ASKING = new Set(['need', 'want', 'buy', 'sell', 'get', 'after'].map(fold));

/**
 * Two words in which a category's word means something else: "fancy dress" is a costume, "a phone call" no
 * phone. (Things a shop might sell, "sleeping bags", "bin bags", keep the word: asked for, they are not sold.)
 */
const OTHER_THINGS = new Set(
  ['fancy dress', 'dress code', 'phone call', 'watch out'].map((pair) => pair.split(' ').map(fold).join(' ')),
);

/** A token as the shopper wrote it, folded: a word put right by the typo correction is read as written. */
const writtenWord = (t: Token | undefined): string =>
  t ? (t.corrected ? fold(t.raw ?? t.word) : t.word) : '';

/** Whether the category word at `at` and a word beside it, as written, name another thing ("a phone call"). */
function namesAnotherThing(tokens: Token[], at: number, key: string): boolean {
  return (
    OTHER_THINGS.has(`${writtenWord(tokens[at - 1])} ${key}`) ||
    OTHER_THINGS.has(`${key} ${writtenWord(tokens[at + 1])}`)
  );
}

/** Whether the words said up to `at` ask for what follows: "need", "want", "buy"…, or "looking for". */
const asksAt = (said: (at: number) => string, at: number) =>
  ASKING.has(said(at)) || (said(at) === 'for' && said(at - 1) === 'looking');
/** Words that end the phrase naming a thing: "a set of winter tires | for my car". */
const PHRASE_END = new Set(
  'for to with before after by from that which who in on at into so because but and or like than'
    .split(' ')
    .map(fold),
);

/** Asking to buy, find or compare: the context in which a one-word title or an unknown noun is a product. */
export const SHOPPING_WORDS =
  /\b(?:sell|sells|selling|buy|buying|bought|purchase|stock|price|prices|priced|cost|costs|cheap|cheaper|cheapest|expensive|deal|deals|discount|sale|offer|carry|available|availability|recommend|looking for|shop|store|brand|model|warranty|guarantee|return policy|ship|ships|shipping|products?|catalog|items?|afford|budget|size|colou?r|compare|best|rating|rated|reviews?|specs?|features?|do (?:you|u|ya) have(?! to\b)|have (?:you|u|ya) got|got any|show me|how much|who makes|which company makes|made by|manufacturer|spend (?:up to |around |about |under |no more than |between |roughly )?[$£€]?\d+)\b/i;

/** A word with a digit in it (x12, 5g, 14) is a model name only beside a letter word. */
const hasDigit = (w: string) => /\d/.test(w);

/** A word that could name a thing: not a stop word, a number or shopping talk, three letters or more. */
function isContentWord(word: string | undefined): word is string {
  return (
    word !== undefined && !STOP.has(word) && word.length >= 3 && !hasDigit(word) && !SHOPPING_WORDS.test(word)
  );
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** A matched word without accents, apostrophes or hyphens, in lower case. */
const rawOf = (match: string) => withoutAccents(match).toLowerCase().replace(/['’]/g, '').replace(/-/g, '');

function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => {
    const raw = rawOf(m[0]);
    return { word: fold(raw), raw, start: m.index, end: m.index + m[0].length };
  });
}

/** Each matched word's folded form (building a big catalog's lexicon folds the same words millions of times). */
const foldMatch = rememberingWords((match) => fold(rawOf(match)));

/** The folded words of a text, as `tokenize` would give them, without their positions. */
const words = (text: string): string[] => (text.match(WORD) ?? []).map(foldMatch);

/** The word and each form of it with one letter dropped: two words one edit apart share one of these keys. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

/** Products sharing a word beyond this many are a kind of thing ("pro", "shirt"), left to retrieval. */
const MAX_NAMING_POSTINGS = 64;
/** Letters from which a misspelt word, one edit from a catalog word, names it on its own. */
const LONG_TYPO = 7;

/** One word names a product on its own only when few titles have it. */
const MAX_SINGLE_WORD_PRODUCTS = 3;

export class CatalogLexicon {
  readonly #products: IndexedProduct[];
  readonly #titlePostings = new Map<string, number[]>();
  readonly #tagWords = new Set<string>();
  readonly #descriptionWords = new Set<string>();
  /** Every word of four letters or more in a description, everyday ones too. */
  readonly #rawDescriptionWords = new Set<string>();
  readonly #brands = new Map<string, string>();
  /** Products by their brand's words, for "the Luxe Petal perfume" (a brand and a word naming one of them). */
  readonly #byBrand = new Map<string, IndexedProduct[]>();
  /** Brands that are also everyday words ("Apple"): a brand only where the message says so ("from Apple"). */
  readonly #everydayBrands = new Set<string>();
  readonly #categories = new Map<string, string[]>();
  /**
   * Two-word kinds (of the needs file's) a product's description calls it by, ending in a word of its title:
   * the Submariner watch is "a legendary dive watch".
   */
  readonly #describedKinds = new Set<string>();
  /** `sells` answers, per kind asked about (the needs file names a few hundred). */
  readonly #sells = new Map<string, boolean>();
  readonly #vocabulary = new Set<string>();
  readonly #corrections = new Map<string, Set<string>>();
  readonly #common: ReadonlySet<string>;
  readonly #needWords: ReadonlySet<string>;
  readonly #kindPhrases: ReadonlySet<string>;
  readonly #dictionary: Pick<ReadonlySet<string>, 'has'>;
  readonly #maxPhrase: number;
  /** The last message's corrected tokens: `find` and `catalogWordCount` read the same message in one parse. */
  #last: { text: string; tokens: Token[] } | undefined;

  private constructor(products: LexiconProduct[], options: LexiconOptions) {
    this.#common = options.commonWords ?? new Set();
    this.#needWords = options.needWords ?? new Set();
    this.#kindPhrases = options.kindPhrases ?? new Set();
    this.#dictionary = options.dictionary ?? new Set();
    this.#products = products.map((p) => {
      const titleWords = words(p.title);
      return {
        id: p.id,
        title: p.title,
        category: p.category,
        words: titleWords,
        wordSet: new Set(titleWords.filter((w) => !STOP.has(w))),
        brandWords: new Set(p.brand ? words(p.brand) : []),
        tagWords: new Set((p.tags ?? []).flatMap((t) => words(t))),
        description: p.brand ? (p.description ?? '') : '',
      };
    });
    this.#products.forEach((p, index) => {
      for (const w of p.wordSet) {
        const posting = this.#titlePostings.get(w) ?? [];
        if (posting.at(-1) !== index) posting.push(index);
        this.#titlePostings.set(w, posting);
      }
    });
    for (const [index, p] of products.entries()) {
      const brand = p.brand?.trim();
      if (brand) {
        const key = words(brand).join(' ');
        if (key && !STOP.has(key)) {
          this.#brands.set(key, brand);
          const list = this.#byBrand.get(key) ?? [];
          list.push(this.#products[index] as IndexedProduct);
          this.#byBrand.set(key, list);
          if (this.#common.has(key)) this.#everydayBrands.add(key);
        }
      }
      for (const tag of p.tags ?? []) for (const w of words(tag)) if (!STOP.has(w)) this.#tagWords.add(w);
      const described = words(p.description?.slice(0, 600) ?? '');
      const titled = this.#products[index]?.wordSet;
      described.forEach((w, at) => {
        if (w.length >= 4 && !STOP.has(w)) {
          this.#rawDescriptionWords.add(w);
          if (!this.#common.has(w)) this.#descriptionWords.add(w);
        }
        const kind = at > 0 && titled?.has(w) ? `${described[at - 1]} ${w}` : '';
        if (kind && this.#kindPhrases.has(kind)) this.#describedKinds.add(kind);
      });
    }
    // A big brand's products are never read one by one: their descriptions need not be kept.
    for (const list of this.#byBrand.values())
      if (list.length > BRAND_READ) for (const p of list) p.description = '';
    this.#indexCategories(new Set(products.map((p) => p.category)));
    for (const w of this.#titlePostings.keys()) this.#vocabulary.add(w);
    for (const key of [...this.#brands.keys(), ...this.#categories.keys()])
      for (const w of key.split(' ')) this.#vocabulary.add(w);
    for (const w of this.#tagWords) this.#vocabulary.add(w);
    for (const w of this.#vocabulary) {
      if (w.length < 4 || hasDigit(w)) continue;
      for (const key of deletionKeys(w)) {
        const set = this.#corrections.get(key) ?? new Set<string>();
        set.add(w);
        this.#corrections.set(key, set);
      }
    }
    this.#maxPhrase = Math.max(
      3,
      ...[...this.#brands.keys(), ...this.#categories.keys()].map((k) => k.split(' ').length),
    );
  }

  static build(products: LexiconProduct[], options: LexiconOptions = {}): CatalogLexicon {
    return new CatalogLexicon(products, options);
  }

  get size(): number {
    return this.#products.length;
  }

  /** The slug's own words ("mens shirts", "shirts"), and everyday words for it when the catalog has it. */
  #indexCategories(slugs: Set<string>): void {
    const generic = new Set(['men', 'mens', 'women', 'womens', 'accessory', 'home', 'care', 'kid', 'kids']);
    for (const slug of slugs) {
      const slugWords = words(slug.replace(/[-_]+/g, ' '));
      const phrases = new Set([
        slugWords.join(' '),
        ...(CATEGORY_WORDS[slug] ?? []).map((w) => words(w).join(' ')),
      ]);
      const last = slugWords.at(-1);
      if (last && !generic.has(last) && !STOP.has(last)) phrases.add(last);
      // A slug the words file does not know ("pet-supplies", "bbq-and-outdoor-cooking"): each of its own words
      // names it too ("the pet section", "the most expensive bbq thing").
      if (!(slug in CATEGORY_WORDS))
        for (const w of slugWords) if (w.length >= 3 && !generic.has(w) && !STOP.has(w)) phrases.add(w);
      for (const phrase of phrases) {
        if (!phrase) continue;
        const list = this.#categories.get(phrase) ?? [];
        if (!list.includes(slug)) list.push(slug);
        this.#categories.set(phrase, list);
      }
    }
  }

  /** Product, brand and category mentions, longest first, not overlapping each other. */
  find(text: string): Entity[] {
    const tokens = this.#tokens(text);
    const shopping = SHOPPING_WORDS.test(text);
    const found: Entity[] = [];
    const used = new Set<number>();
    const isFree = (from: number, to: number) => {
      for (let i = from; i < to; i++) if (used.has(i)) return false;
      return true;
    };
    const claim = (from: number, to: number) => {
      for (let i = from; i < to; i++) used.add(i);
    };
    let named: { from: number; to: number } | undefined;
    for (const match of this.#productMatches(tokens, shopping)) {
      // Words that are a category's own name ("mens shirts", "sunglasses") ask for the category, even where a
      // product's title holds them ("Men Check Shirt", a product called "Sunglasses").
      const span = tokens.slice(match.from, match.to).map((t) => t.word);
      if (this.#categories.has(span.join(' '))) continue;
      // Equally good readings of the same words ("iphone": three iPhones) are all kept, best first.
      const sameSpan = named && match.from === named.from && match.to === named.to;
      if (!sameSpan && !isFree(match.from, match.to)) continue;
      claim(match.from, match.to);
      named = { from: match.from, to: match.to };
      const first = tokens[match.from] as Token;
      const last = tokens[match.to - 1] as Token;
      found.push({
        type: 'product',
        value: match.title,
        text: text.slice(first.start, last.end),
        id: match.id,
        start: first.start,
        end: last.end,
      });
    }
    for (let n = this.#maxPhrase; n >= 1; n--) {
      for (let i = 0; i + n <= tokens.length; i++) {
        if (!isFree(i, i + n)) continue;
        const key = tokens
          .slice(i, i + n)
          .map((t) => t.word)
          .join(' ');
        const start = (tokens[i] as Token).start;
        const end = (tokens[i + n - 1] as Token).end;
        const brand = this.#brands.get(key);
        if (brand && (!this.#everydayBrands.has(key) || /^(from|by)$/.test(tokens[i - 1]?.word ?? ''))) {
          // "the Luxe Petal perfume": a brand and a word that only one of its products has name that product.
          const next = tokens[i + n];
          const one = named ? undefined : this.#oneOfBrand(key, next);
          if (one && next) {
            claim(i, i + n + 1);
            const to = next.end;
            found.push({
              type: 'product',
              value: one.title,
              text: text.slice(start, to),
              id: one.id,
              start,
              end: to,
            });
            continue;
          }
          claim(i, i + n);
          found.push({ type: 'brand', value: brand, text: text.slice(start, end), start, end });
          continue;
        }
        const slugs = this.#categories.get(key);
        // "car tyres": a word we do not know right after the category is what is really wanted.
        if (
          slugs &&
          !(n === 1 && namesAnotherThing(tokens, i, key)) &&
          !this.#unknownWord(tokens[i + n]?.word)
        ) {
          claim(i, i + n);
          for (const slug of slugs)
            found.push({ type: 'category', value: slug, text: text.slice(start, end), start, end });
        }
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }

  /**
   * The one product of a brand that the word after the brand's name speaks of, in its title, tags, category or
   * description ("the Luxe Petal perfume" where only Luxe Petal's Eau de Parfum is described as a perfume).
   */
  #oneOfBrand(brand: string, next: Token | undefined): IndexedProduct | undefined {
    const word = next?.word;
    const products = this.#byBrand.get(brand) ?? [];
    // A big brand's products are not read one by one on every message.
    if (!isContentWord(word) || STOP.has(word) || products.length > BRAND_READ) return undefined;
    const speaksOf = (p: IndexedProduct) =>
      p.wordSet.has(word) ||
      p.tagWords.has(word) ||
      this.#categories.get(word)?.includes(p.category) ||
      words(p.description.slice(0, 600)).includes(word);
    const [only, ...others] = products.filter(speaksOf);
    return others.length === 0 ? only : undefined;
  }

  /**
   * Whether the catalog sells a kind of thing ("rain jacket"): one product's title has all its words, or every
   * word is a tag or names a category, or a product's description calls it that kind ("a dive watch").
   */
  sells(kind: string): boolean {
    let known = this.#sells.get(kind);
    if (known === undefined) {
      const kindWords = words(kind).filter((w) => !STOP.has(w));
      const postings = kindWords.map((w) => this.#titlePostings.get(w) ?? []);
      const [first, ...rest] = [...postings].sort((a, b) => a.length - b.length);
      known =
        kindWords.length > 0 &&
        ((first ?? []).some((index) => rest.every((p) => indexInSorted(p, index) >= 0)) ||
          kindWords.every((w) => this.#tagWords.has(w) || this.#categories.has(w)) ||
          this.#describedKinds.has(kindWords.join(' ')));
      this.#sells.set(kind, known);
    }
    return known;
  }

  /**
   * How many words of the message are catalog words that everyday language does not use: title words and tags,
   * and (with `descriptions`) words of product descriptions, for needs such as "something to keep coffee hot".
   */
  catalogWordCount(text: string, { descriptions = false } = {}): number {
    // A word of three or four letters put right ("ovan") may complete a name, but is too easily another word
    // to count here.
    const tokens = this.#tokens(text).filter((t) => !t.corrected || (t.raw ?? t.word).length >= 5);
    // A short message made only of catalog words ("coffee machines") names products, everyday words or not.
    // Money words say how much, not what ("lights between 20 and 40 quid").
    const content = tokens.filter(
      (t) =>
        !STOP.has(t.word) && t.word.length >= 3 && !SHOPPING_WORDS.test(t.word) && !MONEY_WORDS.test(t.word),
    );
    if (
      content.length > 0 &&
      content.length <= 3 &&
      content.every((t) => this.#titlePostings.has(t.word) || this.#tagWords.has(t.word))
    )
      return content.length;
    let count = 0;
    for (const t of tokens) {
      if (STOP.has(t.word) || this.#common.has(t.word) || t.word.length < 3) continue;
      if (this.#titlePostings.has(t.word) || this.#tagWords.has(t.word)) count++;
      else if (descriptions && this.#descriptionWords.has(t.word)) count++;
    }
    return count;
  }

  /**
   * Whether the message asks for a thing the catalog does not know: an unknown word as what is needed,
   * wanted or bought ("I need a printer", "want some new dumbbells"; one describing word may sit between), or
   * as the last word of a short request ("car tyres").
   */
  namesUnknownThing(text: string): boolean {
    const tokens = this.#tokens(text);
    // The words as written: a typo put right must not turn "some" into "home".
    const said = (at: number) => writtenWord(tokens[at]);
    // "car tyres", "phone tripods": in a short request the last word names the thing, the ones before say which.
    // A real English word no product uses ("tyres" may be everyday talk, but it is not in this catalog).
    const content = tokens.filter((t) => isContentWord(t.word));
    const last = content[content.length - 1];
    if (tokens.length <= 4 && content.length >= 2 && last && !last.corrected && this.#unsoldNoun(last))
      return true;
    // "want some silly eyewear": a word the next one goes on from only says which; the phrase's last word is
    // the thing (#unknownHead reads it).
    const endsPhrase = (at: number) => {
      const next = tokens[at + 1];
      if (!next || PHRASE_END.has(said(at + 1)) || !isContentWord(next.word)) return true;
      return /[,.;:!?]/.test(text.slice(tokens[at]?.end ?? 0, next.start));
    };
    const named = tokens.some((t, i) => {
      let at = i - 1;
      if (DESCRIBING.has(said(at)) || said(at) === 'new') at--;
      // "I need a printer", or a message that starts with the thing: "a bicycle for my son".
      const asked = asksAt(said, at - 1) || at === 0;
      if (!ARTICLE.has(said(at)) || !asked) return false;
      // "I want a proper espresso machine": a two-word kind of product the catalog does not sell, nor anything
      // called by its last word ("a frying pan" may be the Pan).
      const phrase = `${said(i)} ${said(i + 1)}`;
      if (this.#kindPhrases.has(phrase) && !this.sells(phrase) && !this.sells(said(i + 1))) return true;
      return this.#unknownWord(t.word) && endsPhrase(i);
    });
    return named || this.#unknownHead(text, tokens, said);
  }

  /**
   * "I need a set of winter tires for my car", "we need a baby stroller before the due date": the thing asked
   * for is the last word of the phrase after "need a", before a preposition or the end of the sentence.
   */
  #unknownHead(text: string, tokens: Token[], said: (at: number) => string): boolean {
    for (let i = 1; i < tokens.length; i++) {
      if (!ARTICLE.has(said(i)) || !asksAt(said, i - 1)) continue;
      let head = i;
      for (let j = i + 1; j < Math.min(tokens.length, i + 5); j++) {
        const gap = text.slice(tokens[j - 1]?.end ?? 0, tokens[j]?.start ?? 0);
        if (/[,.;:!?]/.test(gap) || PHRASE_END.has(said(j))) break;
        head = j;
      }
      const word = tokens[head];
      if (head > i + 1 && word && !word.corrected && this.#unknownWord(word.word)) return true;
    }
    return false;
  }

  /** A dictionary noun of four letters or more that no product's title, tags, category or description uses. */
  #unsoldNoun(token: { word: string; raw?: string }): boolean {
    const { word } = token;
    if (word.length < 4 || FILLER.has(word) || this.#vocabulary.has(word)) return false;
    if (this.#rawDescriptionWords.has(word)) return false;
    return this.#dictionary.has(token.raw ?? word) || this.#dictionary.has(word);
  }

  /** A content word that is neither everyday language nor in the catalog: part of a name we do not sell. */
  #unknownWord(word: string | undefined): boolean {
    if (!isContentWord(word) || DESCRIBING.has(word) || FILLER.has(word) || this.#needWords.has(word))
      return false;
    return !this.#common.has(word) && !this.#vocabulary.has(word) && !this.#descriptionWords.has(word);
  }

  /**
   * Whether a word beside a one-word match names something else: a content word that is neither everyday
   * language nor shopping talk ("towels" in "hand towels", "shoes" in "mens shoes").
   */
  #namesSomethingElse(word: string | undefined, product: IndexedProduct, matched?: string): boolean {
    if (!isContentWord(word) || product.wordSet.has(word) || product.tagWords.has(word)) return false;
    if (matched !== undefined && this.#kindPhrases.has(`${matched} ${word}`)) return true;
    // "the Dolce Shine perfume": a word for the product's own category.
    if (this.#categories.get(word)?.includes(product.category)) return false;
    return !this.#common.has(word) || this.#vocabulary.has(word);
  }

  #tokens(text: string): Token[] {
    if (this.#last?.text !== text) this.#last = { text, tokens: this.#correct(tokenize(text)) };
    return this.#last.tokens;
  }

  /**
   * Replaces a misspelt word by the one catalog word one edit away; everyday and dictionary words are left
   * alone, but for a dictionary word right after a brand whose titles hold the catalog word, or right after
   * another word of a title that holds it ("rolex submarine", "chicken meet").
   */
  #correct(tokens: Token[]): Token[] {
    return tokens.map((t, i) => {
      const w = t.word;
      // The written length: "tenis" folds to "teni" as a plural would. "opo" may be Oppo: a corrected word only
      // completes a name, and a short one is not counted as a catalog word on its own (catalogWordCount).
      const raw = t.raw ?? w;
      if (raw.length < 3 || hasDigit(w) || this.#vocabulary.has(w)) return t;
      // A real word (everyday or the dictionary's) stays itself, unless the word before it is a brand or a
      // title word whose products' titles hold the word it is one letter from ("the rolex submarine" is the
      // Submariner, "chicken meet" the Chicken Meat). Not a word of three letters: "leaves and sap" is not the
      // Leaves Hand Soap.
      const before = tokens[i - 1]?.word;
      const real = this.#common.has(w) || this.#dictionary.has(raw);
      const inContext =
        before !== undefined && (this.#byBrand.has(before) || this.#titlePostings.has(before));
      if (real && (raw.length < 4 || !inContext)) return t;
      const near = new Set<string>();
      for (const form of new Set([w, raw]))
        for (const key of deletionKeys(form))
          for (const candidate of this.#corrections.get(key) ?? [])
            if (spelledLike(form, candidate, 1)) near.add(candidate);
      if (near.size !== 1) return t;
      const meant = [...near][0] as string;
      if (real && !this.#brandTitles(before, meant) && !this.#titlePair(before, meant)) return t;
      return { ...t, word: meant, corrected: true };
    });
  }

  /** Whether a product's title holds both words ("chicken meet" is the Chicken Meat). */
  #titlePair(first: string | undefined, word: string): boolean {
    const a = first === undefined ? undefined : this.#titlePostings.get(first);
    const b = this.#titlePostings.get(word);
    if (!a || !b) return false;
    // Postings are in product order: walk both at once.
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
      const [x, y] = [a[i] as number, b[j] as number];
      if (x === y) return true;
      if (x < y) i++;
      else j++;
    }
    return false;
  }

  /** Whether a brand of one word has a product whose title holds `word`. */
  #brandTitles(brand: string | undefined, word: string): boolean {
    const products = brand === undefined ? undefined : this.#byBrand.get(brand);
    return products?.some((p) => p.wordSet.has(word)) ?? false;
  }

  #idf(word: string): number {
    const df = this.#titlePostings.get(word)?.length ?? 0;
    return Math.log(1 + this.#products.length / Math.max(1, df));
  }

  #productMatches(
    tokens: Token[],
    shopping: boolean,
  ): { id: number; title: string; from: number; to: number; score: number }[] {
    // Candidates come from the rarer words only, so a lookup costs the same for 200 or 100,000 products.
    const positions = new Map<string, number[]>();
    const exact = new Set<string>();
    tokens.forEach((t, i) => {
      if (STOP.has(t.word)) return;
      positions.set(t.word, [...(positions.get(t.word) ?? []), i]);
      // A long word one edit from a catalog word is that word ("strawberies"); a short one may be anything.
      if (!t.corrected || (t.raw?.length ?? 0) >= LONG_TYPO) exact.add(t.word);
    });
    const candidates = new Set<number>();
    for (const w of positions.keys()) {
      const posting = this.#titlePostings.get(w);
      if (posting && posting.length <= MAX_NAMING_POSTINGS) for (const p of posting) candidates.add(p);
    }
    const matches: { id: number; title: string; from: number; to: number; score: number; pair?: string }[] =
      [];
    const pairs = new Map<string, number>();
    for (const index of candidates) {
      const product = this.#products[index] as IndexedProduct;
      const matched = [...product.wordSet].filter((w) => positions.has(w));
      const distinctive = matched.filter((w) => !product.brandWords.has(w));
      const at = matched.flatMap((w) => positions.get(w) as number[]).sort((a, b) => a - b);
      const from = at[0] as number;
      const to = (at.at(-1) as number) + 1;
      // Title words scattered across a long message are a coincidence, not a name.
      if (to - from > matched.length + 2) continue;
      const whole = matched.length === product.wordSet.size;
      const letterWords = distinctive.filter((w) => !hasDigit(w));
      const rareWord = (w: string) =>
        exact.has(w) &&
        !this.#common.has(w) &&
        !GENERIC.has(w) &&
        !this.#categories.has(w) &&
        w.length >= 2 &&
        !hasDigit(w) &&
        (this.#titlePostings.get(w)?.length ?? 0) <= MAX_SINGLE_WORD_PRODUCTS;
      // "hand towels" is not the Hand Blender and "mens shoes" not the Men Check Shirt: the word after a
      // one-word match is often the noun it qualifies. "kite board" is not the board game: an unknown word
      // just before it qualifies it.
      // Nor is "car seats" the Garden Swing Seat: the word before makes a kind of thing of it that the product's
      // title does not say.
      const before = tokens[from - 1]?.word;
      const alone = () =>
        !this.#namesSomethingElse(tokens[to]?.word, product, tokens[to - 1]?.word) &&
        !this.#unknownWord(before) &&
        !(
          before !== undefined &&
          !product.wordSet.has(before) &&
          this.#kindPhrases.has(`${before} ${tokens[from]?.word}`)
        );
      // "anything from Apple?" is the brand, not the one product titled "Apple".
      const byBrand = (at: number) =>
        this.#brands.has(product.words.join(' ')) && /^(from|by)$/.test(tokens[at - 1]?.word ?? '');
      const accepted =
        (distinctive.length >= 2 && letterWords.length >= 1) ||
        (whole && distinctive.length >= 1 && product.wordSet.size > 1) ||
        (whole && distinctive.length >= 1 && shopping && alone() && !byBrand(from)) ||
        (distinctive.length === 1 &&
          rareWord(distinctive[0] as string) &&
          (matched.length >= 2 || (alone() && !byBrand(from) && (shopping || tokens.length <= 6))));
      // "lumo lamp": the brand and one word of the title, when few of the brand's products share that word.
      const brandPair =
        !accepted &&
        distinctive.length === 1 &&
        letterWords.length === 1 &&
        matched.some((w) => product.brandWords.has(w));
      if (!accepted && !brandPair) continue;
      const score =
        matched.reduce((s, w) => s + this.#idf(w), 0) + matched.length / Math.max(1, product.wordSet.size);
      const key = matched.sort().join(' ');
      if (brandPair) pairs.set(key, (pairs.get(key) ?? 0) + 1);
      matches.push({
        id: product.id,
        title: product.title,
        from,
        to,
        score,
        pair: brandPair ? key : undefined,
      });
    }
    const kept = matches.filter(
      (m) => m.pair === undefined || (pairs.get(m.pair) ?? 0) <= MAX_SINGLE_WORD_PRODUCTS,
    );
    kept.sort((a, b) => b.score - a.score || a.id - b.id);
    // Keep near-ties of the best reading of a span (ambiguous names), drop weaker readings.
    const best = new Map<string, number>();
    return kept.filter((m) => {
      const key = `${m.from}:${m.to}`;
      const top = best.get(key);
      if (top === undefined) {
        best.set(key, m.score);
        return true;
      }
      return m.score >= top - 1e-9;
    });
  }
}
