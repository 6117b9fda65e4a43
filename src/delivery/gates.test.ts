/**
 * Metric gates: the judging rules on their own, then against a REAL Prometheus (Debian's package) scraping
 * running instances of the service labelled as different revisions — one of them with its database gone,
 * answering 503. The end-to-end runs drive the engine against the Knative API simulator with gates on that
 * Prometheus: a staging canary rolled back automatically on the measured breach, and a prod blue-green
 * whose smoke test hits the candidate's real HTTP endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp } from '../../test/chat-app.ts';
import { hasPostgres, openTestStore, postgresSkipReason } from '../../test/databases.ts';
import { prometheusSkipReason, type RunningPrometheus, startPrometheus } from '../../test/prometheus-bin.ts';
import { KnativeApiSimulator } from '../../test/simulators/knative-api.ts';
import type { Store } from '../db/store.ts';
import { type RunningServer, startServer } from '../lifecycle/server.ts';
import { KubernetesServingApi } from './cluster.ts';
import { RolloutEngine } from './engine.ts';
import {
  ENVIRONMENT_SPECS,
  type EnvironmentSpec,
  type GateThresholds,
  revisionName,
} from './environments.ts';
import { evaluateGate, judge, PrometheusClient, type RevisionMeasurement, renderQuery } from './gates.ts';
import { knativeService, revisionTemplate } from './manifests.ts';
import { releasePlan } from './plan.ts';
import { smokeTest } from './smoke.ts';

const T: GateThresholds = {
  interval: '1m',
  minRequests: 20,
  noData: 'fail',
  maxErrorRatio: 0.01,
  maxErrorRatioIncrease: 0.005,
  maxP95Seconds: 2,
  maxP95Ratio: 1.5,
};
const m = (
  revision: string,
  requests: number,
  errorRatio: number,
  p95Seconds: number,
): RevisionMeasurement => ({
  revision,
  requests,
  errorRatio,
  p95Seconds,
});

describe('gate rules', () => {
  it('passes a candidate within every threshold', () => {
    const verdict = judge(T, m('c', 100, 0.002, 0.3), m('s', 900, 0.001, 0.25));
    expect(verdict).toMatchObject({ passed: true, noData: false, reasons: [] });
  });

  it.each([
    ['an absolute 5xx ratio', m('c', 100, 0.05, 0.3), undefined, /5xx ratio 5.00 % is above 1.00 %/],
    [
      'a 5xx ratio above stable',
      m('c', 100, 0.008, 0.3),
      m('s', 900, 0.0, 0.3),
      /exceeds stable 0.00 % by more than 0.50 %/,
    ],
    ['an absolute P95', m('c', 100, 0, 2.5), undefined, /P95 2.500 s is above 2 s/],
    ['a P95 well above stable', m('c', 100, 0, 0.9), m('s', 900, 0, 0.3), /P95 is 3.00× the stable/],
  ])('fails on %s', (_name, candidate, stable, reason) => {
    const verdict = judge(T, candidate, stable);
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons.join('\n')).toMatch(reason);
  });

  it('compares with stable only when stable served enough to be a baseline', () => {
    expect(judge(T, m('c', 100, 0, 0.9), m('s', 5, 0, 0.1)).passed).toBe(true);
  });

  it('applies the no-data policy below the minimum request count or without series', () => {
    const few = m('c', 3, 0, 0.1);
    expect(judge(T, few)).toMatchObject({ passed: false, noData: true });
    expect(judge({ ...T, noData: 'pass' }, few)).toMatchObject({ passed: true, noData: true });
    const none: RevisionMeasurement = {
      revision: 'c',
      requests: undefined,
      errorRatio: undefined,
      p95Seconds: Number.NaN,
    };
    expect(judge(T, none).reasons[0]).toMatch(
      /no data: c served 0 request\(s\) in 1m \(need 20\); no-data policy is fail/,
    );
  });

  it('templates queries by namespace, revision and interval, refusing values that would escape PromQL', () => {
    expect(
      renderQuery('x{namespace="{{namespace}}",revision="{{revision}}"}[{{interval}}]', {
        namespace: 'chatbot-prod',
        revision: 'chatbot-service-1-2-0',
        interval: '2m',
      }),
    ).toBe('x{namespace="chatbot-prod",revision="chatbot-service-1-2-0"}[2m]');
    expect(() =>
      renderQuery('{{revision}}', { namespace: 'a', revision: 'x"} or up{', interval: '1m' }),
    ).toThrow(/PromQL/);
  });
});

const skip = prometheusSkipReason('prometheus') || (hasPostgres() ? '' : postgresSkipReason());

describe.skipIf(skip !== '')(`gates on a real Prometheus${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const STABLE = revisionName('1.0.0');
  const BROKEN = revisionName('1.1.0');
  const GOOD = revisionName('2.0.0');
  const instances = new Map<string, { url: string; server: RunningServer; store: Store }>();
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;

  /**
   * An environment with a window short enough for a test (scrapes every second). The P95 ratio limit is
   * loose here: on a shared machine, and with histogram buckets this coarse, two healthy instances can
   * differ by 2×; the ratio rule itself is covered by the rule tests above.
   */
  const env = (base: EnvironmentSpec): EnvironmentSpec => ({
    ...base,
    gates: { ...T, interval: '1m', minRequests: 15, maxP95Ratio: 5 },
  });

  async function start(revision: string, broken: boolean) {
    const store = await openTestStore('postgres');
    const { app } = await buildChatApp(store, { revision });
    // A revision whose database connection is gone: the real service answers 503 database_unavailable.
    if (broken) await store.close();
    const server = await startServer(app.fetch, { port: 0, host: '127.0.0.1' });
    instances.set(revision, { url: `http://127.0.0.1:${server.port}`, server, store });
  }

  /** Requests of `revision` Prometheus has stored so far, in the scrape job (namespace) that is behind. */
  const seen = async (revision: string) => {
    const perNamespace = `sum by (namespace) (http_requests_total{revision="${revision}"})`;
    // Both scrape jobs must have the series: a job that has not scraped it yet has no value to be behind.
    const query = `min(${perNamespace}) and on() (count(${perNamespace}) == 2)`;
    return (await client.scalar(query).catch(() => undefined)) ?? 0;
  };

  /**
   * Knative's routing, played by the test: `requests` chat turns split by the programmed percentages, then
   * a wait until Prometheus has scraped all of them (scrapes are asynchronous, one a second).
   */
  async function drive(routed: Record<string, number>, requests: number) {
    const expected = new Map<string, number>();
    for (const [revision, percent] of Object.entries(routed)) {
      if (instances.has(revision))
        expected.set(revision, (await seen(revision)) + Math.round((percent / 100) * requests));
    }
    const order = [...expected.keys()].flatMap((revision) =>
      Array.from({ length: Math.round(((routed[revision] ?? 0) / 100) * requests) }, () => revision),
    );
    const send = async (revision: string) => {
      const res = await fetch(`${instances.get(revision)?.url}/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'what is your return policy' }),
      });
      await res.body?.cancel();
    };
    for (let i = 0; i < order.length; i += 8) await Promise.all(order.slice(i, i + 8).map(send));
    for (const [revision, total] of expected) {
      for (let i = 0; (await seen(revision)) < total; i++) {
        if (i > 100) throw new Error(`Prometheus never saw ${total} requests of ${revision}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  beforeAll(async () => {
    await Promise.all([start(STABLE, false), start(BROKEN, true), start(GOOD, false)]);
    const targets = [...instances.values()].map((i) => new URL(i.url).host);
    // The same instances under two namespaces: the staging canary and the prod blue-green each read their own.
    prometheus = await startPrometheus({
      staging: { targets, labels: { namespace: 'chatbot-staging' } },
      prod: { targets, labels: { namespace: 'chatbot-prod' } },
    });
    client = new PrometheusClient(prometheus.url);
    for (let i = 0; i < 100; i++) {
      if ((await client.scalar('count(up == 1)').catch(() => undefined)) === 6) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(async () => {
    prometheus?.stop();
    for (const { server, store } of instances.values()) {
      await server.close({ timeoutMs: 1000 });
      await store.close().catch(() => {});
    }
  });

  it('measures the failing revision as a breach, the healthy one as a pass, and no traffic as no data', async () => {
    await drive({ [STABLE]: 50, [BROKEN]: 50 }, 80);
    const staging = env(ENVIRONMENT_SPECS.staging);
    const input = { namespace: 'chatbot-staging', thresholds: staging.gates };
    const broken = await evaluateGate(client, { ...input, candidate: BROKEN, stable: STABLE });
    expect(broken.passed).toBe(false);
    expect(broken.candidate.errorRatio).toBe(1);
    expect(broken.reasons.join('\n')).toMatch(/5xx ratio 100.00 % is above 1.00 %/);
    const healthy = await evaluateGate(client, { ...input, candidate: STABLE });
    expect(healthy).toMatchObject({ passed: true, noData: false });
    expect(healthy.candidate.errorRatio).toBe(0);
    expect(healthy.candidate.p95Seconds).toBeGreaterThan(0);
    const unseen = await evaluateGate(client, { ...input, candidate: revisionName('9.9.9') });
    expect(unseen).toMatchObject({ passed: false, noData: true });
  });

  /**
   * Installs `base` at 1.0.0 in a fresh simulator and releases `version` with gates on the real
   * Prometheus; each bake serves `bakeRequests` chat turns split as Knative would route them.
   */
  async function release(base: EnvironmentSpec, version: string, bakeRequests: number) {
    const sim = await new KnativeApiSimulator({
      tagUrl: (_tag, revision) => instances.get(revision)?.url ?? 'http://127.0.0.1:9',
    }).start();
    const spec = env(base);
    const image = `ghcr.io/shopyverse/chatbot:${version}`;
    try {
      await sim.install(
        knativeService(spec, { image: 'ghcr.io/shopyverse/chatbot:1.0.0', version: '1.0.0' }),
      );
      const api = new KubernetesServingApi(sim.kubeConfig());
      const log: string[] = [];
      const engine = new RolloutEngine({
        api,
        prometheus: client,
        smoke: (url) => smokeTest(url),
        log: (line) => log.push(line),
        pollMs: 20,
        readyTimeoutSeconds: 5,
        sleep: (ms) => (ms >= 1000 ? drive(sim.routed(spec.namespace), bakeRequests) : Promise.resolve()),
        // One sleep per bake or analysis interval (each drives one batch of traffic), status polls aside.
        controlPollMs: 1e9,
      });
      const plan = releasePlan({
        environment: spec,
        current: await api.getService(spec.namespace, 'chatbot-service'),
        template: revisionTemplate(spec, { image, version }),
        image,
        version,
        approval: 'auto',
        gates: true,
      });
      const result = await engine.run(plan);
      return {
        result,
        log: log.join('\n'),
        writes: sim.writes,
        service: sim.service(spec.namespace),
        routed: sim.routed(spec.namespace),
      };
    } finally {
      await sim.stop();
    }
  }

  it('rolls a staging canary back automatically when its real 5xx ratio breaches the gate', async () => {
    const run = await release(ENVIRONMENT_SPECS.staging, '1.1.0', 200);
    expect(run.result.outcome).toBe('rolled-back');
    expect(run.result.message).toMatch(/gate failed: 5xx ratio 100.00 % is above 1.00 %/);
    // It never got past the first step: 10 %, then back to the stable revision.
    const shares = run.writes.map((w) => w.spec.traffic?.find((t) => t.revisionName === BROKEN)?.percent);
    expect(shares.filter((share, i) => share !== shares[i - 1])).toEqual([0, 10, undefined]);
    expect(run.routed).toEqual({ [STABLE]: 100 });
    expect(run.log).toMatch(/breach: 5xx ratio/);
  });

  it('rolls a canary back under the no-data policy when the candidate serves nothing Prometheus can see', async () => {
    // 1.2.0 has no running instance: whatever Knative would route to it never reaches Prometheus.
    const run = await release(ENVIRONMENT_SPECS.staging, '1.2.0', 100);
    expect(run.result.outcome).toBe('rolled-back');
    expect(run.result.message).toMatch(
      /no data: chatbot-service-1-2-0 served 0 request\(s\) in 1m \(need 15\); no-data policy is fail/,
    );
    expect(run.routed).toEqual({ [STABLE]: 100 });
  });

  it('runs a prod blue-green end to end: real smoke test on the green URL, switch, gate passes', async () => {
    const run = await release(ENVIRONMENT_SPECS.prod, '2.0.0', 60);
    expect(run.result, run.log).toMatchObject({ outcome: 'completed' });
    expect(run.log).toMatch(/smoke http:\/\/127\.0\.0\.1:\d+: passed/);
    expect(run.log).toContain('gate passed');
    expect(run.service.spec.traffic).toEqual([
      { revisionName: GOOD, percent: 100, tag: 'current', latestRevision: false },
    ]);
  });
});
