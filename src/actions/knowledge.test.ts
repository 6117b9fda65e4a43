import { describe, expect, it } from 'vitest';
import { excerpt, sectionFor } from './knowledge.ts';

describe('policy excerpts for a chat bubble', () => {
  it('reads a table row by row without its header, and a list as bullets', () => {
    const text = [
      'We ship in three ways.',
      '',
      '| option   | price  | delivery time      |',
      '| -------- | ------ | ------------------ |',
      '| Standard | $4.99  | 3–5 business days  |',
      '| Express  | $14.99 | 1–2 business days  |',
      '',
      'Every product shows how soon it ships.',
      '- **Free** over $50',
    ].join('\n');
    expect(excerpt(text)).toBe(
      'We ship in three ways. • Standard — $4.99 — 3–5 business days. • Express — $14.99 — 1–2 business days. ' +
        'Every product shows how soon it ships. • Free over $50',
    );
  });

  it('cuts a long text at a word', () => {
    const cut = excerpt('word '.repeat(200), 50);
    expect(cut.length).toBeLessThanOrEqual(52);
    expect(cut.endsWith(' …')).toBe(true);
  });
});

describe('the section that answers a policy question', () => {
  it('answers how long a refund takes from the refunds document, and the policy itself from returns', () => {
    expect(sectionFor('check_refund_policy', 'and how long does a refund take?')).toBe(
      'refunds#when-you-get-your-money-back',
    );
    expect(sectionFor('check_refund_policy', 'when will I get my money back after returning it?')).toBe(
      'refunds#when-you-get-your-money-back',
    );
    expect(sectionFor('check_refund_policy', "what's your returns policy?")).toBe(
      'returns#how-long-you-have',
    );
    expect(sectionFor('delivery_period', 'how long does delivery take?')).toBe(
      'delivery#delivery-options-and-times',
    );
  });
});
