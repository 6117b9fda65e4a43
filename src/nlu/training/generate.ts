/**
 * @module nlu/training/generate
 * Expands the written phrases into a deterministic training set: request frames around each action,
 * slot fillers, and the noise real customers add (lower case, missing punctuation, typos, "u"/"pls").
 */
import { seededRandom } from '../../seed/catalog.ts';
import { INTENTS, type IntentName, isSupportIntent } from '../intents.ts';
import { OOS_SLOTS, OOS_TEMPLATES, PHRASES, SLOTS, STORY_CONTEXT, STORY_SLOTS } from './data.ts';

export interface Example {
  text: string;
  intent: IntentName;
  /** A request told inside a story: an addition to its intent's phrases, not counted when classes are balanced. */
  story?: boolean;
}

/** Frames for an action in the base form (`{v}`) or the -ing form (`{g}`). */
const FRAMES = [
  '{v}',
  '{v}',
  'i want to {v}',
  'i need to {v}',
  'i would like to {v}',
  "i'd like to {v}",
  'can you help me {v}',
  'help me {v}',
  'how do i {v}',
  'how can i {v}',
  'how to {v}',
  'i do not know how to {v}',
  "i don't know how to {v}",
  'where can i {v}',
  'is it possible to {v}',
  'could you {v}',
  'can i {v}',
  'what do i need to do to {v}',
  "i'm trying to {v}",
  'i need assistance to {v}',
  'i cannot {v}',
  "i can't {v}",
  'wanna {v}',
  'tell me how to {v}',
  'show me how to {v}',
  'i have to {v}',
  'where do i {v}',
  'any way to {v}?',
  'i want help to {v}',
  'please {v}',
  'i need help to {v}',
  'what is the way to {v}',
  'can u {v}',
  'i want to know how to {v}',
  'let me {v}',
  'i have a problem trying to {v}',
  'would it be possible to {v}',
  'what should i do to {v}',
  'i need you to {v}',
  '{g}',
  '{g}',
  'help with {g}',
  'i need help {g}',
  'i need help with {g}',
  'i have a problem {g}',
  'i have problems {g}',
  'assistance {g}',
  'help {g}',
  'can you help me with {g}',
  'i need assistance {g}',
  'i want assistance {g}',
  'problem with {g}',
  'i have an issue {g}',
  'information about {g}',
  'question about {g}',
  'i am having trouble {g}',
  'help me with {g}',
  'support {g}',
  'i got an error {g}',
  'give me information about {g}',
  'i have issues {g}',
];

const OPENERS = [
  '',
  '',
  '',
  '',
  '',
  'hi, ',
  'hello, ',
  'hey ',
  'excuse me, ',
  'good morning, ',
  'hi ',
  'yo ',
];
const CLOSERS = [
  '',
  '',
  '',
  '',
  '',
  '',
  '?',
  '.',
  ' please',
  ' pls',
  ' asap',
  ', thanks',
  ' thank you',
  ' now',
  '!!',
];

const IRREGULAR_ING: Record<string, string> = {
  get: 'getting',
  set: 'setting',
  put: 'putting',
  stop: 'stopping',
  shop: 'shopping',
  swap: 'swapping',
  chat: 'chatting',
  submit: 'submitting',
  cancel: 'cancelling',
  be: 'being',
  see: 'seeing',
  log: 'logging',
  opt: 'opting',
  rate: 'rating',
  plan: 'planning',
  sign: 'signing',
  file: 'filing',
  use: 'using',
  make: 'making',
  take: 'taking',
  have: 'having',
  give: 'giving',
  leave: 'leaving',
  write: 'writing',
  move: 'moving',
  close: 'closing',
  remove: 'removing',
  change: 'changing',
  delete: 'deleting',
  create: 'creating',
  share: 'sharing',
  receive: 'receiving',
  save: 'saving',
  choose: 'choosing',
  locate: 'locating',
  trace: 'tracing',
  become: 'becoming',
  resolve: 'resolving',
  estimate: 'estimating',
  calculate: 'calculating',
  download: 'downloading',
  escalate: 'escalating',
  acquire: 'acquiring',
  input: 'inputting',
  understand: 'understanding',
};

