import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../seed/catalog.ts';
import { INTENTS } from '../intents.ts';
import { addTypo, generateExamples, gerund } from './generate.ts';

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
});
