/**
 * @module retrieval/text
 * Tokens for lexical search: lower case, no accents, stop words out, a light plural/suffix folding.
 */
const STOP = new Set(
  'a an the and or of for to in on at by with from is are was be been it its this that these those i me my we our you your he she they them do does did can could would should will shall may might have has had not no yes please pls any some what which who whom how when where why there here than then so if as about into over under up down out off just also too very more most much many get got want need like looking show tell find give let know see sell sells carry buy store shop you guys hi hello whats hows wheres im ive id dont cant theres thats'.split(
    ' ',
  ),
);

export function fold(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('es') && /(ch|sh|x|ss|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function searchTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map(fold);
}
