/**
 * @module nlu/needs
 * Needs a shopper describes ("something to keep me dry on my walk to work") and the kinds of product that meet
 * them, from `data/needs.md` (see its header). A message with a need frame and a need's cue is searched for
 * that need's kinds, but only those the live catalog has: the catalog decides, not the list.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { searchTokens } from '../retrieval/text.ts';
import { parseSections } from './training/data.ts';

export interface Need {
  name: string;
  /** Each cue as its search tokens (a phrase is a run of them). */
  cues: string[][];
  kinds: string[];
}

const FILE = 'needs.md';
const list = z.array(z.string().trim().min(1).max(60)).min(1);

/** Parses and checks the needs file: every section needs cues and kinds, and every cue must keep a word. */
export function parseNeeds(text: string, file = FILE): Need[] {
  return parseSections(text, file).map((section) => {
    const fields = new Map<string, string[]>();
    for (const item of section.parts.get('') ?? []) {
      const m = item.match(/^(cues|kinds):\s*(.*)$/);
      if (!m) throw new Error(`${file}:${section.line}: "${item}" is not "cues: …" or "kinds: …"`);
      fields.set(m[1] as string, (m[2] as string).split(','));
    }
    const where = `${file}:${section.line} (${section.heading})`;
    const cues = list.safeParse(fields.get('cues'));
    const kinds = list.safeParse(fields.get('kinds'));
    if (!cues.success || !kinds.success) throw new Error(`${where}: needs both cues and kinds`);
    const tokenized = cues.data.map((cue) => cueWords(cue));
    // A phrase whose stop words leave one word ("who is at the door" → "door") would fire on that word alone.
    const lost = cues.data.find(
      (cue, i) => (tokenized[i]?.length ?? 0) < Math.min(2, cue.trim().split(/\s+/).length),
    );
    if (lost !== undefined) throw new Error(`${where}: the cue "${lost}" keeps fewer than two words`);
    return { name: section.heading, cues: tokenized, kinds: kinds.data };
  });
}

/**
 * Everyday words for a cue's word, read as that word on both sides (the file's cues and the message): "a rescue
 * pup" says "puppy", "pics" says "photos", "a second display" says "a second screen". Not words that name other
 * things too ("shots", "snaps onto"), nor words whose need is not the usual one ("children": a child's
 * car seat is not a toy; "veg" to fry is not groceries).
 */
const SAME_AS: [said: string, cue: string][] = [
  ['pup', 'puppy'],
  ['pups', 'puppy'],
  ['doggy', 'dog'],
  ['doggo', 'dog'],
  ['pooch', 'dog'],
  ['moggy', 'cat'],
  ['kitty', 'cat'],
  ['kitties', 'cat'],
  ['pic', 'photos'],
  ['pics', 'photos'],
  ['piccies', 'photos'],
  ['pictures', 'photos'],
  ['display', 'screen'],
  ['telly', 'tv'],
  ['mom', 'mum'],
  ['mommy', 'mum'],
  ['mummy', 'mum'],
  ['hubby', 'husband'],
  ['kiddos', 'kids'],
  ['kiddies', 'kids'],
  ['brekkie', 'breakfast'],
  ['specs', 'glasses'],
  ['sunnies', 'sunglasses'],
  ['refrigerator', 'fridge'],
];
let sameAs: Map<string, string> | undefined;

/** A text's search tokens with each everyday word read as the cue's word (see SAME_AS). */
function cueWords(text: string): string[] {
  sameAs ??= new Map(
    SAME_AS.map(([said, cue]) => [searchTokens(said)[0] ?? said, searchTokens(cue)[0] ?? cue]),
  );
  const words = searchTokens(text);
  for (let i = 0; i < words.length; i++) words[i] = sameAs.get(words[i] as string) ?? (words[i] as string);
  return words;
}

let loaded: Need[] | undefined;

/** The project's needs file, read and checked once. */
export function needs(): Need[] {
  loaded ??= parseNeeds(readFileSync(new URL(`./data/${FILE}`, import.meta.url), 'utf8'));
  return loaded;
}

/**
 * The one-word cues that name no kind of product ("caffeine", "insomnia"): words that tell a need. Words of
 * longer cues ("printer" in "printer died") and cues that are kinds too ("stroller") may name the thing itself.
 */