/** The -ing form of a verb phrase: its first word gets the suffix. */
export function gerund(phrase: string): string {
  const [verb = '', ...rest] = phrase.split(' ');
  let ing = IRREGULAR_ING[verb];
  if (!ing) {
    if (verb.endsWith('ie')) ing = `${verb.slice(0, -2)}ying`;
    else if (verb.endsWith('e') && !verb.endsWith('ee')) ing = `${verb.slice(0, -1)}ing`;
    else ing = `${verb}ing`;
  }
  return [ing, ...rest].join(' ');
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/** One typo in one longer word: swap, drop, double or a neighbouring key. */
export function addTypo(text: string, random: () => number): string {
  const words = text.split(' ');
  const candidates = words
    .map((w, i) => [w, i] as const)
    .filter(([w]) => /^[a-z]{4,}$/.test(w) && w !== CATALOG_PLACEHOLDER);
  if (candidates.length === 0) return text;
  const [word, index] = candidates[Math.floor(random() * candidates.length)] as readonly [string, number];
  const at = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 4);
  let typo: string;
  if (kind === 0) typo = word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
  else if (kind === 1) typo = word.slice(0, at) + word.slice(at + 1);
  else if (kind === 2) typo = word.slice(0, at) + word[at] + word.slice(at);
  else {
    const near = KEYBOARD_NEIGHBOURS[word[at] ?? ''] ?? 'e';
    typo = word.slice(0, at) + near[Math.floor(random() * near.length)] + word.slice(at + 1);
  }
  words[index] = typo;
  return words.join(' ');
}

/** A missing space, as in "can uhelp me". */
export function joinTwoWords(text: string, random: () => number): string {
  const gaps = [...text.matchAll(/ /g)].map((m) => m.index);
  if (gaps.length === 0) return text;
  const at = gaps[Math.floor(random() * gaps.length)] as number;
  return text.slice(0, at) + text.slice(at + 1);
}

const COLLOQUIAL: [RegExp, string[]][] = [
  [/\byou\b/g, ['u', 'ya', 'you']],
  [/\bplease\b/g, ['pls', 'plz', 'please']],
  [/\bwant to\b/g, ['wanna', 'want to']],
  [/\bi am\b/g, ["i'm", 'im', 'i am']],
  [/\bdo not\b/g, ["don't", 'dont', 'do not']],
  [/\bcannot\b/g, ["can't", 'cant', 'cannot']],
  [/\bhow do i\b/g, ['how do i', 'how i can', 'how can i']],
  [/\bmy\b/g, ['my', 'my', 'my', 'mi']],
  [/\byour\b/g, ['your', 'ur', 'yr', 'your']],
  [/\bgoing to\b/g, ['gonna', 'going to']],
  [/\bis not\b/g, ['isnt', "isn't", 'aint']],
];

/** Words angry or casual customers put before a noun; they must not change the intent. */
const INTENSIFIERS = ['damn', 'bloody', 'goddamn', 'freaking', 'fucking'];

/**
 * The token a catalog mention becomes, in training and at parse time (`NluEngine` masks the products, brands
 * and categories it finds), so the classifier learns the frame of a product question, not a list of nouns.
 */
export const CATALOG_PLACEHOLDER = 'zproduct';

/** How often a slot that names something sold is filled with the placeholder instead of a word. */
const PLACEHOLDER_SHARE: Record<string, number> = {
  product: 0.5,
  product_name: 0.85,
  brand: 0.6,
  thing: 0.2,
  complain_obj: 0.2,
  item: 0.15,
  items: 0.15,
};

