import { describe, expect, it } from 'vitest';
import { jsonText, madeJsonText } from './json-text.ts';

describe('jsonText', () => {
  it('serialises an object once and hands the same text back', () => {
    const reply = { reply: 'Here are 2 matches', products: [{ id: 1, price: 9.5 }] };
    expect(madeJsonText(reply)).toBeUndefined();
    const text = jsonText(reply);
    expect(JSON.parse(text)).toEqual(reply);
    expect(madeJsonText(reply)).toBe(text);
    // Another object with the same content is its own entry.
    expect(madeJsonText({ ...reply })).toBeUndefined();
    expect(madeJsonText('text')).toBeUndefined();
  });
});
