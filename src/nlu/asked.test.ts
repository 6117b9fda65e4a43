import { describe, expect, it } from 'vitest';
import { askedInSoManyWords, type Ranked } from './asked.ts';
import { wordCount } from './engine.ts';

const reading = (...names: Ranked['name'][]): Ranked[] =>
  names.map((name, i) => ({ name, confidence: i === 0 ? 0.7 : 0.3 / names.length }));
const asked = (text: string, ranking: Ranked[]) => askedInSoManyWords(text, wordCount(text), ranking)?.name;

describe('what a message asks in so many words', () => {
  it('overrules the readings that miss the request', () => {
    expect(asked('I want to return something', reading('check_refund_policy', 'get_refund'))).toBe(
      'get_refund',
    );
    expect(asked("I'd like to change where order 100051 is going", reading('change_order'))).toBe(
      'change_shipping_address',
    );
    expect(asked('the reset link says it expired every time', reading('registration_problems'))).toBe(
      'recover_password',
    );
    expect(asked('Loved it, five stars, will be recommending you', reading('out_of_scope', 'thanks'))).toBe(
      'review',
    );
    expect(
      asked("So pleased with it. Great job, I'll definitely be shopping again.", reading('out_of_scope')),
    ).toBe('review');
    expect(asked("One was missing from the set. I'd just like a refund.", reading('out_of_scope'))).toBe(
      'get_refund',
    );
    expect(asked('how much longer will it be?', reading('out_of_scope'))).toBe('delivery_period');
    expect(asked('how much longer is the sale on?', reading('out_of_scope'))).toBeUndefined();
    expect(asked('How quickly can you get something to me in Glasgow?', reading('out_of_scope'))).toBe(
      'delivery_period',
    );
    expect(
      asked('Honestly disappointed. The curtains look nothing like the photos.', reading('product_inquiry')),
    ).toBe('complaint');
    expect(asked('I want to make an account so I can see my order history', reading('place_order'))).toBe(
      'create_account',
    );
    // Not being able to make one is a registration problem.
    expect(
      asked("I can't create an account, the page freezes", reading('registration_problems')),
    ).toBeUndefined();
  });

  it('leaves alone a reading that is already another fair one, and a question', () => {
    // Asking how returns work is the policy; a rating asked about is a product question.
    expect(asked('can I return it if it does not fit?', reading('check_refund_policy'))).toBeUndefined();
    expect(asked('is the lamp rated 5 stars?', reading('product_inquiry'))).toBeUndefined();
    expect(asked('where is my refund? I would like my money back', reading('track_refund'))).toBeUndefined();
    // A return started in a long story is for the clauses to read.
    expect(
      asked(
        'I want to return something but first let me tell you how the courier left it in the rain on Monday',
        reading('check_refund_policy'),
      ),
    ).toBeUndefined();
  });
});
