import { describe, expect, it } from 'vitest';
import { editDistance, onlyBesideAName, spelledLike } from './spelling.ts';

describe('spelling', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours, stopping past the limit', () => {
    expect(editDistance('motorcyle', 'motorcycle', 2)).toBe(1);
    expect(editDistance('blomo', 'bloom', 2)).toBe(1);
    expect(editDistance('chopin', 'chopping', 2)).toBe(2);
    expect(editDistance('laptop', 'tablet', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  it('allows one slip from three letters and two from eight, never between two three-letter words', () => {
    expect(spelledLike('mni', 'mini')).toBe(true);
    expect(spelledLike('pro', 'pre')).toBe(false);
    expect(spelledLike('vollyball', 'volleyball')).toBe(true);
    expect(spelledLike('volyball', 'volleyball')).toBe(true);
    expect(spelledLike('blendr', 'blender')).toBe(true);
    expect(spelledLike('blndr', 'blender')).toBe(false);
    expect(spelledLike('volyball', 'volleyball', 1)).toBe(false);
  });

  it('counts one letter changed between two four-letter words only beside another word of the name', () => {
    expect(onlyBesideAName('lego', 'logo')).toBe(true);
    expect(onlyBesideAName('ovan', 'oven')).toBe(true);
    expect(onlyBesideAName('lgeo', 'lego')).toBe(false);
    expect(onlyBesideAName('lamp', 'lamp')).toBe(false);
    expect(onlyBesideAName('lamps', 'lamp')).toBe(false);
  });
});
