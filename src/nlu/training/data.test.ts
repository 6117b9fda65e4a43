/**
 * The training phrases kept as data files: the parser, and the checks that stop a bad edit at start-up.
 */
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../intents.ts';
import { OOS_TEMPLATES, PHRASES, parseSections, SLOTS, STORY_CONTEXT } from './data.ts';

describe('training data files', () => {
  it('parses sections, parts and items, and names the line of a mistake', () => {
    const [section] = parseSections('# title\n\n## intent: greeting\n### says\n- hi\n- hello\n', 'x.md');
    expect(section?.heading).toBe('intent: greeting');
    expect(section?.parts.get('says')).toEqual(['hi', 'hello']);
    expect(() => parseSections('- stray\n', 'x.md')).toThrow('x.md:1: an item before any "## " section');
    expect(() => parseSections('## slot: a\n- \n', 'x.md')).toThrow('x.md:2: an empty item');
  });

  it('has phrases for every intent, and defines every slot the phrases use', () => {
    for (const intent of INTENTS.filter((i) => i !== 'out_of_scope')) {
      const p = PHRASES[intent];
      expect((p.acts?.length ?? 0) + (p.says?.length ?? 0), intent).toBeGreaterThan(0);
    }
    expect(SLOTS.order).toContain('my order');
    expect(OOS_TEMPLATES.length).toBeGreaterThan(300);
  });

  it('has story sentences of both kinds, and keeps the shop ones off words other businesses share', () => {
    expect(STORY_CONTEXT.life.length).toBeGreaterThan(40);
    expect(STORY_CONTEXT.shop.length).toBeGreaterThan(15);
    for (const sentence of STORY_CONTEXT.shop) expect(sentence).not.toMatch(/\b(?:card|account|pin|bank)\b/);
  });
});
