/**
 * @module retrieval/synonyms
 * Words shoppers use for the same kind of thing (`data/synonyms.md`): a search for "couch" also looks for
 * sofas, and a sofa counts as having the word "couch" when checking that a product has what was asked for.
 */
import { readFileSync } from 'node:fs';
import { searchTokens } from './text.ts';

/** Each word (folded as the search folds it) and the other words of its group. */
export function parseSynonyms(text: string, file = 'synonyms.md'): Map<string, string[]> {
  const alike = new Map<string, string[]>();
  text.split('\n').forEach((raw, index) => {
    if (!raw.startsWith('- ')) return;
    const words = raw
      .slice(2)
      .split(',')
      .map((w) => searchTokens(w));
    if (words.length < 2 || words.some((w) => w.length !== 1))
      throw new Error(`${file}:${index + 1}: a group is two or more single words (not stop words)`);
    const group = words.map((w) => w[0] as string);
    for (const word of group) {
      if (alike.has(word)) throw new Error(`${file}:${index + 1}: "${word}" is already in another group`);
      alike.set(
        word,
        group.filter((other) => other !== word),
      );
    }
  });
  return alike;
}

let loaded: Map<string, string[]> | undefined;

/** The project's synonym groups, read and checked once. */
export function synonyms(): Map<string, string[]> {
  loaded ??= parseSynonyms(readFileSync(new URL('./data/synonyms.md', import.meta.url), 'utf8'));
  return loaded;
}