function fill(template: string, random: () => number, depth = 0, slots = SLOTS): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const share = slots === OOS_SLOTS ? undefined : PLACEHOLDER_SHARE[name];
    if (share !== undefined && random() < share) return CATALOG_PLACEHOLDER;
    const options = slots[name] ?? SLOTS[name];
    if (!options) return numberFiller(name, random);
    const choice = options[Math.floor(random() * options.length)] ?? '';
    return depth < 4 ? fill(choice, random, depth + 1, slots) : choice;
  });
}

function addNoise(text: string, random: () => number): string {
  let out = text;
  if (random() < 0.35) {
    for (const [pattern, options] of COLLOQUIAL) {
      out = out.replace(pattern, () => options[Math.floor(random() * options.length)] ?? '');
    }
  }
  if (random() < 0.08) {
    out = out.replace(
      /\b(the|my|your|a|ur) (?=[a-z]{3,})/,
      (m) => `${m}${INTENSIFIERS[Math.floor(random() * INTENSIFIERS.length)]} `,
    );
  }
  if (random() < 0.06) out = joinTwoWords(out, random);
  if (random() < 0.25) out = addTypo(out, random);
  if (random() < 0.05) out = addTypo(out, random);
  if (random() < 0.3) out = out.charAt(0).toUpperCase() + out.slice(1);
  if (random() < 0.04) out = out.toUpperCase();
  return out;
}

/** Renders one utterance for an intent. */
function render(intent: IntentName, random: () => number): string {
  if (intent === 'out_of_scope' && random() < 0.75) {
    const template = OOS_TEMPLATES[Math.floor(random() * OOS_TEMPLATES.length)] ?? '';
    const closer = CLOSERS[Math.floor(random() * CLOSERS.length)] ?? '';
    return addNoise(fill(`${template}${closer}`, random, 0, OOS_SLOTS), random)
      .replace(/\s+/g, ' ')
      .trim();
  }
  const { acts = [], says = [] } = PHRASES[intent];
  const useAct = acts.length > 0 && (says.length === 0 || random() < 0.7);
  let core: string;
  if (useAct) {
    const act = acts[Math.floor(random() * acts.length)] ?? '';
    const frame = FRAMES[Math.floor(random() * FRAMES.length)] ?? '{v}';
    core = frame.replace('{v}', act).replace('{g}', gerund(act));
  } else {
    core = says[Math.floor(random() * says.length)] ?? '';
  }
  const opener = OPENERS[Math.floor(random() * OPENERS.length)] ?? '';
  const closer = CLOSERS[Math.floor(random() * CLOSERS.length)] ?? '';
  return addNoise(fill(`${opener}${core}${closer}`, random), random)
    .replace(/\s+/g, ' ')
    .trim();
}

/** How a story's sentences are joined: mostly full stops, sometimes commas, dots or nothing at all. */
const STORY_JOINS = ['. ', '. ', '. ', '. ', ', ', '! ', '... ', ' ', '\n', ' - '];
/** Words that lead into the request after the story ("…, so can you…"). */
const STORY_LEADS = ['', '', '', '', 'so ', 'anyway ', 'but ', 'basically ', 'now ', 'and '];

/**
 * A long message: the request (`core`, rendered as usual) with one to three sentences of story around it,
 * in any order. Support requests get life and shop sentences, anything else life sentences only.
 */
function story(core: string, intent: IntentName, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const shop = isSupportIntent(intent);
  const count = 1 + Math.floor(random() * 3);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const context = shop && random() < 0.45 ? pick(STORY_CONTEXT.shop) : pick(STORY_CONTEXT.life);
    parts.push(addNoise(fill(context, random, 0, STORY_SLOTS), random));
  }
  const at = Math.floor(random() * (count + 1));
  parts.splice(at, 0, at > 0 ? `${pick(STORY_LEADS)}${core}` : core);
  let out = parts[0] ?? '';
  for (const part of parts.slice(1)) out += pick(STORY_JOINS) + part;
  return out.replace(/[ \t]+/g, ' ').trim();
}

/**
 * Extra examples told as a story, as a share of an intent's examples (support intents and unrelated requests
 * alike, so the life sentences count for neither). They are marked `story`: class balancing leaves them out,
 * and only the long-message classifier learns from them.
 */