export function needWords(all: Need[] = needs()): Set<string> {
  const kinds = new Set(all.flatMap((need) => need.kinds.flatMap((kind) => searchTokens(kind))));
  return new Set(
    all.flatMap((need) => need.cues.filter((cue) => cue.length === 1 && !kinds.has(cue[0] as string)).flat()),
  );
}

/** The kinds of thing named by two words ("board game", "hand cream"), folded as the search folds them. */
export function kindPhrases(all: Need[] = needs()): Set<string> {
  const phrases = all.flatMap((need) => need.kinds.map((kind) => searchTokens(kind)));
  return new Set(phrases.filter((words) => words.length === 2).map((words) => words.join(' ')));
}

/**
 * "something" or "anything" asked for, and "for my…": not "26 point something", "something to worry about",
 * "anything I can do", "asking for my wife". A need frame's words and the engine's need words both hold them.
 */
export const ASKED_FOR =
  /(?<!\b(?:point|or) )something(?! (?:to worry|wrong)\b)|anything(?! (?:i|we|you) (?:can|could|should) do\b)|(?<!asking )for my/i;
/** The rest of the need frames (see NEED_FRAME). */
const FRAMES =
  /a gadget|a device|what would help|what (?:should|could|can|do) (?:i|we|he|she|they) (?:get|buy|use|put on|wear|apply|try|have in|have ready|stock up on|pick up|dust on|spray on|rub on)|what (?:can|could|should) (?:i|we) (?:wash|clean|cook|cut|drink|eat|sleep|sit|write|play|store|keep) (?:\w+ )?(?:with|on|in|from|out of)|what (?:have|do) you (?:got|have|sell|stock|offer) for|what would do (?:that|this|it)|i need more|what do (?:we|i) need|how (?:do|can) i (?:fix|stop|keep|block)|how do (?:people|you|others|folks) (?:keep|stop|store|organi[sz]e|tidy|fix|get rid of)|(?:is|are) (?:a )?(?:total |complete |right |real )?(?:mess|nightmare|disaster)|any (?:ideas|suggestions|recommendations)|recommend|suggest|looking for|i need an?|we need an?|needs? (?:a|an|to|some)|trying to(?! (?:work out|figure out|find out|understand|decide|remember|explain|convince|persuade|get my head|calculate|count))|is there a way|no way to|need (?:somewhere|a way|a place)|what (?:can|could|would|will|should) (?:\w+ )?(?:protect|help|fix|make|stop|keep|solve)|never lasts?|(?:does|do|did|wo)n['’]?t last|keeps? dying|(?:has|just) died|stopped working|wants? to (?:play|start|learn|try|get into|take up|throw|kick|hit)|i keep \w+ing|(?:tired|sick) of|fed up (?:with|of)|want some|everywhere|(?:are|is) taking over|clutter(?:ing|ed)?|driving me (?:mad|crazy|nuts)|(?:mad|obsessed|crazy) about|has to (?:survive|last|fit)|is killing me|i want an?|i want to|want (?:my|our|his|her) \w+ to|(?:ran|run|running|we're|we are|i'm|i am|we've|i've|have|has) (?:completely |totally |just )?(?:run )?out of|\b(?:died|broke|broken|cracked|snapped|fell apart)|takes? (?:me )?(?:forever|ages|hours|so long)|help me (?:look|feel|sleep|stay|keep)|want to (?:make|take|get|start|try|put|hang|display|show|keep|store|carry)|i(?:'d| would) love|help me (?:find|choose|pick)(?! (?:my|our|his|her|their)\b)|gift|present|just (?:joined|started|moved|taken up)|(?:own|have|has|got|there['’]?s|there is) (?:literally |absolutely )?nothing|nothing (?:[\w-]+ ){0,4}to wear|nothing (?:elegant|smart)|can(?:['’]|no)?t (?:eat|sleep|find|get|keep|stop|see|hear)|is (?:rubbish|useless|dead|dying|a mess|a nightmare|(?:total |complete )?chaos|falling apart|worn out|(?:way |much |far |a bit |getting )?too (?:old|slow|small|big|heavy|short|tight))/;
