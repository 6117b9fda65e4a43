import { describe, expect, it } from 'vitest';
import { needs, needsIn, parseNeeds } from './needs.ts';

describe('needs file', () => {
  it('loads the project file: every need has cues and kinds', () => {
    const all = needs();
    expect(all.length).toBeGreaterThan(20);
    for (const need of all) {
      expect(need.cues.length).toBeGreaterThan(0);
      expect(need.kinds.length).toBeGreaterThan(0);
    }
  });

  it('refuses a need without kinds, an unknown field, and a phrase that keeps one word', () => {
    expect(() => parseNeeds('## dry\n- cues: rain\n', 'x.md')).toThrow(/x.md:1 \(dry\): needs both/);
    expect(() => parseNeeds('## dry\n- cues: rain\n- wants: umbrella\n', 'x.md')).toThrow(/not "cues/);
    expect(() => parseNeeds('## door\n- cues: who is at the door\n- kinds: doorbell\n', 'x.md')).toThrow(
      /keeps fewer than two words/,
    );
  });
});

describe('needsIn', () => {
  const dry = parseNeeds('## keeping dry\n- cues: rain, keep me dry\n- kinds: umbrella, raincoat\n');

  it('finds a need stated in a need frame, by word or phrase, plural or not', () => {
    expect(needsIn('something to keep me dry on the way to work', dry)).toHaveLength(1);
    expect(needsIn('I need a thing for the rains', dry)).toHaveLength(1);
  });

  it('ignores the cue without a need frame, and a frame without a cue', () => {
    expect(needsIn('will it rain tomorrow?', dry)).toEqual([]);
    expect(needsIn('something for my desk', dry)).toEqual([]);
  });
});