const STORY_SHARE = 0.5;

/**
 * The training set: up to `perIntent` distinct utterances per intent (fewer for small talk, whose phrasings
 * run out). Same seed → same examples.
 */
export function generateExamples({
  perIntent = 420,
  seed = 7,
}: {
  perIntent?: number;
  seed?: number;
} = {}): Example[] {
  const random = seededRandom(seed);
  // Stories draw from their own stream, so adding or changing them leaves the plain phrases as they were.
  const storyRandom = seededRandom(seed + 101);
  const examples: Example[] = [];
  for (const intent of INTENTS) {
    const seen = new Set<string>();
    const target = intent === 'out_of_scope' ? perIntent * 6 : perIntent;
    for (let attempt = 0; attempt < target * 6 && seen.size < target; attempt++) {
      const text = render(intent, random);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      examples.push({ text, intent });
    }
    // The same kinds of request told inside a story, for the requests customers tell stories around.
    if (!isSupportIntent(intent) && intent !== 'out_of_scope') continue;
    const stories = Math.round(target * STORY_SHARE);
    for (let attempt = 0, made = 0; attempt < stories * 3 && made < stories; attempt++) {
      const text = story(render(intent, storyRandom), intent, storyRandom);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      examples.push({ text, intent, story: true });
      made++;
    }
  }
  return examples;
}

/**
 * The words of our own phrasing around the slots (frames, openers, closers and every intent's phrases, slot
 * fillers left out): everyday language a shopper wraps around a product's name.
 */
export function frameWords(): Set<string> {
  const texts = [...FRAMES, ...OPENERS, ...CLOSERS, ...OOS_TEMPLATES];
  for (const { acts = [], says = [] } of Object.values(PHRASES)) texts.push(...acts, ...says);
  return addWords(new Set<string>(), texts);
}

/** Adds the lower-case words of `texts` to `words`, leaving out slot names ("{order}"). */
function addWords(words: Set<string>, texts: string[]): Set<string> {
  for (const text of texts)
    for (const w of text
      .replace(/\{\w+\}/g, ' ')
      .toLowerCase()
      .match(/[a-z]+/g) ?? [])
      words.add(w);
  return words;
}

/**
 * Every word the training phrases are written with, before typos and joined words: the frames, phrases and
 * templates, their -ing forms, every slot filler, the stories, and the colloquial forms the generator swaps in.
 * A typo the generator made ("work" → "wok") is not a word customers use, however often it was drawn.
 */
export function sourceWords(): Set<string> {
  return addWords(frameWords(), [
    ...Object.values(PHRASES).flatMap(({ acts = [] }) => acts.map(gerund)),
    ...[SLOTS, OOS_SLOTS, STORY_SLOTS].flatMap((slots) => Object.values(slots).flat()),
    ...STORY_CONTEXT.life,
    ...STORY_CONTEXT.shop,
    ...COLLOQUIAL.flatMap(([, forms]) => forms),
    ...INTENSIFIERS,
    ...STORY_LEADS,
  ]);
}

/** A few random fillers for numbers, drawn by the generator. */
export function numberFiller(kind: string, random: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  switch (kind) {
    case 'num': {
      const len = [5, 6, 6, 7, 8, 8, 9, 10, 12, 12][Math.floor(random() * 10)] ?? 8;
      const lead = random() < 0.3 ? '00' : String(1 + Math.floor(random() * 9));
      return (lead + digits(len)).slice(0, len);
    }
    case 'inum':
      return (random() < 0.3 ? '00' : '') + digits(3 + Math.floor(random() * 6));
    case 'inumx':
      return `INV-${digits(6)}`;
    case 'n':
      return String(
        [5, 10, 20, 25, 49, 60, 99, 120, 150, 200, 250, 300, 350, 400, 499, 500, 750, 1000, 1200, 1500][
          Math.floor(random() * 20)
        ],
      );
    default:
      return digits(4);
  }
}
