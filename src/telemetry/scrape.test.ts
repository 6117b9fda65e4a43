/**
 * A real Prometheus (Debian's package) scrapes the running service over HTTP; every guide metric must
 * arrive with its type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_METRICS } from '../../test/guide-metrics.ts';
import { prometheusSkipReason, type RunningPrometheus, startPrometheus } from '../../test/prometheus-bin.ts';
import { createApp } from '../http/app.ts';
import { Readiness } from '../lifecycle/readiness.ts';
import { type RunningServer, startServer } from '../lifecycle/server.ts';
import { NluEngine } from '../nlu/engine.ts';
import { createLogger } from './logger.ts';
import { Metrics } from './metrics.ts';

const skip = prometheusSkipReason('prometheus');

describe.skipIf(skip !== '')(`real Prometheus scrape${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let server: RunningServer;
  let prometheus: RunningPrometheus;
  let promUrl = '';

  beforeAll(async () => {
    const metrics = new Metrics({
      revision: 'chatbot-service-00001',
      pool: () => ({ size: 5, available: 5, waiting: 0 }),
    });
    const nlu = NluEngine.build({ examplesPerIntent: 40, epochs: 2 });
    const app = createApp({
      logger: createLogger({ level: 'silent' }),
      readiness: new Readiness(),
      nlu,
      metrics,
    });
    server = await startServer(app.fetch, { port: 0, host: '127.0.0.1' });
    prometheus = await startPrometheus({
      chatbot: { targets: [`127.0.0.1:${server.port}`], labels: { namespace: 'chatbot-test' } },
    });
    promUrl = prometheus.url;
    for (let i = 0; i < 5; i++) {
      await app.request('/v1/nlu/parse', {
        method: 'POST',
        body: JSON.stringify({ text: 'where is my order 100042' }),
        headers: { 'content-type': 'application/json' },
      });
    }
  });

  afterAll(async () => {
    prometheus?.stop();
    await server?.close({ timeoutMs: 1000 });
  });

  async function query<T>(path: string): Promise<T> {
    const res = await fetch(`${promUrl}${path}`);
    const body = (await res.json()) as { status: string; data: T };
    return body.data;
  }

  it('collects every guide metric with its type', async () => {
    // Drive real HTTP traffic through the socket, then wait for a scrape that includes it.
    for (let i = 0; i < 3; i++) {
      await fetch(`http://127.0.0.1:${server.port}/v1/nlu/parse`, {
        method: 'POST',
        body: JSON.stringify({ text: 'hi' }),
        headers: { 'content-type': 'application/json' },
      });
    }
    let metadata: Record<string, { type: string }[]> = {};
    let up: { value: [number, string] }[] = [];
    for (let attempt = 0; attempt < 120; attempt++) {
      try {
        up = await query<{ result: { value: [number, string] }[] }>('/api/v1/query?query=up').then(
          (d) => d.result,
        );
        metadata = await query<Record<string, { type: string }[]>>('/api/v1/metadata');
        if (up[0]?.value[1] === '1' && metadata.http_requests_total && metadata.http_request_size_bytes)
          break;
      } catch {
        // Prometheus not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(up[0]?.value[1]).toBe('1');
    for (const [name, type] of Object.entries(GUIDE_METRICS)) {
      // Prometheus keys counter metadata by the family name, without the _total suffix.
      const family = metadata[name] ?? metadata[name.replace(/_total$/, '')];
      expect(family?.[0]?.type, name).toBe(type);
    }
    const series = await query<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
      '/api/v1/query?query=' +
        encodeURIComponent('sum by (route, revision, namespace) (http_requests_total)'),
    );
    expect(series.result).toContainEqual(
      expect.objectContaining({
        metric: { route: '/v1/nlu/parse', revision: 'chatbot-service-00001', namespace: 'chatbot-test' },
      }),
    );
  });
});
