import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HfSimulator, startHfSimulator } from '../../test/simulators/hf-chat.ts';
import { CircuitBreaker } from '../resilience/circuit-breaker.ts';
import { Metrics } from '../telemetry/metrics.ts';
import { TemplateGenerator } from './generator.ts';
import { unsupportedClaim } from './grounding.ts';
import { HuggingFaceGenerator } from './huggingface.ts';

const grounded =
  'Order 100042 (1 × Sonara Wave Wireless Headphones) is shipped. Estimated delivery: Sat, Nov 28.';

describe('grounding check', () => {
  it('accepts rephrasings that keep every number and status, rejects the rest', () => {
    expect(
      unsupportedClaim('Good news: order 100042 is shipped and should arrive Sat, Nov 28.', grounded),
    ).toBeUndefined();
    expect(unsupportedClaim('Order 100043 is shipped.', grounded)).toBe('number 100043');
    expect(unsupportedClaim('Order 100042 is delivered.', grounded)).toBe('status "delivered"');
    expect(unsupportedClaim('It costs $1,299.00', 'The price is $1299')).toBeUndefined();
  });
});

describe('Hugging Face generator against the local protocol simulator', () => {
  let sim: HfSimulator;
  beforeAll(async () => {
    sim = await startHfSimulator();
  });
  afterAll(async () => sim?.close());

  const generator = (metrics?: Metrics, timeoutMs = 1000) =>
    new HuggingFaceGenerator({ endpointUrl: sim.url, token: 'hf_test', timeoutMs, attempts: 2, metrics });

  it('uses a faithful rephrasing and sends the draft with the system rules', async () => {
    sim.mode = 'faithful';
    const out = await generator().phrase({ question: 'where is my order', grounded });
    expect(out).toEqual({ text: `Happy to help! ${grounded}`, by: 'huggingface' });
    const last = sim.requests.at(-1);
    expect(last?.path).toBe('/v1/chat/completions');
    expect(last?.body.messages[0]?.content).toContain('do not add, change or drop any number');
    expect(last?.body.messages[1]?.content).toContain(grounded);
  });

  it('falls back to the template when the model changes a fact', async () => {
    sim.mode = 'hallucinate';
    expect(await generator().phrase({ question: 'q', grounded })).toEqual({
      text: grounded,
      by: 'template',
      fallback: 'unsupported_claim',
    });
  });

  it('retries a failing endpoint a bounded number of times, counts the errors, then falls back', async () => {
    sim.mode = 'error';
    const metrics = new Metrics();
    const before = sim.requests.length;
    expect(await generator(metrics).phrase({ question: 'q', grounded })).toEqual({
      text: grounded,
      by: 'template',
      fallback: 'error',
    });
    expect(sim.requests.length - before).toBe(2);
    const text = await metrics.render();
    expect(text).toMatch(/huggingface_api_requests_total\{task="chat"\} 2/);
    expect(text).toMatch(/huggingface_api_errors_total\{task="chat"\} 2/);
  });

  it('opens its circuit after repeated failures: replies keep the template without calling the endpoint', async () => {
    sim.mode = 'error';
    let now = 0;
    const breaker = new CircuitBreaker({
      name: 'huggingface',
      failureThreshold: 2,
      cooldownMs: 5000,
      now: () => now,
    });
    const metrics = new Metrics();
    metrics.trackCircuit(breaker);
    const guarded = new HuggingFaceGenerator({
      endpointUrl: sim.url,
      token: 'hf_test',
      attempts: 1,
      breaker,
      metrics,
    });
    const before = sim.requests.length;
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push((await guarded.phrase({ question: 'q', grounded })).fallback);
    expect(outcomes).toEqual(['error', 'error', 'circuit_open', 'circuit_open', 'circuit_open']);
    expect(sim.requests.length - before).toBe(2);
    expect(await metrics.render()).toMatch(/chatbot_circuit_breaker_state\{dependency="huggingface"\} 2/);
    sim.mode = 'faithful';
    now += 5000;
    expect(await guarded.phrase({ question: 'q', grounded })).toEqual({
      text: `Happy to help! ${grounded}`,
      by: 'huggingface',
    });
    expect(breaker.state).toBe('closed');
  });

  it('gives up at the timeout without retrying', async () => {
    sim.mode = 'slow';
    const before = sim.requests.length;
    const started = performance.now();
    const out = await generator(undefined, 200).phrase({ question: 'q', grounded });
    expect(out).toEqual({ text: grounded, by: 'template', fallback: 'timeout' });
    expect(sim.requests.length - before).toBe(1);
    expect(performance.now() - started).toBeLessThan(1900);
  });

  it('the template generator returns the grounded reply as it is', async () => {
    expect(await new TemplateGenerator().phrase({ question: 'q', grounded })).toEqual({
      text: grounded,
      by: 'template',
    });
  });
});

