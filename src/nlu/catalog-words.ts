/**
 * @module nlu/catalog-words
 * Everyday words for common category slugs, kept as reviewable data in `data/category-words.json`: names of
 * the whole category ("couch" is not one, "furniture" is) and kinds of thing in it ("necklace" in jewellery),
 * which count only when that category's products use the word. A word applies only when the live catalog has
 * the slug; categories the file does not know are still found by their slug words and their products' tags.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const words = z.array(z.string().min(1).max(40));
const schema = z
  .record(z.string(), z.unknown())
  .transform((raw) => Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_'))))
  .pipe(z.record(z.string().regex(/^[a-z0-9-]+$/), z.object({ names: words, kinds: words })));

const data = schema.parse(
  JSON.parse(readFileSync(new URL('./data/category-words.json', import.meta.url), 'utf8')),
);

/** Every everyday word for each slug, names and kinds. */
export const CATEGORY_WORDS: Readonly<Record<string, string[]>> = Object.fromEntries(
  Object.entries(data).map(([slug, { names, kinds }]) => [slug, [...names, ...kinds]]),
);

/** Whether `phrase` names one kind of thing in the category rather than the category itself. */
export function isKindOf(slug: string, phrase: string): boolean {
  const key = phrase.toLowerCase().trim();
  return data[slug]?.kinds.some((k) => k === key) ?? false;
}
