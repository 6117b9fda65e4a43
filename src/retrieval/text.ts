/**
 * @module retrieval/text
 * Tokens for lexical search: lower case, no accents, stop words out, a light plural/suffix folding.
 */
const STOP = new Set(
  'a an the and or of for to in on at by with from is are was be been it its this that these those i me my we our you your he she they them do does did can could would should will shall may might have has had not no yes please pls any some what which who whom how when where why there here than then so if as about into over under up down out off just also too very more most much many get got want need like looking show tell find give let know see sell sells carry buy store shop you guys hi hello whats hows wheres im ive id dont cant theres thats'.split(
    ' ',
  ),
);

/**
 * Folds plurals and the y/ie endings onto one stem, so "batteries" meets "battery" and "beanies" meets
 * "beanie" (both sides of every comparison are folded the same way).
 */
export function fold(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}i`;
  else if (w.length > 4 && /(ch|sh|x|ss|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('ie')) return w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) return `${w.slice(0, -1)}i`;
  return w;
}

/** Plurals no suffix rule folds ("knives" is a knife, "shelves" a shelf; "gloves" and "olives" fold as usual). */
const IRREGULAR = new Map(
  Object.entries({
    knives: 'knife',
    wives: 'wife',
    lives: 'life',
    shelves: 'shelf',
    leaves: 'leaf',
    loaves: 'loaf',
    halves: 'half',
    scarves: 'scarf',
    wolves: 'wolf',
    calves: 'calf',
    thieves: 'thief',
    feet: 'foot',
    teeth: 'tooth',
    mice: 'mouse',
    geese: 'goose',
    children: 'child',
  }),
);

/**
 * `f` remembering its answers for up to 200,000 words: a catalog repeats a few thousand words millions of
 * times, and the bound keeps text full of made-up words from growing the memory without end.
 */
export function rememberingWords(f: (word: string) => string): (word: string) => string {
  const known = new Map<string, string>();
  return (word) => {
    let answer = known.get(word);
    if (answer === undefined) {
      answer = f(word);
      if (known.size < 200_000) known.set(word, answer);
    }
    return answer;
  };
}

const foldCached = rememberingWords(fold);

/** The text without accents: decomposed (NFKD), then the combining marks dropped. */
export const withoutAccents = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * Lower case, accents off, apostrophes dropped ("don't" → "dont"), split on anything but a–z and 0–9, stop
 * words and one-letter words out, each word folded. A scan over the characters rather than a replace and a
 * split: a 100,000-product catalog is millions of words at every start.
 */
export function searchTokens(text: string): string[] {
  let lower = text.toLowerCase();
  // Plain ASCII, most of any catalog, has no accents to take off.
  if (NON_ASCII.test(lower)) lower = withoutAccents(lower);
  const tokens: string[] = [];
  let word = '';
  let from = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (from < 0) from = i;
      continue;
    }
    if (from >= 0) {
      word += lower.slice(from, i);
      from = -1;
    }
    // An apostrophe joins the letters around it; anything else ends the word.
    if (c === 0x27 || c === 0x2019) continue;
    if (word.length > 1 && !STOP.has(word)) tokens.push(foldCached(word));
    word = '';
  }
  return tokens;
}
