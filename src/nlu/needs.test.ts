import { describe, expect, it } from 'vitest';
import {
  kindPhrases,
  NEED_FRAME,
  type Need,
  needs,
  needsIn,
  needWords,
  parseNeeds,
  toldAsOwned,
} from './needs.ts';

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
  const feet = parseNeeds('## cold feet\n- cues: cold feet, photos on the wall\n- kinds: slippers\n');

  it("takes a phrase said in the shopper's own order when the message frames a need, as written otherwise", () => {
    expect(needsIn('my feet are cold walking around the house', feet)).toHaveLength(1);
    expect(needsIn('I want to put photos of the kids on the wall', feet)).toHaveLength(1);
    expect(needsIn('are the feet of the table cold?', feet)).toEqual([]);
    expect(needsIn('he got cold feet before the wedding', feet)).toHaveLength(1);
  });

  it('lists the two-word kinds of thing, folded as the search folds them', () => {
    const phrases = kindPhrases(
      parseNeeds('## games\n- cues: game night\n- kinds: board games, puzzle, card game\n'),
    );
    expect([...phrases]).toEqual(['board game', 'card game']);
  });

  it('counts the one-word cues as words of a need', () => {
    expect([...needWords(dry)]).toEqual(['rain']);
  });

  it('finds a need stated in a need frame, by word or phrase, plural or not', () => {
    expect(needsIn('something to keep me dry on the way to work', dry)).toHaveLength(1);
    expect(needsIn('I need a thing for the rains', dry)).toHaveLength(1);
  });

  it('ignores a one-word cue in a question or a command without a need frame, and a frame without a cue', () => {
    expect(needsIn('will it rain tomorrow?', dry)).toEqual([]);
    expect(needsIn('tell me if rain is coming', dry)).toEqual([]);
    expect(needsIn('something for my desk', dry)).toEqual([]);
  });

  it('takes a phrase cue without a frame, and a one-word cue in what the shopper says of themselves', () => {
    expect(needsIn('how do I keep me dry at the bus stop', dry)).toHaveLength(1);
    expect(needsIn('my walk to work in the rain is miserable', dry)).toHaveLength(1);
    expect(needsIn('the rain in spain stays mainly in the plain', dry)).toEqual([]);
    // A question asked without its question mark tells nothing of a need.
    expect(needsIn("I'm trying to work out how much rain fell on my walk to work today", dry)).toEqual([]);
    // Nor does asking on someone's behalf: "asking for my wife" is not a present for her.
    expect(NEED_FRAME.test('how much rain falls in April? asking for my wife')).toBe(false);
    expect(NEED_FRAME.test('the boiler bangs every morning. Is that something to worry about?')).toBe(false);
  });

  it('reads everyday words as the words of the cues ("a rescue pup", "pics", "a second display")', () => {
    const [puppy, photos, screen] = parseNeeds(
      [
        '## a new puppy',
        '- cues: new puppy, rescue puppy, feed my cat',
        '- kinds: dog food',
        '## photos',
        '- cues: group photos',
        '- kinds: selfie stick',
        '## a second screen',
        '- cues: second screen',
        '- kinds: monitor',
      ].join('\n'),
    );
    const all = [puppy, photos, screen] as Need[];
    expect(needsIn('we are bringing home a rescue pup', all)).toEqual([puppy]);
    expect(needsIn('what can I feed my kitty, she has run out', all)).toEqual([puppy]);
    expect(needsIn('I can never fit everyone in our group pics', all)).toEqual([photos]);
    expect(needsIn('I wish my laptop had a second display', all)).toEqual([screen]);
  });

  it('puts first the need the message says most of', () => {
    const two = parseNeeds(
      '## grilling\n- cues: barbecue\n- kinds: grill\n\n## flipping\n- cues: flip burgers\n- kinds: spatula\n',
    );
    expect(needsIn('a barbecue and I need something to flip the burgers', two).map((n) => n.name)).toEqual([
      'flipping',
      'grilling',
    ]);
  });

  it('reads problems a purchase solves as need frames', () => {
    for (const text of [
      "we're out of tissues",
      'my blender died last night',
      'the peel on potatoes takes me forever',
      'I want my nails to look nice',
      "there's nothing to wipe noses with",
      "I'm tired of plugging my phone in every night",
      'I keep cutting my fingers dicing onions',
      'jars of paprika are everywhere in my cupboard',
      'going to a party, want some silly eyewear',
      'what could he use after shaving?',
      'the mugs are taking over the whole cupboard',
      'what can I dust on top so it stays matte?',
      'what can I wash with that keeps it soft?',
    ])
      expect(NEED_FRAME.test(text), text).toBe(true);
  });
});

describe('toldAsOwned', () => {
  it('reads "my desk" as owned, but not a thing someone is into', () => {
    const at = (text: string, word: string) => toldAsOwned(text, text.indexOf(word));
    expect(at('my desk is too dark in the evenings', 'desk')).toBe(true);
    expect(at("his birthday is soon and he's really into his trainers", 'trainers')).toBe(false);
    expect(at('a new lamp for the desk', 'desk')).toBe(false);
  });
});
