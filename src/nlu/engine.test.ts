/**
 * Quality floor on sentences written for this test (not in the training templates, not from any dataset).
 * The real measurement is `npm run eval`; this guards against a broken model or training set.
 */
import { describe, expect, it } from 'vitest';
import { sharedNlu } from '../../test/shared-nlu.ts';
import { NluEngine } from './engine.ts';
import { isSupportIntent } from './intents.ts';

const engine = sharedNlu();

const CASES: [string, string][] = [
  ['can u cancel purchase 00123842', 'cancel_order'],
  ['wheres my stuff', 'track_order'],
  ['refnd pls', 'get_refund'],
  ['my parcel 558812 never showed up, where is it', 'track_order'],
  ['I bought the wrong size, can I swap it in order 100048', 'change_order'],
  ['what does it cost if I cancel', 'check_cancellation_fee'],
  ['I need the pdf of my bill for accounting', 'get_invoice'],
  ['do you guys take paypal', 'check_payment_methods'],
  ['my card keeps getting rejected at checkout', 'payment_issue'],
  ['how many days do I have to send something back', 'check_refund_policy'],
  ['still no sign of the $120 you owe me', 'track_refund'],
  ['I typed my street wrong, please fix the address', 'change_shipping_address'],
  ['how fast will it get to me', 'delivery_period'],
  ['do you deliver to Norway', 'delivery_options'],
  ['your courier threw my box over the fence, unacceptable', 'complaint'],
  ['I want to give the blender five stars', 'review'],
  ['let me speak to a real human', 'contact_human_agent'],
  ['what number can I phone for support', 'contact_customer_service'],
  ['I forgot my password', 'recover_password'],
  ['please erase my account and data', 'delete_account'],
  ['add me to your mailing list', 'newsletter_subscription'],
  ['is the Aerobook 14 Air in stock', 'product_inquiry'],
  ['hi there', 'greeting'],
  ['thanks a million', 'thanks'],
  ['bye for now', 'goodbye'],
  ['are you a robot', 'bot_capabilities'],
  ['yes please', 'affirm'],
  ['no, leave it', 'deny'],
  ["what's the capital of australia", 'out_of_scope'],
  ['set an alarm for 6 tomorrow', 'out_of_scope'],
  ['how do I bake sourdough bread', 'out_of_scope'],
  ['transfer 300 dollars to my savings', 'out_of_scope'],
];

describe('NluEngine', () => {
  it('gets at least 90% of hand-written, unseen sentences right', () => {
    const wrong = CASES.filter(([text, intent]) => engine.parse(text).intent.name !== intent);
    expect(
      wrong.length / CASES.length,
      JSON.stringify(wrong.map(([t, i]) => [t, i, engine.parse(t).intent.name])),
    ).toBeLessThanOrEqual(0.1);
  });

  it('never routes clearly unrelated requests into a support action', () => {
    for (const text of [
      'what is the weather in paris tomorrow',
      'play some jazz',
      'who won the game last night',
      'what is 12 times 7',
    ]) {
      expect(isSupportIntent(engine.parse(text).intent.name), text).toBe(false);
    }
  });

  it('turns a low-confidence guess into out_of_scope', () => {
    const strict = NluEngine.build({ outOfScopeThreshold: 0.999999, examplesPerIntent: 40, epochs: 2 });
    const result = strict.parse('hmm maybe the blue one');
    expect(result.intent.name).toBe('out_of_scope');
    expect(result.ranking[0]?.name).not.toBe(undefined);
  });

  it('is deterministic and its ranking sums to at most 1', () => {
    const small = { examplesPerIntent: 60, epochs: 2 };
    const [one, two] = [NluEngine.build(small), NluEngine.build(small)];
    for (const [text] of CASES.slice(0, 8)) expect(two.parse(text)).toEqual(one?.parse(text));
    const total = engine.parse('where is my order').ranking.reduce((s, r) => s + r.confidence, 0);
    expect(total).toBeLessThanOrEqual(1.0001);
  });
});

describe('NluEngine.cached', () => {
  it('trains once, then loads the same model from the cache, and retrains over a damaged file', async () => {
    const { mkdtempSync, readdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'nlu-cache-'));
    const small = { examplesPerIntent: 40, epochs: 2 };
    const events: string[] = [];
    const onCache = (e: { kind: string }) => events.push(e.kind);
    const trained = NluEngine.cached({ ...small, dir, onCache });
    const loaded = NluEngine.cached({ ...small, dir, onCache });
    expect(events).toEqual(['written', 'hit']);
    for (const [text] of CASES.slice(0, 10)) expect(loaded.parse(text)).toEqual(trained.parse(text));
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file as string), 'not a model');
    const again = NluEngine.cached({ ...small, dir, onCache });
    expect(events).toEqual(['written', 'hit', 'unreadable', 'written']);
    expect(again.parse('where is my order').intent).toEqual(trained.parse('where is my order').intent);
    NluEngine.cached({ ...small, epochs: 3, dir, onCache });
    expect(events.at(-1)).toBe('written');
  });

  it('keeps only the three most recently used models in its directory', async () => {
    const { mkdtempSync, readdirSync, utimesSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pruneModels, touchModel } = await import('./model-cache.ts');
    const dir = mkdtempSync(join(tmpdir(), 'nlu-prune-'));
    const names = [1, 2, 3, 4, 5].map((n) => `nlu-${String(n).repeat(24)}.bin`);
    names.forEach((name, i) => {
      writeFileSync(join(dir, name), 'model');
      utimesSync(join(dir, name), 1000 + i, 1000 + i);
    });
    writeFileSync(join(dir, 'notes.txt'), 'not a model');
    touchModel(join(dir, names[0] as string));
    expect(pruneModels(dir).sort()).toEqual([names[1], names[2]]);
    expect(readdirSync(dir).sort()).toEqual([names[0], names[3], names[4], 'notes.txt'].sort());
  });
});
