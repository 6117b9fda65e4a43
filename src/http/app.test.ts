import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Readiness } from '../lifecycle/readiness.ts';
import { NluEngine } from '../nlu/engine.ts';
import { createLogger } from '../telemetry/logger.ts';
import { createApp } from './app.ts';
import { ApiError } from './errors.ts';

// A small model is enough here: these tests are about HTTP, not about NLU quality.
const nlu = NluEngine.build({ examplesPerIntent: 40, epochs: 2 });

function build() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const readiness = new Readiness();
  const logger = createLogger(
    { level: 'info', runtime: { pod: 'pod-1', namespace: 'chatbot-dev', revision: 'r1' } },
    sink,
  );
  const app = createApp({ logger, readiness, nlu });
  return { app, readiness, lines };
}

describe('health endpoints', () => {
  it('answers liveness', async () => {
    const { app } = build();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports ready only when every check passes', async () => {
    const { app, readiness } = build();
    readiness.register('store', () => {});
    expect((await app.request('/readyz')).status).toBe(200);

    readiness.register('index', () => {
      throw new Error('index not loaded');
    });
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({
      status: 'not_ready',
      checks: { store: 'ok', index: 'index not loaded' },
    });
  });

  it('turns not ready while draining and asks clients to close the connection', async () => {
    const { app, readiness } = build();
    readiness.register('store', () => {});
    readiness.startDraining();
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { checks: Record<string, string> }).checks.shutdown).toBe('draining');
    expect((await app.request('/healthz')).headers.get('connection')).toBe('close');
  });

  it('fails a check that hangs instead of hanging the probe', async () => {
    const readiness = new Readiness();
    readiness.register('slow', () => new Promise(() => {}));
    const report = await readiness.report(20);
    expect(report).toEqual({ ready: false, checks: { slow: 'timed out after 20 ms' } });
  });
});

describe('errors and request ids', () => {
  it('answers unknown routes with the JSON error shape', async () => {
    const { app } = build();
    const res = await app.request('/v1/nothing-here', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'no route for POST /v1/nothing-here' },
    });
  });

  it('echoes a safe X-Request-Id and replaces an unsafe one', async () => {
    const { app, lines } = build();
    const ok = await app.request('/nope', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(ok.headers.get('x-request-id')).toBe('abc-123');
    const bad = await app.request('/nope', { headers: { 'X-Request-Id': 'a b <script>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(lines.map((l) => l.request_id)).toEqual(['abc-123', bad.headers.get('x-request-id')]);
  });

  it('writes one JSON log line per request with the guide fields', async () => {
    const { app, lines } = build();
    await app.request('/nope');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      message: 'request',
      intent: null,
      route: 'unmatched',
      pod: 'pod-1',
      namespace: 'chatbot-dev',
      revision: 'r1',
      status: 404,
    });
    expect(typeof lines[0]?.latency_ms).toBe('number');
    expect(Date.parse(String(lines[0]?.timestamp))).not.toBeNaN();
  });

  it('maps ApiError to its status and hides unexpected errors behind a plain 500', async () => {
    const { app, lines } = build();
    app.get('/teapot', () => {
      throw new ApiError(429, 'rate_limited', 'slow down', { retryAfterSeconds: 7, details: { limit: 1 } });
    });
    app.get('/boom', () => {
      throw new Error('secret internals at /srv/app.ts:12');
    });
    const limited = await app.request('/teapot');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({
      error: { code: 'rate_limited', message: 'slow down', details: { limit: 1 } },
    });

    const boom = await app.request('/boom');
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(text).not.toContain('secret internals');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(lines.some((l) => l.level === 'error' && l.message === 'unhandled error')).toBe(true);
  });
});
