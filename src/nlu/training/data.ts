/**
 * @module nlu/training/data
 * Loads the training phrases kept as reviewable data (`src/nlu/data/intents.md`, `slots.md`,
 * `out-of-scope.md`, `stories.md`, the way Rasa keeps `data/nlu.yml`) and checks them: every intent is a known one, every
 * `{slot}` a phrase uses is defined, nothing is empty. A mistake stops the start with the file and line.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INTENTS, type IntentName } from '../intents.ts';

export interface IntentPhrases {
  acts?: string[];
  says?: string[];
}

/** Slots filled with random numbers by the generator, not from a list. */
export const NUMBER_SLOTS = new Set(['num', 'inum', 'inumx', 'n', 'n2']);

interface Section {
  heading: string;
  line: number;
  parts: Map<string, string[]>;
}

/** `## heading` sections, `### part` subsections (default part ''), `- item` lines. */
export function parseSections(text: string, file: string): Section[] {
  const sections: Section[] = [];
  let part = '';
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (line.startsWith('## ')) {
      sections.push({ heading: line.slice(3).trim(), line: index + 1, parts: new Map() });
      part = '';
    } else if (line.startsWith('### ')) part = line.slice(4).trim();
    else if (line === '-' || line.startsWith('- ')) {
      const section = sections.at(-1);
      if (!section) throw new Error(`${file}:${index + 1}: an item before any "## " section`);
      const item = line.slice(1).trim();
      if (!item) throw new Error(`${file}:${index + 1}: an empty item`);
      section.parts.set(part, [...(section.parts.get(part) ?? []), item]);
    }
  });
  return sections;
}

const read = (name: string) => readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8');
const items = z.array(z.string().min(1).max(300));

function slotSections(sections: Section[], file: string): Record<string, string[]> {
  const slots: Record<string, string[]> = {};
  for (const s of sections) {
    const m = s.heading.match(/^slot:\s*(\w+)$/);
    if (!m) continue;
    const name = m[1] as string;
    if (slots[name]) throw new Error(`${file}:${s.line}: slot "${name}" is defined twice`);
    slots[name] = items.min(1).parse([...s.parts.values()].flat());
  }
  return slots;
}

function loadIntents(): Record<IntentName, IntentPhrases> {
  const file = 'intents.md';
  const phrases: Partial<Record<IntentName, IntentPhrases>> = {};
  for (const s of parseSections(read(file), file)) {
    const m = s.heading.match(/^intent:\s*(\w+)$/);
    if (!m) throw new Error(`${file}:${s.line}: expected "## intent: <name>"`);
    const name = z.enum(INTENTS).parse(m[1], { error: () => `${file}:${s.line}: unknown intent "${m[1]}"` });
    const unknown = [...s.parts.keys()].filter((p) => p !== 'acts' && p !== 'says');
    if (unknown.length) throw new Error(`${file}:${s.line}: only "### acts" and "### says" (got ${unknown})`);
    phrases[name] = {
      acts: items.parse(s.parts.get('acts') ?? []),
      says: items.parse(s.parts.get('says') ?? []),
    };
  }
  return phrases as Record<IntentName, IntentPhrases>;
}

/** Every `{name}` used must be a defined slot or a number slot. */
function checkReferences(
  texts: string[],
  slots: Record<string, string[]>,
  file: string,
  extra: string[] = [],
) {
  for (const text of texts)
    for (const [, name] of text.matchAll(/\{(\w+)\}/g))
      if (!slots[name as string] && !NUMBER_SLOTS.has(name as string) && !extra.includes(name as string))
        throw new Error(`${file}: "{${name}}" in "${text}" is not a defined slot`);
}

export const PHRASES = loadIntents();
export const SLOTS = slotSections(parseSections(read('slots.md'), 'slots.md'), 'slots.md');

const oosSections = parseSections(read('out-of-scope.md'), 'out-of-scope.md');
export const OOS_TEMPLATES = items
  .min(1)
  .parse(oosSections.filter((s) => s.heading === 'templates').flatMap((s) => [...s.parts.values()].flat()));
export const OOS_SLOTS = slotSections(oosSections, 'out-of-scope.md');

/**
 * The story around a request (`stories.md`): `life` sentences say nothing about the shop, `shop` sentences are
 * about buying from us but ask for nothing in particular.
 */
const storySections = parseSections(read('stories.md'), 'stories.md');
const contextOf = (kind: string) =>
  items
    .min(1)
    .parse(
      storySections
        .filter((s) => s.heading === `context: ${kind}`)
        .flatMap((s) => [...s.parts.values()].flat()),
    );
export const STORY_CONTEXT = { life: contextOf('life'), shop: contextOf('shop') };
export const STORY_SLOTS = slotSections(storySections, 'stories.md');
for (const s of storySections)
  if (!/^(?:context: (?:life|shop)|slot:\s*\w+)$/.test(s.heading))
    throw new Error(
      `stories.md:${s.line}: expected "## context: life", "## context: shop" or "## slot: <name>"`,
    );

checkReferences(
  Object.values(PHRASES).flatMap((p) => [...(p.acts ?? []), ...(p.says ?? [])]),
  SLOTS,
  'intents.md',
);
checkReferences(Object.values(SLOTS).flat(), SLOTS, 'slots.md');
// Out-of-scope templates may also use the shared slots (cities, names…).
checkReferences(
  [...OOS_TEMPLATES, ...Object.values(OOS_SLOTS).flat()],
  OOS_SLOTS,
  'out-of-scope.md',
  Object.keys(SLOTS),
);
checkReferences(
  [...STORY_CONTEXT.life, ...STORY_CONTEXT.shop, ...Object.values(STORY_SLOTS).flat()],
  STORY_SLOTS,
  'stories.md',
  Object.keys(SLOTS),
);
for (const intent of INTENTS)
  if (intent !== 'out_of_scope' && !PHRASES[intent])
    throw new Error(`intents.md: no phrases for "${intent}"`);
