/**
 * @module nlu/engine
 * Text → intent (with a calibrated confidence and an explicit out-of-scope result) and entities.
 * Knows nothing of actions or dialogue (as in Rasa's NLU).
 *
 * Three decisions, in this order:
 * 1. The live catalog: products, brands and categories found in the message are masked with the training
 *    placeholder before classification, and a clear catalog mention makes the message a product question
 *    unless a support intent is confident ("return the Nimbus X12" stays a refund request).
 * 2. The intent classifier, with an out-of-scope class of its own.
 * 3. A separate in-domain detector says whether the message is the shop's business at all; it never overrides
 *    a confident support ranking or a message full of store words, and long messages are read clause by clause.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { askedForByName } from '../retrieval/catalog.ts';
import { englishWords } from '../retrieval/english-words.ts';
import { fold, searchTokens } from '../retrieval/text.ts';
import { askedInSoManyWords, LONG_MESSAGE, type Ranked } from './asked.ts';
import { LinearClassifier } from './classifier.ts';
import { extractEntities } from './entities.ts';
import type { Entity } from './entity.ts';
import { type IntentName, isSupportIntent } from './intents.ts';
import { CatalogLexicon, type LexiconProduct, SHOPPING_WORDS } from './lexicon.ts';
import {
  type CacheEvent,
  type ModelParts,
  modelKey,
  pruneModels,
  readModel,
  touchModel,
  writeModel,
} from './model-cache.ts';
import {
  ASKED_FOR,
  GIFT_FOR_SOMEONE,
  kindPhrases,
  NEED_FRAME,
  needs,
  needsIn,
  needWords,
  THING_FOR_SOMEONE,
  tellsOwnSituation,
  toldAsOwned,
} from './needs.ts';
import { asksAnotherAssistant } from './other-assistants.ts';
import {
  CATALOG_PLACEHOLDER,
  type Example,
  frameWords,
  generateExamples,
  sourceWords,
} from './training/generate.ts';
import {
  ASKS_IF_SOLD,
  asksAfterOwnedThing,
  asksAnErrand,
  asksOnlyForAdvice,
  asksWhereItIs,
  dealsElsewhere,
  STORE_WORDS,
  speaksOfAnotherBusiness,
  speaksOfShopMatters,
  speaksOfUs,
  tellsOfATrip,
  toldOfAWrongDelivery,
  toldThingNotCome,
} from './whose-business.ts';

export interface NluResult {
  text: string;
  intent: { name: IntentName; confidence: number };
  ranking: { name: IntentName; confidence: number }[];
  entities: Entity[];
}

export interface NluOptions {
  /** Below this in-domain probability a message is `out_of_scope` (unless store words or a confident support intent say otherwise). */
  outOfScopeThreshold?: number;
  examplesPerIntent?: number;
  epochs?: number;
  /** Weight of the out-of-scope class in the intent classifier (it keeps unrelated requests off support intents). */
  outOfScopeBoost?: number;
  /** Weight of the small-talk classes (short messages are few in the training set). */
  smallTalkBoost?: number;
}

