import { describe, expect, it } from 'vitest';
import { sharedNlu } from '../../test/shared-nlu.ts';
import { Readiness } from '../lifecycle/readiness.ts';
import { buildDemoCatalog } from '../seed/catalog.ts';
import { createLogger } from '../telemetry/logger.ts';
import { createApp, MAX_BODY_BYTES } from './app.ts';

const nlu = sharedNlu();
nlu.setCatalog(
  buildDemoCatalog().map((p) => ({
    id: p.id as number,
    title: p.title,
    brand: p.brand ?? null,
    category: p.category,
  })),
);
const app = createApp({ logger: createLogger({ level: 'silent' }), readiness: new Readiness(), nlu });

interface ParseBody {
  text: string;
  intent: { name: string; confidence: number };
  ranking: { name: string; confidence: number }[];
  entities: { type: string; value: string | number; start: number; end: number }[];
}
interface ErrorJson {
  error: { code: string; message: string };
}

const post = (body: string, type = 'application/json') =>
  app.request('/v1/nlu/parse', { method: 'POST', body, headers: { 'content-type': type } });

describe('POST /v1/nlu/parse', () => {
  it('returns intent, ranking and entities in the Rasa-like shape', async () => {
    const res = await post(JSON.stringify({ text: 'where is my order #00123842?' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as ParseBody;
    expect(body.intent.name).toBe('track_order');
    expect(body.intent.confidence).toBeGreaterThan(0.5);
    expect(body.intent.confidence).toBeLessThanOrEqual(1);
    expect(body.ranking.length).toBeGreaterThan(1);
    expect(body.ranking[0]).toEqual(body.intent);
    expect(body.entities).toContainEqual({ type: 'order_id', value: '00123842', start: 18, end: 27 });
  });

  it('finds catalog products, brands and price limits', async () => {
    const body = (await (
      await post(JSON.stringify({ text: 'Nimbus tablets under 600 dollars' }))
    ).json()) as ParseBody;
    expect(body.intent.name).toBe('product_inquiry');
    expect(body.entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'brand', value: 'Nimbus' }),
        expect.objectContaining({ type: 'category', value: 'tablets' }),
        expect.objectContaining({ type: 'price_max', value: 600 }),
      ]),
    );
  });

  it.each([
    ['not json', '{"text": ', 'application/json', 400, 'invalid_json'],
    ['missing text', '{}', 'application/json', 400, 'validation_error'],
    ['wrong type', '{"text": 42}', 'application/json', 400, 'validation_error'],
    [
      'only control characters',
      JSON.stringify({ text: '\u0000\u0007\u200b \n' }),
      'application/json',
      400,
      'validation_error',
    ],
    ['too long', JSON.stringify({ text: 'a'.repeat(2001) }), 'application/json', 400, 'validation_error'],
    [
      'extra fields',
      JSON.stringify({ text: 'hi', admin: true }),
      'application/json',
      400,
      'validation_error',
    ],
    ['an array', '[1,2]', 'application/json', 400, 'validation_error'],
    ['form data', 'text=hi', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    [
      'a huge body',
      JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) }),
      'application/json',
      413,
      'payload_too_large',
    ],
  ])('rejects %s with a JSON error', async (_name, body, type, status, code) => {
    const res = await post(body, type);
    expect(res.status).toBe(status);
    const json = (await res.json()) as ErrorJson;
    expect(json.error.code).toBe(code);
    expect(typeof json.error.message).toBe('string');
  });

  it('strips control characters before classifying', async () => {
    const body = (await (
      await post(JSON.stringify({ text: 'hel\u0000lo\u200b there' }))
    ).json()) as ParseBody;
    expect(body.text).toBe('hello there');
    expect(body.intent.name).toBe('greeting');
  });
});
