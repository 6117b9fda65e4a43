import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../seed/catalog.ts';
import { INTENTS, isSupportIntent } from '../intents.ts';
import { addTypo, generateExamples, gerund, sourceWords } from './generate.ts';

describe('training set generator', () => {
  it('is deterministic and covers every intent', () => {
    const a = generateExamples({ perIntent: 50 });
    expect(generateExamples({ perIntent: 50 })).toEqual(a);
    expect(new Set(a.map((e) => e.intent))).toEqual(new Set(INTENTS));
    expect(generateExamples({ perIntent: 50, seed: 8 })).not.toEqual(a);
  });

  it('fills every slot', () => {
    for (const { text } of generateExamples({ perIntent: 80 })) expect(text).not.toMatch(/[{}]/);
  });

  it('tells support and unrelated requests inside stories, apart from the plain phrases', () => {
    const examples = generateExamples({ perIntent: 60 });
    const stories = examples.filter((e) => e.story);
    expect(new Set(stories.map((e) => e.intent))).toEqual(
      new Set(INTENTS.filter((i) => isSupportIntent(i) || i === 'out_of_scope')),
    );
    // Long messages: the request with one to three sentences around it.
    const words = (t: string) => t.split(/\s+/).length;
    const mean = (list: typeof examples) => list.reduce((n, e) => n + words(e.text), 0) / list.length;
    expect(mean(stories)).toBeGreaterThan(2 * mean(examples.filter((e) => !e.story)));
    // Stories draw from their own random stream: the plain phrases are the same with or without them.
    expect(examples.filter((e) => !e.story).slice(0, 40)).toEqual(
      generateExamples({ perIntent: 60 })
        .filter((e) => !e.story)
        .slice(0, 40),
    );
  });

  it('makes -ing forms and typos', () => {
    expect(gerund('cancel my order')).toBe('cancelling my order');
    expect(gerund('track {order}')).toBe('tracking {order}');
    expect(gerund('write a review')).toBe('writing a review');
    expect(gerund('see the fee')).toBe('seeing the fee');
    const random = seededRandom(1);
    const typo = addTypo('please cancel everything', random);
    expect(typo).not.toBe('please cancel everything');
    expect(Math.abs(typo.length - 'please cancel everything'.length)).toBeLessThanOrEqual(1);
    expect(addTypo('ok no', random)).toBe('ok no');
  });

  it('knows the words the phrases are written with, not the typos drawn from them', () => {
    const written = sourceWords();
    for (const word of ['work', 'cancel', 'cancelling', 'please', 'pls', 'u', 'bloody'])
      expect(written).toContain(word);
    const typos = generateExamples({ perIntent: 50 })
      .flatMap((e) => e.text.toLowerCase().match(/[a-z]+/g) ?? [])
      .filter((w) => !written.has(w));
    expect(typos.length).toBeGreaterThan(0);
    for (const word of ['wok', 'acount', 'pleae']) expect(written).not.toContain(word);
  });
});
