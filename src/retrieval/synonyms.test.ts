import { describe, expect, it } from 'vitest';
import { parseSynonyms, synonyms } from './synonyms.ts';

describe('synonyms', () => {
  it('loads the project file: each word maps to the rest of its group, folded', () => {
    const alike = synonyms();
    expect(alike.get('couch')).toEqual(['sofa', 'settee']);
    expect(alike.get('sofa')).toEqual(['couch', 'settee']);
    expect(alike.get('sneaker')).toContain('trainer');
  });

  it('refuses a group of one, a phrase, a stop word, and a word in two groups', () => {
    expect(() => parseSynonyms('- sofa\n', 'x.md')).toThrow(/x.md:1/);
    expect(() => parseSynonyms('- coffee maker, coffee machine\n')).toThrow(/single words/);
    expect(() => parseSynonyms('- the, sofa\n')).toThrow(/single words/);
    expect(() => parseSynonyms('- sofa, couch\n- couch, settee\n', 'x.md')).toThrow(/x.md:2: "couch"/);
  });
});
