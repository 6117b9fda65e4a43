import { describe, expect, it } from 'vitest';
import { doersOf, verbStem } from './described.ts';

describe('word forms a described need is compared on', () => {
  it('names the doer of a verb as English makes it', () => {
    expect(doersOf('grate')).toContain('grater');
    expect(doersOf('peel')).toContain('peeler');
    expect(doersOf('cut')).toContain('cutter');
    expect(doersOf('open')).toContain('opener');
    expect(doersOf('go')).toEqual([]);
    // The verb's other forms name the same doer.
    expect(doersOf('squeezing')).toContain('squeezer');
    expect(doersOf('slicing')).toContain('slicer');
    expect(doersOf('cutting')).toContain('cutter');
    expect(doersOf('peeled')).toContain('peeler');
  });

  it('cuts -ing and -ed and the doubled letter they leave, the same on both sides', () => {
    expect(verbStem('cutting')).toBe(verbStem('cut'));
    expect(verbStem('rolled')).toBe(verbStem('roll'));
    expect(verbStem('ring')).toBe('ring');
  });
});
