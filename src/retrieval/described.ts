/**
 * @module retrieval/described
 * Needs met from the products' own texts: "a proper surface for cutting veg" finds the chopping board whose
 * description speaks of a surface for cutting, though no list of needs names it. The words compared are the
 * message's content words (the caller takes out talk of prices and of needing); a product qualifies by what
 * its title, tags and description hold, compared on stems, synonyms and the doer a verb names ("grate" → grater).
 */
import type { SearchFilter, SearchIndex } from './search-index.ts';
import { synonyms } from './synonyms.ts';
import { searchTokens } from './text.ts';

/** How many of a described need's words a product's own text must hold. */
const DESCRIBED_WORDS = 2;
/** A title word in at most this many titles names a kind of product rather than a common quality. */
const DISTINCTIVE_TITLES = 3;

/**
 * A word without "-ing" or "-ed", and without the doubled last letter those leave ("cutting" → cut, "rolled" →
 * rol, "roll" → rol): both sides of a comparison are cut the same way, so they meet.
 */
export function verbStem(word: string): string {
  let stem = word.replace(/(?:ing|ed)$/, '');
  if (stem.length < 3) stem = word;
  return /([^aeiou])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

/**
 * The nouns for a thing that does what a verb says, as English makes them: "grate" → grater, "peel" →
 * peeler, "cut" → cutter, "open" → opener, and from the verb's other forms ("squeezing" → squeezer, "peeled"
 * → peeler, "cutting" → cutter). Only ever looked up among title words, so a form that is not a word
 * ("peelor", "slicinger") finds nothing.
 */
export function doersOf(word: string): string[] {
  const stem = verbStem(word);
  return stem === word ? doersOfVerb(word) : [...doersOfVerb(word), ...doersOfVerb(stem)];
}

function doersOfVerb(word: string): string[] {
  if (word.length < 3) return [];
  if (word.endsWith('e')) return [`${word}r`];
  return [`${word}er`, `${word}${word.at(-1)}er`, `${word}or`];
}

export interface DescribedProduct {
  id: number;
  title: string;
}

/** What the described search reads of the catalog. */
export interface ProductTexts<M extends DescribedProduct> {
  index: SearchIndex<M>;
  /** A product's search words (title, tags, description). */
  wordsOf(id: number): Set<string>;
  products(): Iterable<M>;
}

export interface DescribedQuery {
  /** The message's content words, as `searchTokens` folds them. */
  words: string[];
  filter: SearchFilter;
  limit: number;
  /** Whether one distinctive title word is enough ("hang all our mugs": the Mug Tree Stand). */
  oneWord: boolean;
}

export class DescribedSearch<M extends DescribedProduct> {
  readonly #texts: ProductTexts<M>;
  #titleWordCounts: Map<string, number> | undefined;
  readonly #stems = new Map<number, Set<string>>();

  constructor(texts: ProductTexts<M>) {
    this.#texts = texts;
  }

  /**
   * Products whose own text holds at least two of the words, or, when `oneWord`, one word distinctive in the
   * product's title (`loose`). One shared word is too often a coincidence ("find my phone" is not a phone case),
   * so a lone word must name a kind of thing few titles share. `strict`, from the same search: two shared
   * words, one of them in the title. The best evidence first: more words, and words in the title, before the
   * search's own order.
   */
  async find({ words, filter, limit, oneWord }: DescribedQuery): Promise<{ strict: M[]; loose: M[] }> {
    if (words.length === 0 || (words.length < 2 && !oneWord)) return { strict: [], loose: [] };
    const titles = this.#titleCounts();
    const doers = words.flatMap(doersOf).filter((w) => titles.has(w));
    const hits = await this.#texts.index.search([...words, ...doers].join(' '), { limit: limit * 4, filter });
    const strict: { meta: M; weight: number }[] = [];
    const loose: { meta: M; weight: number }[] = [];
    for (const { meta } of hits) {
      const { distinct, inTitle, title } = this.#shared(words, meta);
      const weight = distinct + inTitle.length;
      if (distinct >= DESCRIBED_WORDS && inTitle.length > 0) strict.push({ meta, weight });
      if (distinct >= DESCRIBED_WORDS || (oneWord && inTitle.some((w) => this.#distinctive(w, title))))
        loose.push({ meta, weight });
    }
    // A stable sort: equal evidence keeps the search's order.
    const best = (found: { meta: M; weight: number }[]) =>
      found
        .sort((a, b) => b.weight - a.weight)
        .slice(0, limit)
        .map((f) => f.meta);
    return { strict: best(strict), loose: best(loose) };
  }

  /**
   * How much of the message a product's own text holds: its distinct words (compared as in `find`), and
   * those in its title once more. 0 when it shares none.
   */
  evidence(words: string[], product: DescribedProduct): number {
    const { distinct, inTitle } = this.#shared(words, product);
    return distinct + inTitle.length;
  }

  /** The message's words a product holds: how many distinct ones, and which are in its title. */
  #shared(words: string[], product: DescribedProduct) {
    const shared = this.#sharedWords(words, product.id);
    // Two words, not two forms of one ("checks", "checking").
    const distinct = new Set(shared.map(verbStem)).size;
    const title = new Set(searchTokens(product.title));
    const inTitle = shared.filter((w) => title.has(w) || doersOf(w).some((d) => title.has(d)));
    return { distinct, inTitle, title };
  }

  /**
   * The message's words a product's own text holds, itself, by its stem ("roll the dough" is what a pin for
   * rolling dough does), as the doer the word names ("grate" → the grater) or as a word shoppers use for the
   * same thing.
   */
  #sharedWords(words: string[], id: number): string[] {
    const own = this.#texts.wordsOf(id);
    const stems = this.#stemsOf(id, own);
    const alike = synonyms();
    return words.filter(
      (w) =>
        own.has(w) ||
        stems.has(verbStem(w)) ||
        doersOf(w).some((d) => own.has(d)) ||
        (alike.get(w) ?? []).some((o) => own.has(o)),
    );
  }

  /** A product's words as `verbStem` cuts them, kept once worked out (a need list asks of the same products). */
  #stemsOf(id: number, own: Set<string>): Set<string> {
    let stems = this.#stems.get(id);
    if (!stems) {
      stems = new Set([...own].map(verbStem));
      this.#stems.set(id, stems);
    }
    return stems;
  }

  /** Whether a word (three letters or more) is in this title and in few others. */
  #distinctive(word: string, title: Set<string>): boolean {
    // The word itself: the doer of one word alone is too often a coincidence ("dry dog food" is not the
    // hair dryer), though it counts beside another word.
    return word.length >= 3 && title.has(word) && (this.#titleCounts().get(word) ?? 0) <= DISTINCTIVE_TITLES;
  }

  /** How many products' titles hold each word: counted on the first described need, not at every start. */
  #titleCounts(): Map<string, number> {
    if (!this.#titleWordCounts) {
      const counts = new Map<string, number>();
      for (const product of this.#texts.products())
        for (const word of new Set(searchTokens(product.title)))
          counts.set(word, (counts.get(word) ?? 0) + 1);
      this.#titleWordCounts = counts;
    }
    return this.#titleWordCounts;
  }
}