/** Chosen with `npm run eval` on the public Bitext and CLINC files (docs/nlu.md). */
export const DEFAULT_OOS_THRESHOLD = 0.5;
export const DEFAULT_OOS_BOOST = 16;
export const DEFAULT_SMALL_TALK_BOOST = 6;
/** The seeds of the training samples whose models are averaged into each of the engine's models. */
const SAMPLE_SEEDS = [7, 8, 9];
/** A support intent this sure is kept whatever the in-domain detector or the catalog say. */
const CONFIDENT_SUPPORT = 0.9;
/** The classifier's out-of-scope class this sure, with the detector not sure of the contrary, outvotes a store word. */
const SURE_OUT = 0.8;
const SURE_IN = 0.95;
/** With a product named and store words around it, a support intent this likely wins over shopping. */
const STORE_SUPPORT = 0.3;
/** Below this, a support intent without store words is out of scope. */
const UNSURE_SUPPORT = 0.5;
/** A clause that asks for something: a question or request to us, or a wish. */
const ASKS =
  /\?\s*$|^\W*(?:please|pls|can|could|would|will|how|where|when|what|is it|is there|do you|i(?:'d| would) like|i want|i need)\b|\b(?:can|could|would|will) (?:you|u|i|it|someone)\b|\bplease\b|\bhow (?:do|can) i\b/i;

/** A question this long that only asks for advice is not shopping, whatever it names ("how long do I boil an egg"). */
const ADVICE_WORDS = 8;
/** A clause of a long message with no store word must be this sure of a support intent instead. */
const SURE_CLAUSE_WITHOUT_STORE_WORDS = 0.8;
/** A clause of a long message must be this sure of a support intent to speak for the whole message. */
const CONFIDENT_CLAUSE = 0.55;

/** "If it doesn't fit…", "if she doesn't like it…": a condition on a purchase not yet made. */
const IF_IT_DOES_NOT =
  /\bif\b[^.?!]{0,40}?\b(?:doesn['’]?t|don['’]?t|does not|do not|isn['’]?t|aren['’]?t|won['’]?t)\b/i;
/** A purchase already made: "I bought", "it arrived", "my order". */
const ALREADY_BOUGHT = /\b(?:bought|ordered|received|arrived|purchased|came|delivered|my order)\b/i;

/** Whether a return asked about is one of a purchase not yet made ("if it doesn't fit can I send it back?"). */
function asksBeforeBuying(text: string): boolean {
  return IF_IT_DOES_NOT.test(text) && !ALREADY_BOUGHT.test(text);
}

/** Readings of "where is my laptop?" that miss the order it came in. */
const AFTER_THE_ORDER = new Set<IntentName>([
  'product_inquiry',
  'out_of_scope',
  'delivery_period',
  'delivery_options',
  'bot_capabilities',
]);

/** Policy-looking intents whose answer, for a named product, is that product's own record. */
const NAMED_PRODUCT_OVERRIDES = new Set<IntentName>([
  'check_refund_policy',
  'delivery_period',
  'delivery_options',
  'check_payment_methods',
]);

/** Readings of a delivery gone wrong that miss the complaint (a refund or return asked for is not among them). */
const ARRIVAL_READINGS = new Set<IntentName>([
  'track_order',
  'delivery_period',
  'delivery_options',
  'change_order',
  'out_of_scope',
  'product_inquiry',
]);
const SMALL_TALK = new Set<IntentName>(['greeting', 'goodbye', 'thanks', 'bot_capabilities']);

/** Describing a need rather than naming a product: "something to keep my coffee hot", "a gift for…". */
const NEED_WORDS = new RegExp(
  `\\b(?:${ASKED_FOR.source}|gift|present|looking for|i need an?|i want an?|suggest|ideas? for|good for)\\b`,
  'i',
);

/** Asking for the top of a ranking ("the cheapest", "most expensive", "best rated"), not a preference. */
const RANKED =
  /\b(?:cheapest|least expensive|lowest[- ]priced|most expensive|priciest|highest[- ]priced|(?:best|top|highest)[- ]rated)\b/i;

/** Asking for an unnamed thing: "something to keep my coffee hot", "anything for the rain?". */
const SOMETHING = /\b(?:something|anything)\b/i;
/** A thing the shopper says they do not want: "don't want a full laptop", "without buying a car". */
const NOT_WANTED =
  /\b(?:don['’]?t|do not|doesn['’]?t|not|never|without)\s+(?:[\w'’-]+\s+){0,3}?(?:an?|any|the)\s+(?:[\w'’-]+\s+)?[\w'’-]+/gi;
/** An unnamed thing for a purpose: "something to wash them with", "anything for a sore back". */
const SOMETHING_FOR = /\b(?:something|anything) (?:to|for|that|which|i can)\b/i;

export class NluEngine {
  readonly #classifier: LinearClassifier;
  readonly #long: LinearClassifier;
  readonly #detector: LinearClassifier;
  readonly #threshold: number;
  readonly #commonWords: ReadonlySet<string>;
  #lexicon: CatalogLexicon | undefined;
  /** The need of the message being parsed, for the lexicon it was read against (cleared at every parse). */
  #lastNeed: { text: string; lexicon: CatalogLexicon; need: Entity | undefined } | undefined;
  readonly buildMs: number;

  private constructor(parts: ModelParts, threshold: number, buildMs: number) {
    this.#classifier = parts.classifier;
    this.#long = parts.long;
    this.#detector = parts.detector;
    this.#commonWords = parts.commonWords;
    this.#threshold = threshold;
    this.buildMs = buildMs;
    // Read now: a malformed needs.md stops the start instead of failing every chat turn that reaches it.
    needs();
  }

  /**
   * Generates the training sets, trains the intent classifiers and the in-domain detector (each the mean of one
   * model per sample), and calibrates them.
   */
  static build(options: NluOptions = {}): NluEngine {
    const started = performance.now();
    // Each model is the average of models trained on samples drawn with different seeds (see
    // LinearClassifier.average): one sample's accidents weigh less.
    const samples = SAMPLE_SEEDS.map((seed) =>
      generateExamples({ perIntent: options.examplesPerIntent ?? 900, seed }),
    );
    const train = samples[0] ?? [];
    const heldOut = generateExamples({ perIntent: 40, seed: 1234 });
    const epochs = options.epochs ?? 4;
    const labelled = (examples: Example[]) =>
      examples.map((e) => ({ text: e.text, label: e.intent, extra: e.story }));
    const asDomain = (examples: Example[]) =>
      examples.map((e) => ({
        text: e.text,
        label: e.intent === 'out_of_scope' ? 'out' : 'in',
        extra: e.story,
      }));
    const talk = options.smallTalkBoost ?? DEFAULT_SMALL_TALK_BOOST;
    const classBoost = {
      out_of_scope: options.outOfScopeBoost ?? DEFAULT_OOS_BOOST,
      ...Object.fromEntries([...SMALL_TALK].map((intent) => [intent, talk])),
    };
    // Short messages are read by a classifier that never saw a story: stories make the request words of a
    // long message count for more, and on a short unrelated question that pushes it into a support intent.
    const plain = (examples: Example[]) => examples.filter((e) => !e.story);
    const trained = (make: (examples: Example[]) => LinearClassifier) =>
      LinearClassifier.average(samples.map(make));
    const classifier = trained((ex) => LinearClassifier.train(labelled(plain(ex)), { epochs, classBoost }));
    classifier.calibrate(labelled(plain(heldOut)));
    const long = trained((ex) =>
      LinearClassifier.train(labelled(ex), { epochs, classBoost, dimensions: 1 << 16 }),
    );
    long.calibrate(labelled(heldOut.filter((e) => e.story || wordCount(e.text) >= LONG_MESSAGE)));
    const detector = trained((ex) => LinearClassifier.train(asDomain(ex), { epochs, dimensions: 1 << 16 }));
    detector.calibrate(asDomain(heldOut));
    return new NluEngine(
      { classifier, long, detector, commonWords: everydayWords(plain(train)) },
      options.outOfScopeThreshold ?? DEFAULT_OOS_THRESHOLD,
      performance.now() - started,
    );
  }

  /**
   * The model for these options from `dir` when a file there was trained from exactly the same phrases, code and
   * options (its name is their hash); otherwise trains it and writes the file for the next start. The cache is
   * best effort: an unreadable or unwritable directory only costs the training time.
   */
  static cached(options: NluOptions & { dir: string; onCache?: (event: CacheEvent) => void }): NluEngine {
    const { dir, onCache, ...buildOptions } = options;
    const started = performance.now();
    const file = join(dir, `nlu-${modelKey(buildOptions)}.bin`);
    try {
      const parts = readModel(readFileSync(file));
      const engine = new NluEngine(
        parts,
        buildOptions.outOfScopeThreshold ?? DEFAULT_OOS_THRESHOLD,
        performance.now() - started,
      );
      onCache?.({ kind: 'hit', file });
      touchModel(file);
      return engine;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onCache?.({ kind: 'unreadable', file, error });
    }
    const engine = NluEngine.build(buildOptions);
    try {
      mkdirSync(dir, { recursive: true });
      // Written aside and renamed, so a reader never sees half a file (tests build in parallel).
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(
        temporary,
        writeModel({
          classifier: engine.#classifier,
          long: engine.#long,
          detector: engine.#detector,
          commonWords: engine.#commonWords,
        }),
      );
      renameSync(temporary, file);
      onCache?.({ kind: 'written', file });
      pruneModels(dir);
    } catch (error) {
      onCache?.({ kind: 'unwritable', file, error });
    }
    return engine;
  }

  /** Swaps in the lexicon of a new catalog (products, brands, categories, tags). */
  setCatalog(products: LexiconProduct[]): void {
    this.#lexicon = CatalogLexicon.build(products, {
      commonWords: this.#commonWords,
      // Read on the first word that could be a typo, not at start (~65 ms).
      dictionary: { has: (word) => englishWords().has(word) },
      needWords: needWords(),
      kindPhrases: kindPhrases(),
    });
  }

  /** What the intent classifier says of the text as given (no catalog masking, no routing). */
  classifyRaw(text: string): Ranked[] {
    return this.#ranking(text);
  }

  parse(text: string): NluResult {
    this.#lastNeed = undefined;
    const entities = extractEntities(text, this.#lexicon).filter((e) => !byPhone(text, e));
    const catalog = entities.filter(
      (e) => e.type === 'product' || e.type === 'brand' || e.type === 'category',
    );
    const { ranking, inDomain } = this.#rank(mask(text, catalog));
    const words = wordCount(text);
    let intent = this.#decide(text, entities, catalog, ranking, inDomain);
    // A request about another business ("my landlord", "the tax office", "the airline") that says nothing of
    // this shop is theirs to answer, whatever words it shares with ours ("refund", "order", "cancel"), and
    // no need of it is ours to meet.
    const theirs = speaksOfAnotherBusiness(text);
    const out = (): Ranked => outOfScope(inDomain);
    if ((theirs || tellsOfATrip(text)) && isSupportIntent(intent.name)) intent = out();
    // A long message the classifier puts out of scope as a whole and that speaks of nothing a shop's support
    // handles (no order, parcel, account, payment, the shop itself) is not a support request, however one
    // clause of it sounds ("what actually works to get them out for good?" after a story about mice in the
    // loft). One that names what we sell and shops for it ("I'd spend 400 to 1000 on a new phone, what are my
    // options") is a product question.
    if (
      isSupportIntent(intent.name) &&
      words >= LONG_MESSAGE &&
      ranking[0]?.name === 'out_of_scope' &&
      !speaksOfShopMatters(text)
    ) {
      const shops = SHOPPING_WORDS.test(text) || NEED_WORDS.test(text);
      intent = catalog.length > 0 && shops ? product(intent, 0.6) : out();
    }
    // Nor is a long product question that only tells of another business ("my phone company charged me roaming
    // fees though I bought the add-on"), or a short one that names only categories and that the classifier is
    // sure is not ours ("what did I spend at the grocery store yesterday") or that speaks of what only another
    // business deals in ("a table for 4 at Steve's"), unless it asks for a thing; nor a question of 8 words or
    // more that asks only for advice ("how long should I boil eggs…?"), whatever products it names or needs it
    // tells of; nor an errand for a general assistant ("write a poem about my cat").
    if (
      theirs &&
      intent.name === 'product_inquiry' &&
      (words >= LONG_MESSAGE ||
        (catalog.every((e) => e.type === 'category') && (sureNotOurs(ranking) || dealsElsewhere(text)))) &&
      !NEED_FRAME.test(text) &&
      !ASKS_IF_SOLD.test(text)
    )
      intent = out();
    if (
      (intent.name === 'product_inquiry' || intent.name === 'out_of_scope') &&
      ((ranking[0]?.name === 'out_of_scope' &&
        words >= ADVICE_WORDS &&
        asksOnlyForAdvice(text, (question) => NEED_FRAME.test(question))) ||
        asksAnErrand(text))
    )
      return { text, intent: intent.name === 'out_of_scope' ? intent : out(), ranking, entities };
    if (theirs && intent.name === 'out_of_scope') return { text, intent, ranking, entities };
    // "Where is my laptop?", "my air fryer still hasn't arrived": the order that holds it, not the product.
    const afterTheOrder = AFTER_THE_ORDER.has(intent.name);
    if (
      (afterTheOrder && catalog.some((e) => asksAfterOwnedThing(text, e.start, e.end))) ||
      ((afterTheOrder || intent.name === 'track_refund') && toldThingNotCome(text))
    )
      return { text, intent: { name: 'track_order', confidence: 0.8 }, ranking, entities };
    // What a general assistant is asked ("what gas does this car take", "how do I make pie crust", "roll a dice",
    // "do you have pets") is not a product question nor a support request, whatever shop words it holds, unless
    // it names a product; a need the catalog sells for still answers some ("my car battery is dead": a jump
    // starter).
    // Small talk is not tested at all. A support request that speaks of an order, a refund or this shop stays
    // one ("the recipes are missing pages, I want a refund"); the long store-word tests run only when a family
    // matched firmly.
    const shopping = intent.name === 'product_inquiry' || intent.name === 'out_of_scope';
    const supporting = isSupportIntent(intent.name) || intent.name === 'bot_capabilities';
    const other = shopping || supporting ? asksAnotherAssistant(text) : undefined;
    if (
      other &&
      !catalog.some(namedInFull) &&
      (shopping
        ? other === 'firmly' || !this.#need(text)
        : other === 'firmly' && !STORE_WORDS.test(text) && !speaksOfUs(text))
    )
      return {
        text,
        intent: intent.name === 'out_of_scope' ? intent : out(),
        ranking,
        entities: entities.filter((e) => e.type !== 'category'),
      };
    // "I need something to wash them with": asking for an unnamed thing, with no product and no word of an
    // order, is a shopper's question, not a request to place an order (nor out of scope when placing an order
    // is the classifier's next guess).
    const ordering = ranking.find((r) => r.name !== 'out_of_scope');
    if (
      (intent.name === 'place_order' ||
        (intent.name === 'out_of_scope' && ordering?.name === 'place_order' && ordering.confidence >= 0.3)) &&
      SOMETHING_FOR.test(text) &&
      !catalog.some((e) => e.type === 'product') &&
      !STORE_WORDS.test(text) &&
      !/\b(?:buy|buying|checkout)\b/i.test(text)
    )
      intent = product(intent, 0.6);
    // A need is a last resort: only a message that would otherwise be out of scope, or asks for "something"
    // the catalog does not name, is searched for the kinds of product that meet it. A product asked for by
    // name stays that ("a proper espresso machine" is not sold; a mug is not the answer).
    const unnamed =
      intent.name === 'out_of_scope' ||
      (intent.name === 'product_inquiry' && (SOMETHING.test(text) || !ASKS_IF_SOLD.test(text)));
    // "I need a printer for my home office": a thing named that the catalog does not know is not sold, and
    // no need list or description speaks for it.
    let unknownThing: boolean | undefined;
    const namesOther = () => {
      unknownThing ??= this.#lexicon?.namesUnknownThing(text) ?? false;
      return unknownThing;
    };
    // A shopping message may name only categories and still describe a need ("my dog is getting fat, I want to
    // give him proper food"): the search then prefers products whose texts meet it to a category listing.
    // "the most expensive fitness equipment you have" asks for a category in an order, not for a need's kinds.
    const ordered = catalog.length > 0 && RANKED.test(text);
    // Category words alone do not name what an out-of-scope reading wants either ("my desk is too dark in the
    // evenings, I need more light").
    const described =
      (intent.name === 'out_of_scope' && catalog.every((e) => e.type === 'category')) ||
      (intent.name === 'product_inquiry' && !ordered && catalog.every((e) => e.type === 'category'));
    // The catalog words of a short request that names a thing the catalog does not know only say which ("car
    // tyres"): their category is not what is wanted, and the search finds the thing or says it is not sold.
    if (
      words <= 4 &&
      intent.name === 'product_inquiry' &&
      catalog.length > 0 &&
      catalog.every((e) => e.type === 'category') &&
      namesOther()
    )
      return { text, intent, ranking, entities: entities.filter((e) => e.type !== 'category') };
    // A long question the classifier is sure is not ours, with no need told in it ("what time zone is Lisbon
    // in? I've got a video call with a supplier"), meets no need of its own in passing phrases.
    const asksElse =
      words >= LONG_MESSAGE && sureNotOurs(ranking) && text.includes('?') && !NEED_FRAME.test(text);
    if (described && !namesOther()) {
      const need = unnamed && !asksElse ? this.#need(text) : undefined;
      if (need) {
        // Category words an out-of-scope reading told in passing ("my desk is too dark, I need more light") do
        // not say which products meet the need; one asked for by name does ("my son wants a phone for his
        // birthday").
        if (intent.name === 'out_of_scope' && catalog.length > 0) {
          const passing = new Set(catalog.filter((e) => !askedForByName(text, e)));
          entities.splice(0, entities.length, ...entities.filter((e) => !passing.has(e)));
        }
        entities.push(need);
        intent = product(ranking.find((r) => r.name !== 'out_of_scope') ?? intent, 0.7);
      } else if (NEED_FRAME.test(text)) {
        // A need the list does not know: the intent stands, and the catalog search may still find products
        // whose own texts meet it (for an out-of-scope reading, the dialogue asks it before answering "not our
        // business").
        entities.push({ type: 'need', value: '', text: 'described', start: 0, end: text.length });
      } else if (intent.name === 'out_of_scope' && tellsOwnSituation(text)) {
        // A shopper's account of their own situation without a need frame ("the peel on my potatoes takes an
        // hour"): the search takes only products whose titles hold one of its words.
        entities.push({ type: 'need', value: '', text: 'unframed', start: 0, end: text.length });
      }
    }
    return { text, intent, ranking, entities };
  }

  /** The needs the message states, as the kinds of product the live catalog sells for them (data/needs.md). */
  #need(text: string): Entity | undefined {
    const lexicon = this.#lexicon;
    if (!lexicon) return undefined;
    // One parse may ask twice (a doubted support intent, then the need itself): read the message once per parse.
    if (this.#lastNeed?.text === text && this.#lastNeed.lexicon === lexicon) return this.#lastNeed.need;
    const need = this.#needOf(text, lexicon);
    this.#lastNeed = { text, lexicon, need };
    return need;
  }

  #needOf(text: string, lexicon: CatalogLexicon): Entity | undefined {
    const stated = needsIn(text);
    // Each need's kinds in turn, so the first results show every need the message states, not only the first.
    const lists = stated.map((need) => need.kinds.filter((kind) => lexicon.sells(kind)));
    const longest = Math.max(0, ...lists.map((list) => list.length));
    const sold = [
      ...new Set(Array.from({ length: longest }, (_, i) => lists.flatMap((list) => list[i] ?? [])).flat()),
    ];
    if (sold.length === 0) return undefined;
    // Kinds the message itself names come first, those it names more of before those it names less of: "joined a
    // cricket club" wants the cricket bat before a football, "nothing to hit the tennis ball with" the tennis
    // ball before the cricket ball.
    // A kind the message says it does not want ("don't want a full laptop") is not one it names.
    const said = new Set(searchTokens(text.replace(NOT_WANTED, ' ')));
    const named = (kind: string) => searchTokens(kind).filter((word) => said.has(word)).length;
    const kinds = sold
      .map((kind, at) => ({ kind, at, named: named(kind) }))
      .sort((a, b) => b.named - a.named || a.at - b.at)
      .map(({ kind }) => kind);
    const name = stated.map((need) => need.name).join(', ');
    return { type: 'need', value: kinds.join('|'), text: name, start: 0, end: text.length };
  }

  #decide(text: string, entities: Entity[], catalog: Entity[], ranking: Ranked[], inDomain: number): Ranked {
    const top = ranking.find((r) => r.name !== 'out_of_scope') ?? { name: 'out_of_scope', confidence: 1 };
    const named = catalog.some((e) => e.type === 'product');
    const words = wordCount(text);
    // "my order came damaged" tells of a delivery gone wrong, not asking where it is; "…I want a refund" stays.
    if (
      words < LONG_MESSAGE &&
      toldOfAWrongDelivery(text) &&
      ARRIVAL_READINGS.has(ranking[0]?.name as IntentName)
    )
      return { name: 'complaint', confidence: 0.8 };
    // "looking for a present for my sister" is shopping, though it names nothing to buy; so is "perfume for my
    // girlfriend", whatever the thing is (the search says whether we sell it).
    if (
      words < LONG_MESSAGE &&
      (GIFT_FOR_SOMEONE.test(text) || THING_FOR_SOMEONE.test(text)) &&
      !isSupportIntent(ranking[0]?.name ?? '')
    )
      return product(top, 0.75);
    const asked = askedInSoManyWords(text, words, ranking);
    if (asked) return asked;
    // Confident only when no other class (out_of_scope included) came first.
    const supportSure =
      ranking[0]?.name === top.name && isSupportIntent(top.name) && top.confidence >= CONFIDENT_SUPPORT;
    // "What's the return policy on the Gucci Bloom?" is answered from that product's record.
    if (named && NAMED_PRODUCT_OVERRIDES.has(top.name) && words <= 20) return product(top, 0.9);
    // So is "if the tartan dress doesn't fit, can I send it back?", asked before buying; "I want to return the
    // dress I bought" stays a refund.
    if (named && top.name === 'get_refund' && words <= 16 && asksBeforeBuying(text)) return product(top, 0.9);
    // With a product named, only a support request in a shop's own words stands ("return the Nimbus X12"):
    // "most expensive sofa" is not a review.
    const storeCue = STORE_WORDS.test(text);
    // A support intent sure of a message that speaks of nothing a shop's support handles, yet tells a need the
    // catalog meets ("my lashes look invisible in photos, what can help?" was check_invoice 0.97): the need, not
    // the request. "I lost my key, help to recover it" stays a password request where nothing sold finds keys.
    // So does one the classifier doubts, torn only between it and "not ours" ("my nails look dull for the
    // office party" was check_invoice 0.52, out of scope 0.48).
    if (
      isSupportIntent(top.name) &&
      (supportSure || (ranking[0]?.name === top.name && ranking[1]?.name === 'out_of_scope')) &&
      !named &&
      !storeCue &&
      !speaksOfShopMatters(text) &&
      this.#need(text) !== undefined
    )
      return outOfScope(inDomain);
    if (supportSure && (catalog.length === 0 || storeCue)) return top;
    // A product named inside a support request in the shop's words ("I want to order the espresso machine
    // now, help me check out"): the support intent the classifier ranks first among ours.
    if (
      catalog.length > 0 &&
      storeCue &&
      isSupportIntent(top.name) &&
      ours(top, ranking).confidence >= STORE_SUPPORT
    )
      return ours(top, ranking);
    // Clauses are read at most once, whichever of the rules below asks for them.
    let clauses: { best: Ranked | undefined } | undefined;
    const supportClause = () => {
      clauses ??= { best: this.#supportClause(text, ranking) };
      return clauses.best;
    };
    // A support request found in one clause, or (with `fallback`) what the whole message said, else out of scope.
    // Not in a short message the classifier is sure is not ours and that speaks of no shop matter: "my nails
    // look so plain for the party" has no request hidden in a story, whatever its halves sound like.
    const noRequest = words < LONG_MESSAGE && sureNotOurs(ranking) && !storeCue && !speaksOfShopMatters(text);
    const fromClauses = (fallback?: Ranked): Ranked =>
      (noRequest ? undefined : supportClause()) ?? fallback ?? outOfScope(inDomain);
    // A request inside a story: a clause that is sure of a support intent speaks for the message.
    if (words >= LONG_MESSAGE) {
      // "…but before I do anything dramatic, can you just check where the parcel actually is?"
      if (STORE_WORDS.test(text) && asksWhereItIs(text) && !supportSure)
        return { name: 'track_order', confidence: 0.8 };
      const clause = supportClause();
      if (clause) return clause;
    }
    // A price limit or range is shopping too ("men's trainers somewhere between 90 and 120, what are my options").
    const shopping =
      SHOPPING_WORDS.test(text) ||
      NEED_WORDS.test(text) ||
      entities.some((e) => e.type === 'price_max' || e.type === 'price_min');
    // "do you do coffee machines?" asks whether a thing is sold, however sure a small-talk reading of "do you…" is.
    const asksForSale = words < LONG_MESSAGE && ASKS_IF_SOLD.test(text) && !storeCue;
    const catalogWords = this.#lexicon?.catalogWordCount(text, { descriptions: shopping }) ?? 0;
    // A clear catalog mention is a product question, whatever the classifier made of its frame.
    // Unless small talk or a yes/no is sure and nothing is named or shopped for ("are you a computer?").
    // A category word told in passing inside a long story the classifier is sure is not ours ("I keep my bread
    // in a plastic bag", "the hospital bag") is not a product question; a product or a brand named still is.
    const inPassing =
      words >= LONG_MESSAGE &&
      !shopping &&
      catalog.every((e) => e.type === 'category') &&
      sureNotOurs(ranking);
    // Nor is a thing of the shopper's own told of with nothing to buy ("I lost my phone", "what gas does my car
    // take?"); a need it tells ("my phone is dying") is still met below.
    const ownedOnly =
      catalog.length > 0 &&
      !shopping &&
      !NEED_FRAME.test(text) &&
      catalog.every((e) => e.type === 'category' && toldAsOwned(text, e.start));
    // With no store word nor shop matter, nor is it a support request, whatever the classifier reads into the
    // masked name ("I lost my <product>" is not a review; "an account on my laptop" may still be ours).
    if (ownedOnly && !storeCue && !speaksOfShopMatters(text)) return outOfScope(inDomain);
    // Words of product descriptions in a long request in the shop's words ("a copy of the bill for everything I
    // bought from you… with our company name on it") do not make it a product question.
    const describedOnly = catalog.length === 0 && words >= LONG_MESSAGE && storeCue;
    if (
      !inPassing &&
      !ownedOnly &&
      (catalog.length > 0 || (catalogWords > 0 && !describedOnly && (words <= 4 || shopping || asksForSale)))
    ) {
      const first = ranking[0];
      const sureTalk =
        first !== undefined &&
        (SMALL_TALK.has(first.name) || first.name === 'affirm' || first.name === 'deny') &&
        first.confidence >= 0.9;
      if (!sureTalk || named || shopping || asksForSale) return product(top, named ? 0.9 : 0.75);
    }
    // Small talk, yes/no and shopping the classifier is sure of (its out-of-scope class included) stand.
    const first = ranking[0];
    if (first && first.name !== 'out_of_scope' && !isSupportIntent(first.name) && first.confidence >= 0.5) {
      if (first.name !== 'product_inquiry' || hasShoppingCue(text, entities)) return first;
    }
    // "do you sell garden hoses?": a shopping question; the catalog search answers that we have none. So is
    // any short "do you sell…" of no shop matter, whatever the classifier ranks next to "not ours".
    const asksIfSold =
      words < LONG_MESSAGE && ASKS_IF_SOLD.test(text) && !storeCue && !speaksOfShopMatters(text);
    if ((top.name === 'product_inquiry' || asksIfSold) && SHOPPING_WORDS.test(text)) return product(top, 0.6);
    // Out of scope takes two votes or one without store words: the classifier's out-of-scope class and the
    // in-domain detector each see it differently, and either alone is wrong on its own blind spots.
    const classifierOut = ranking[0]?.name === 'out_of_scope';
    const detectorOut = inDomain < this.#threshold;
    // A store word outvotes one model's "not ours", not the classifier's certainty ("order new checks").
    const sureOut = sureNotOurs(ranking) && inDomain < SURE_IN;
    if ((!classifierOut && !detectorOut) || (classifierOut !== detectorOut && storeCue && !sureOut)) {
      const mine = ours(top, ranking);
      if (mine.name === 'product_inquiry' && !hasShoppingCue(text, entities)) return fromClauses();
      if (!isSupportIntent(mine.name) && storeCue) return fromClauses(mine);
      // A support intent the classifier itself doubts, with no store word to back it, is not one.
      if (isSupportIntent(mine.name) && !storeCue && top.confidence < UNSURE_SUPPORT) return fromClauses();
      return mine;
    }
    return fromClauses();
  }

  /**
   * The support request of a long message, when one of its clauses is sure of a support intent. Which one is
   * decided by all the evidence, not by the loudest clause: the whole message's ranking among our intents
   * (it was trained on requests told inside stories), counted twice, plus every clause's, so a side remark
   * ("after how my last complaint was handled…") does not outvote the request the message is about.
   */
  #supportClause(text: string, whole: Ranked[]): Ranked | undefined {
    const clauses = splitClauses(text);
    if (clauses.length < 2) return undefined;
    const oos = whole.find((r) => r.name === 'out_of_scope')?.confidence ?? 0;
    const score = new Map<IntentName, number>();
    for (const r of whole)
      if (isSupportIntent(r.name)) score.set(r.name, (2 * r.confidence) / Math.max(1e-6, 1 - oos));
    let sure = false;
    // Without a store word, a clause must be surer: "can you help me write it?" after a story about a
    // wedding speech asks for help, not for customer service.
    const needed = STORE_WORDS.test(text) ? CONFIDENT_CLAUSE : SURE_CLAUSE_WITHOUT_STORE_WORDS;
    for (const clause of clauses) {
      const ranking = this.#ranking(clause);
      const top = ranking[0];
      if (top && isSupportIntent(top.name) && top.confidence >= needed) sure = true;
      // The clause that asks ("could you drop the whole order?") says what the message wants more than
      // the story's clauses around it ("I got carried away in your sale").
      const weight = ASKS.test(clause) ? 3 : 1;
      for (const r of ranking)
        if (isSupportIntent(r.name)) score.set(r.name, (score.get(r.name) ?? 0) + weight * r.confidence);
    }
    if (!sure) return undefined;
    const [name, total] = [...score].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (!name || total === undefined) return undefined;
    return { name, confidence: round(Math.min(1, total / (2 + clauses.length))) };
  }

  /** The intent classifier's ranking (out_of_scope included) and the detector's in-domain probability. */
  #rank(text: string): { ranking: Ranked[]; inDomain: number } {
    const inDomain = this.#detector.predict(text, 2).ranking.find((r) => r.label === 'in')?.confidence ?? 0;
    return { ranking: this.#ranking(text), inDomain };
  }

  /**
   * The intent classifier's ranking alone (out_of_scope included). A long message is read by both classifiers
   * and their probabilities averaged: the one trained on stories finds the request inside the story, the other
   * keeps an unrelated long question as unrelated as a short one.
   */
  #ranking(text: string): Ranked[] {
    if (wordCount(text) < LONG_MESSAGE)
      return this.#classifier
        .predict(text, 10)
        .ranking.map((r) => ({ name: r.label as IntentName, confidence: round(r.confidence) }));
    const sum = new Map<string, number>();
    for (const model of [this.#classifier, this.#long])
      for (const r of model.predict(text, model.labels.length).ranking)
        sum.set(r.label, (sum.get(r.label) ?? 0) + r.confidence / 2);
    return [...sum]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, confidence]) => ({ name: name as IntentName, confidence: round(confidence) }));
  }
}

