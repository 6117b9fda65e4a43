/**
 * @module retrieval/spelling
 * How far apart two spellings are, and how far a shopper's word may be from a catalog word and still mean it:
 * the typo tolerance product search engines use (one slip in a word, two in a long one).
 */
import { isEnglishWord } from './english-words.ts';

/**
 * The edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, or `max + 1` as soon as it
 * is certain to be more than `max` (the optimal string alignment distance, row by row with an early exit).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length] as number, max + 1);
}

/** The slips a word of this length may hold and still be read as a catalog word: 1 from 3 letters, 2 from 8. */
export function typosAllowed(word: string): number {
  if (word.length < 3) return 0;
  return word.length >= 8 ? 2 : 1;
}

/**
 * The slips between `written` and `word` when `written` may be a misspelling of it, with at most `most` slips
 * (never a three-letter word read as another three-letter one); undefined when it may not.
 */
export function slipsBetween(written: string, word: string, most = 2): number | undefined {
  if (written === word) return 0;
  const allowed = Math.min(most, typosAllowed(written));
  if (allowed === 0 || word.length < 3) return undefined;
  // "mni" may be "mini", but a short word one letter from another short word is as likely a word of its own.
  if (written.length === 3 && word.length === 3) return undefined;
  const slips = editDistance(written, word, allowed);
  return slips <= allowed ? slips : undefined;
}

/**
 * A slip that only counts beside another word of the name ("microwave ovan"): one letter changed between two
 * four-letter words is as likely a word of its own ("lego" is not a misspelt "logo"). A swap ("lgeo") is a slip.
 */
export function onlyBesideAName(written: string, word: string): boolean {
  if (written.length !== 4 || word.length !== 4 || written === word) return false;
  const at = [...written].findIndex((c, i) => c !== word[i]);
  const swapped =
    written[at] === word[at + 1] &&
    written[at + 1] === word[at] &&
    written.slice(at + 2) === word.slice(at + 2);
  return !swapped;
}

/** Whether `written` may be a misspelling of `word` (see `slipsBetween`). */
export function spelledLike(written: string, word: string, most = 2): boolean {
  return slipsBetween(written, word, most) !== undefined;
}

/**
 * Whether a search token may be a misspelling at all: long enough to hold a slip, and not itself a word of the
 * language ("plan" is not a misspelt plant, "cookies" not the cook).
 */
export function mayBeMisspelt(token: string): boolean {
  return typosAllowed(token) > 0 && !isEnglishWord(token);
}