/**
 * Saying a need rather than a product: "something to…", "what would help", "is there anything…", "I need…",
 * "what can I put on it", "what have you got for her",
 * or a problem a purchase solves ("my old pan is rubbish", "I own literally nothing", "can't eat enough", "there's
 * nothing to wipe noses with", "I'm tired of plugging it in", "I keep cutting my fingers", "jars everywhere").
 * Without one, a cue word is just conversation ("will it rain tomorrow?").
 */
export const NEED_FRAME = new RegExp(`\\b(?:${ASKED_FOR.source}|${FRAMES.source})\\b`, 'i');

/** The words before a thing the shopper already has: "my desk", "our old sofa", "his car". */
const OWNED_BEFORE = /\b(?:my|our|his|her|their)\s+(?:[\p{L}'’-]+\s+)?$/iu;

/** Words before a thing someone likes rather than has: "he's really into his trainers", "she loves her tea". */
const LIKED_BEFORE =
  /\b(?:into|loves?|adores?|obsessed with|mad about|crazy about|collects?)\s+(?:my|our|his|her|their)\s+(?:[\p{L}'’-]+\s+)?$/iu;

/** Whether the thing a message names from `start` on is one the shopper already has ("my desk is too dark"). */
export function toldAsOwned(text: string, start: number): boolean {
  const before = text.slice(0, start);
  return OWNED_BEFORE.test(before) && !LIKED_BEFORE.test(before);
}

/** The people shoppers buy presents for. */
const SOMEONE =
  '(?:best friend|friend|sister|brother|mum|mom|mother|dad|father|wife|husband|girlfriend|boyfriend|partner|son|daughter|boss|colleague|co-?worker|grandma|granny|grandpa|grandad|grandmother|grandfather|aunt|auntie|uncle|niece|nephew|kids?|child|children|teacher|neighbou?r|baby|toddler|teenager|fianc[eé]e?|in-laws|family|parents|godson|goddaughter)';

/**
 * Looking for a present for someone: "a present for my sister", "what should I get my dad for his birthday",
 * "buying something for my boss". A shopping question even when it names nothing to buy.
 */
export const GIFT_FOR_SOMEONE = new RegExp(
  `\\b(?:gifts?|presents?|stocking fillers?)\\b[^.?!]{0,30}?\\b(?:for|to) (?:my |our |a |an |the )?(?:[a-z]+ )?${SOMEONE}\\b|\\b${SOMEONE}['’]s (?:birthday |christmas |xmas |anniversary )?(?:gift|present)s?\\b|\\b(?:get|buy|buying|getting) (?:my |our )(?:[a-z]+ )?${SOMEONE} for (?:his|her|their|our|my) (?:birthday|christmas|xmas|anniversary|graduation|retirement)\\b|\\bbuy(?:ing)? (?:something|a gift|a present) for (?:my |our )(?:[a-z]+ )?${SOMEONE}\\b`,
  'i',
);

/** A thing and whom it is for, and nothing else: "perfume for my girlfriend", "running shoes for my son". */
export const THING_FOR_SOMEONE = new RegExp(
  `^\\W*(?:(?:a|an|some|any|nice|good)\\s+)?(?:[a-z'-]+\\s+){1,3}for (?:my|our|a|the) (?:[a-z]+ )?${SOMEONE}\\W*$`,
  'i',
);

/** Said of oneself: "my coffee goes cold", "we're out of tissues". */
const FIRST_PERSON = /\b(?:i|i'm|im|i've|ive|my|me|we|we're|our|us)\b/i;
/** A clause that asks something or tells an assistant to do something ("how long…", "play…", "remind me…"). */
const ASKS_OR_COMMANDS =
  /(?:^|[.!,;:]\s*)(?:how|what|what's|whats|when|where|who|which|why|is|are|was|does|do|did|can|could|will|would|should|may|might|am i|play|set|tell|turn|remind|add|remove|find|check|show|give|text|call|book|reserve|please|i need to know|i want to know|let me know)\b/i;

/** A question asked without its question mark: "I'm trying to work out how many…", "wondering whether…". */
const ASKS_INDIRECTLY =
  /\b(?:work out|figure out|find out|understand|wonder(?:ing)?|not sure|no idea) (?:how|what|why|whether|if|which|when|where|who)\b/i;

/**
 * A shopper telling of their own situation, neither asking a question nor giving an assistant a command:
 * "my morning coffee is always cold by nine" (not "how do I keep coffee hot?", "play my coffee playlist",
 * "I'm trying to work out how many calories a run burns").
 */
export function tellsOwnSituation(text: string): boolean {
  return (
    FIRST_PERSON.test(text) &&
    !text.includes('?') &&
    !ASKS_OR_COMMANDS.test(text) &&
    !ASKS_INDIRECTLY.test(text)
  );
}

/**
 * The needs a message states, the one it says most words of first: any cue in a need frame or in a shopper's
 * account of their own situation; otherwise only a phrase ("flip the burgers", "dark circles"), since one word
 * is just conversation ("will it rain tomorrow?", "play that song").
 */
export function needsIn(text: string, all: Need[] = needs()): Need[] {
  const framed = NEED_FRAME.test(text) || tellsOwnSituation(text);
  const tokens = cueWords(text);
  // Cues are looked up by the message's words, not the other way round: a list of 200 needs is read on
  // every product question.
  const byFirstWord = cuesByFirstWord(all);
  const words = new Map<number, Set<string>>();
  const count = (at: number, cue: string[]) => {
    const said = words.get(at) ?? new Set<string>();
    for (const word of cue) said.add(word);
    words.set(at, said);
  };
  for (let i = 0; i < tokens.length; i++)
    for (const { at, cue } of byFirstWord.get(tokens[i] as string) ?? []) {
      if (!framed && cue.length < 2) continue;
      if (cue.every((word, j) => tokens[i + j] === word)) count(at, cue);
    }
  // A shopper telling their need says a phrase in their own order: "my feet are cold" is the cue "cold
  // feet", "photos of the kids on the wall" is "photos on the wall". In a framed message a phrase counts when
  // all its words come close together, in any order; unframed, only as written.
  if (framed)
    for (const { at, cue } of phrasesByWord(all, tokens))
      if (!words.get(at)?.has(cue[0] as string) && closeTogether(tokens, cue)) count(at, cue);
  // The need the message says most of comes first: "a barbecue and something to flip the burgers" is about
  // flipping (a phrase) more than about a barbecue (a word). Equal evidence keeps the file's order.
  return [...words].sort((a, b) => b[1].size - a[1].size || a[0] - b[0]).map(([at]) => all[at] as Need);
}

/** Whether every word of a phrase is in the message within a few words of the others. */
function closeTogether(tokens: string[], cue: string[]): boolean {
  const span = cue.length + 3;
  for (let i = 0; i < tokens.length; i++) {
    if (!cue.includes(tokens[i] as string)) continue;
    const window = tokens.slice(i, i + span);
    if (cue.every((word) => window.includes(word))) return true;
  }
  return false;
}

const phraseIndexes = new WeakMap<Need[], Map<string, { at: number; cue: string[] }[]>>();

/** The phrase cues (two words or more) holding any of the message's words. */
function phrasesByWord(all: Need[], tokens: string[]): { at: number; cue: string[] }[] {
  let index = phraseIndexes.get(all);
  if (!index) {
    index = new Map();
    for (const [at, need] of all.entries())
      for (const cue of need.cues) {
        if (cue.length < 2) continue;
        for (const word of new Set(cue)) {
          const list = index.get(word) ?? [];
          list.push({ at, cue });
          index.set(word, list);
        }
      }
    phraseIndexes.set(all, index);
  }
  const found = new Set<{ at: number; cue: string[] }>();
  for (const token of tokens) for (const entry of index.get(token) ?? []) found.add(entry);
  return [...found];
}

const cueIndexes = new WeakMap<Need[], Map<string, { at: number; cue: string[] }[]>>();

/** Every cue of a list of needs by its first word, with the position of its need. */
function cuesByFirstWord(all: Need[]): Map<string, { at: number; cue: string[] }[]> {
  let index = cueIndexes.get(all);
  if (!index) {
    index = new Map();
    for (const [at, need] of all.entries())
      for (const cue of need.cues) {
        const [first] = cue;
        if (first === undefined) continue;
        const list = index.get(first) ?? [];
        list.push({ at, cue });
        index.set(first, list);
      }
    cueIndexes.set(all, index);
  }
  return index;
}