describe.skipIf(!process.env.HF_ACCESS_TOKEN)(
  `Hugging Face contract${process.env.HF_ACCESS_TOKEN ? '' : ' (skipped: HF_ACCESS_TOKEN not set)'}`,
  () => {
    it('the real API answers a chat completion that passes or fails the check cleanly', async () => {
      const out = await new HuggingFaceGenerator({
        token: process.env.HF_ACCESS_TOKEN,
        endpointUrl: process.env.HF_ENDPOINT_URL,
        model: process.env.HF_MODEL ?? 'meta-llama/Llama-3.1-8B-Instruct',
        timeoutMs: 20_000,
      }).phrase({ question: 'where is my order?', grounded });
      expect(out.text.length).toBeGreaterThan(10);
      expect(out.fallback === undefined || out.fallback === 'unsupported_claim').toBe(true);
    });
  },
);

describe('chat with the Hugging Face generator (simulator)', () => {
  it('stores and returns the checked rephrasing, and the grounded reply when the check fails', async () => {
    const { openTestStore } = await import('../../test/databases.ts');
    const { buildChatApp, conversation } = await import('../../test/chat-app.ts');
    const sim = await startHfSimulator('faithful');
    const store = await openTestStore('pglite');
    try {
      const generator = new HuggingFaceGenerator({ endpointUrl: sim.url, timeoutMs: 2000 });
      const { app } = await buildChatApp(store, { generator });
      const chat = conversation(app, 'cus_maya');
      const good = await chat.say('where is my order 100042?');
      expect(good.generatedBy).toBe('huggingface');
      expect(good.reply).toMatch(/^Happy to help! Order 100042/);
      sim.mode = 'hallucinate';
      const bad = await chat.say('where is my order 100043?');
      expect(bad.generatedBy).toBe('template');
      expect(bad.reply).toMatch(/^Order 100043/);
      const history = (await (
        await app.request(`/v1/conversations/${chat.id}`, { headers: { 'x-customer-id': 'cus_maya' } })
      ).json()) as {
        messages: { role: string; text: string }[];
      };
      expect(history.messages.filter((m) => m.role === 'bot').map((m) => m.text)).toEqual([
        good.reply,
        bad.reply,
      ]);
    } finally {
      await store.close();
      await sim.close();
    }
  });
});

describe('request timeout', () => {
  it('answers 503 with Retry-After when a turn is too slow, and the retry gets the stored turn', async () => {
    const { openTestStore } = await import('../../test/databases.ts');
    const { buildChatApp } = await import('../../test/chat-app.ts');
    const sim = await startHfSimulator('slow');
    const store = await openTestStore('pglite');
    try {
      const generator = new HuggingFaceGenerator({ endpointUrl: sim.url, timeoutMs: 5000 });
      const { app } = await buildChatApp(store, {
        generator,
        security: {
          apiKeys: [],
          rateLimits: { perCustomer: 1e6, perKey: 1e6 },
          corsOrigins: [],
          requestTimeoutMs: 300,
        },
      });
      const post = (body: object) =>
        app.request('/v1/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-customer-id': 'cus_maya' },
          body: JSON.stringify(body),
        });
      sim.mode = 'error'; // the first turn falls back fast
      const first = (await (await post({ message: 'hello' })).json()) as { conversationId: string };
      sim.mode = 'slow';
      const slow = await post({
        message: 'where is my order 100042?',
        conversationId: first.conversationId,
        clientMessageId: 'slow-1',
      });
      expect(slow.status).toBe(503);
      expect(slow.headers.get('retry-after')).toBe('2');
      expect(((await slow.json()) as { error: { code: string } }).error.code).toBe('timeout');
      // The turn itself finishes in the background; a retry with the same id returns it.
      await new Promise((r) => setTimeout(r, 2500));
      const retry = await post({
        message: 'where is my order 100042?',
        conversationId: first.conversationId,
        clientMessageId: 'slow-1',
      });
      expect(retry.status).toBe(200);
      expect(((await retry.json()) as { reply: string }).reply).toContain('100042');
    } finally {
      await store.close();
      await sim.close();
    }
  });
});
