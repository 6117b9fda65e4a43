/**
 * @module nlu/engine
 * Text → intent (with a calibrated confidence and an explicit out-of-scope result) and entities.
 * Knows nothing of actions or dialogue (as in Rasa's NLU).
 */
import { LinearClassifier } from './classifier.ts';
import { type Entity, extractEntities } from './entities.ts';
import type { IntentName } from './intents.ts';
import { CatalogLexicon, type LexiconProduct } from './lexicon.ts';
import { generateExamples } from './training/generate.ts';

export interface NluResult {
  text: string;
  intent: { name: IntentName; confidence: number };
  ranking: { name: IntentName; confidence: number }[];
  entities: Entity[];
}

export interface NluOptions {
  /** Below this top confidence an in-scope guess becomes `out_of_scope`. */
  outOfScopeThreshold?: number;
  examplesPerIntent?: number;
  epochs?: number;
  /** Weight of the out-of-scope class relative to a balanced one. */
  outOfScopeBoost?: number;
  /** Weight of the small-talk classes (short messages the out-of-scope boost would otherwise swallow). */
  smallTalkBoost?: number;
}

/**
 * Defaults chosen with `npm run eval` on the public Bitext and CLINC files (docs/nlu.md): the out-of-scope
 * class and small talk are up-weighted in training, and a top confidence below the threshold means "not ours".
 */
export const DEFAULT_OOS_THRESHOLD = 0.55;
export const DEFAULT_OOS_BOOST = 32;
export const DEFAULT_SMALL_TALK_BOOST = 10;

export class NluEngine {
  readonly #classifier: LinearClassifier;
  readonly #threshold: number;
  #lexicon: CatalogLexicon | undefined;
  readonly buildMs: number;

  private constructor(classifier: LinearClassifier, threshold: number, buildMs: number) {
    this.#classifier = classifier;
    this.#threshold = threshold;
    this.buildMs = buildMs;
  }

  /** Generates the training set, trains the classifier and fits its temperature on a separate sample. */
  static build(options: NluOptions = {}): NluEngine {
    const started = performance.now();
    const train = generateExamples({ perIntent: options.examplesPerIntent ?? 600, seed: 7 });
    const classifier = LinearClassifier.train(
      train.map((e) => ({ text: e.text, label: e.intent })),
      { epochs: options.epochs ?? 4, classBoost: smallTalkAndOosBoost(options) },
    );
    const heldOut = generateExamples({ perIntent: 40, seed: 1234 });
    classifier.calibrate(heldOut.map((e) => ({ text: e.text, label: e.intent })));
    return new NluEngine(
      classifier,
      options.outOfScopeThreshold ?? DEFAULT_OOS_THRESHOLD,
      performance.now() - started,
    );
  }

  /** Swaps in the lexicon of a new catalog (products, brands, categories). */
  setCatalog(products: LexiconProduct[]): void {
    this.#lexicon = CatalogLexicon.build(products);
  }

  /** Intent only, without the threshold: what the classifier itself says. */
  classifyRaw(text: string): { name: IntentName; confidence: number }[] {
    return this.#classifier
      .predict(text, 10)
      .ranking.map((r) => ({ name: r.label as IntentName, confidence: round(r.confidence) }));
  }

  parse(text: string): NluResult {
    const ranking = this.classifyRaw(text);
    const top = ranking[0] ?? { name: 'out_of_scope' as IntentName, confidence: 1 };
    const entities = extractEntities(text, this.#lexicon);
    // A question that names a catalog product ("is the Sportbike Motorcycle in stock?") is about that product,
    // even when the rest of it reads like a policy question or the name is unknown to the classifier.
    if (NAMED_PRODUCT_OVERRIDES.has(top.name) && entities.some((e) => e.type === 'product')) {
      return { text, intent: { name: 'product_inquiry', confidence: top.confidence }, ranking, entities };
    }
    const unsure = top.name !== 'out_of_scope' && top.confidence < this.#threshold;
    // A product question with nothing to shop for (no catalog word, no price, no shopping word) is not one.
    const notShopping = top.name === 'product_inquiry' && !hasShoppingCue(text, entities);
    const intent =
      unsure || notShopping
        ? {
            name: 'out_of_scope' as IntentName,
            confidence: round(Math.max(1 - top.confidence, oosConfidence(ranking))),
          }
        : top;
    return { text, intent, ranking, entities };
  }
}

const NAMED_PRODUCT_OVERRIDES = new Set<IntentName>([
  'out_of_scope',
  'check_refund_policy',
  'delivery_period',
  'delivery_options',
  'check_payment_methods',
]);

const SHOPPING_WORDS =
  /\b(?:sell|sells|selling|buy|buying|bought|purchase|stock|price|prices|priced|cost|costs|cheap|cheapest|expensive|deal|deals|discount|sale|offer|carry|available|availability|recommend|looking for|shop|store|brand|model|warranty|guarantee|return policy|ship|ships|shipping|products?|catalog|items?|order|afford|budget|size|colou?r|compare|best|rating|reviews?|specs?|features?|new)\b/i;

function hasShoppingCue(text: string, entities: Entity[]): boolean {
  return (
    SHOPPING_WORDS.test(text) ||
    entities.some((e) => ['product', 'brand', 'category', 'price_max', 'price_min', 'money'].includes(e.type))
  );
}

function smallTalkAndOosBoost(options: NluOptions): Record<string, number> {
  const talk = options.smallTalkBoost ?? DEFAULT_SMALL_TALK_BOOST;
  return {
    out_of_scope: options.outOfScopeBoost ?? DEFAULT_OOS_BOOST,
    greeting: talk,
    goodbye: talk,
    thanks: talk,
    bot_capabilities: talk,
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
const oosConfidence = (ranking: { name: IntentName; confidence: number }[]) =>
  ranking.find((r) => r.name === 'out_of_scope')?.confidence ?? 0;