/** The words of the assistant's own non-shopping training phrases: everyday language, not product names. */
function everydayWords(examples: Example[]): Set<string> {
  const counts = new Map<string, number>();
  for (const e of examples) {
    if (e.intent === 'product_inquiry') continue;
    for (const w of e.text.toLowerCase().match(/[a-z]+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const common = frameWords();
  const written = sourceWords();
  for (const [w, n] of counts) if (n >= 3 && w !== CATALOG_PLACEHOLDER && written.has(w)) common.add(w);
  // Folded forms too ("places" → "place", "apply" → "appli"), folded as the lexicon folds what it compares.
  for (const w of [...common]) common.add(fold(w));
  return common;
}

/** Replaces catalog mentions by the training placeholder. */
function mask(text: string, catalog: Entity[]): string {
  if (catalog.length === 0) return text;
  let out = '';
  let at = 0;
  for (const e of [...catalog].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    out += `${text.slice(at, e.start)} ${CATALOG_PLACEHOLDER} `;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Sentences, and the parts of a sentence joined by "but", "so", "and then"… A run of fragments of one or two
 * words ("Where. Is. My. Order.") is read as one clause.
 */
export function splitClauses(text: string): string[] {
  const out: string[] = [];
  let run = '';
  const flush = () => {
    if (wordCount(run) >= 2) out.push(run);
    run = '';
  };
  for (const raw of text.split(
    /(?<=[.!?;])\s+|\s*\n+\s*|,?\s+(?:but|so|because|although|however|and then|anyway)\s+/i,
  )) {
    const part = raw.trim();
    if (wordCount(part) < 3) run = `${run} ${part}`.trim();
    else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out;
}

/** Words (letters or digits) in a text. */
export const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

function hasShoppingCue(text: string, entities: Entity[]): boolean {
  return (
    SHOPPING_WORDS.test(text) ||
    entities.some((e) => ['product', 'brand', 'category', 'price_max', 'price_min', 'money'].includes(e.type))
  );
}

/** An in-domain intent's confidence among our intents, when the out-of-scope class came first. */
function ours(top: Ranked, ranking: Ranked[]): Ranked {
  const oos = ranking.find((r) => r.name === 'out_of_scope')?.confidence ?? 0;
  return { name: top.name, confidence: round(top.confidence / Math.max(1e-6, 1 - oos)) };
}

/** "talk to someone on the phone", "by phone": a way of talking, not the phones we sell. */
function byPhone(text: string, e: Entity): boolean {
  return (
    e.type === 'category' &&
    /^(?:tele)?phone$/i.test(e.text ?? '') &&
    /\b(?:on|over|by) (?:the )?$/i.test(text.slice(Math.max(0, e.start - 9), e.start))
  );
}

/**
 * A product named by two of its words, not a word that only shares its spelling: "Dodge Hornet" names the car,
 * "lunches" in "how much did I spend on lunches" does not name the Lunch Box, nor "water" in "my water bill" the
 * product called Water.
 */
function namedInFull(e: Entity): boolean {
  return e.type === 'product' && wordCount(String(e.text ?? '')) >= 2;
}

/** Whether the classifier's own out-of-scope class comes first and is sure of it. */
function sureNotOurs(ranking: Ranked[]): boolean {
  return ranking[0]?.name === 'out_of_scope' && (ranking[0]?.confidence ?? 0) >= SURE_OUT;
}

/** Out of scope, as sure as the in-domain detector is of the contrary. */
function outOfScope(inDomain: number): Ranked {
  return { name: 'out_of_scope', confidence: round(1 - inDomain) };
}

function product(top: Ranked, floor: number): Ranked {
  const confidence = top.name === 'product_inquiry' ? Math.max(top.confidence, floor) : floor;
  return { name: 'product_inquiry', confidence: round(confidence) };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
