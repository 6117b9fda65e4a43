import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GUIDE_METRICS, typesOf } from '../../test/guide-metrics.ts';
import { findPrometheusTool, prometheusSkipReason } from '../../test/prometheus-bin.ts';
import { createApp } from '../http/app.ts';
import { Readiness } from '../lifecycle/readiness.ts';
import { startServer } from '../lifecycle/server.ts';
import { NluEngine } from '../nlu/engine.ts';
import { createLogger } from './logger.ts';
import { Metrics } from './metrics.ts';

const nlu = NluEngine.build({ examplesPerIntent: 40, epochs: 2 });

function build() {
  const metrics = new Metrics({
    revision: 'chatbot-00007',
    pool: () => ({ size: 10, available: 9, waiting: 0 }),
  });
  const app = createApp({
    logger: createLogger({ level: 'silent' }),
    readiness: new Readiness(),
    nlu,
    metrics,
  });
  return { app, metrics };
}

const parse = (app: ReturnType<typeof build>['app'], text: unknown) =>
  app.request('/v1/nlu/parse', {
    method: 'POST',
    body: JSON.stringify({ text }),
    headers: { 'content-type': 'application/json' },
  });

describe('/metrics', () => {
  it('exposes every guide metric with its type and the revision label', async () => {
    const { app, metrics } = build();
    await parse(app, 'hello');
    await parse(app, 42);
    await app.request('/nope');
    metrics.ragRetrievalLatency.record(3);
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const types = typesOf(text);
    for (const [name, type] of Object.entries(GUIDE_METRICS)) expect(types[name], name).toBe(type);
    expect(types.rag_retrieval_latency_ms).toBe('histogram');
    expect(text).toMatch(
      /http_requests_total\{revision="chatbot-00007",method="POST",route="\/v1\/nlu\/parse",status="200"\} 1/,
    );
    expect(text).toMatch(/http_requests_total\{[^}]*route="\/v1\/nlu\/parse",status="400"\} 1/);
    expect(text).toMatch(/http_requests_total\{[^}]*route="unmatched",status="404"\} 1/);
    expect(text).toMatch(/chat_intent_distribution\{revision="chatbot-00007",intent="[a-z_]+"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*le="2"\}/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*le="5"\}/);
    expect(text).toMatch(/chatbot_db_pool_available_connections\{revision="chatbot-00007"\} 9/);
  });

  it('leaves probes and the scrape out of the request metrics', async () => {
    const { app } = build();
    await app.request('/healthz');
    await app.request('/readyz');
    await app.request('/metrics');
    const text = await (await app.request('/metrics')).text();
    expect(text).not.toMatch(/route="\/(healthz|readyz|metrics)"/);
  });

  it('measures request and response body sizes over real HTTP', async () => {
    const { app } = build();
    const server = await startServer(app.fetch, { port: 0, host: '127.0.0.1' });
    try {
      const body = JSON.stringify({ text: 'where is my order 100042' });
      const res = await fetch(`http://127.0.0.1:${server.port}/v1/nlu/parse`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      const answer = await res.text();
      const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
      const sum = (name: string) =>
        Number(text.match(new RegExp(`^${name}_sum\\{[^}]*status="200"\\} (\\S+)`, 'm'))?.[1]);
      expect(sum('http_request_size_bytes')).toBe(Buffer.byteLength(body));
      expect(sum('http_response_size_bytes')).toBe(Buffer.byteLength(answer));
    } finally {
      await server.close({ timeoutMs: 1000 });
    }
  });

  it('answers 404 when metrics are switched off', async () => {
    const app = createApp({ logger: createLogger({ level: 'silent' }), readiness: new Readiness(), nlu });
    expect((await app.request('/metrics')).status).toBe(404);
  });

  const skip = prometheusSkipReason('promtool');
  it.skipIf(skip !== '')(`passes promtool check metrics${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    const { app } = build();
    await parse(app, 'hello');
    const text = await (await app.request('/metrics')).text();
    const result = spawnSync(findPrometheusTool('promtool') as string, ['check', 'metrics'], {
      input: text,
      encoding: 'utf8',
    });
    expect(result.stderr + result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});
