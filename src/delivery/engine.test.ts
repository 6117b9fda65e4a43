/**
 * The traffic engine against the Knative API SIMULATOR (test/simulators/knative-api.ts), reached through
 * the real @kubernetes/client-node over HTTP. Metric gates against a real Prometheus are in gates.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KnativeApiSimulator,
  PrometheusQuerySimulator,
  type SimulatedMeasurement,
} from '../../test/simulators/knative-api.ts';
import { validateUpdate } from './admission.ts';
import { main } from './cli.ts';
import { KubernetesServingApi } from './cluster.ts';
import { DRY_RUN_DIR, renderDryRuns } from './dry-runs.ts';
import { RolloutEngine } from './engine.ts';
import { ENVIRONMENT_SPECS, type EnvironmentSpec, revisionName, type Strategy } from './environments.ts';
import { knativeService, revisionTemplate } from './manifests.ts';
import { abortPlan, promotePlan, releasePlan, resumePlan, rollbackPlan } from './plan.ts';
import {
  ANNOTATIONS,
  failedRevision,
  previousRevision,
  readLease,
  readSchemaHeads,
} from './rollout-state.ts';
import type { SmokeResult } from './smoke.ts';
import { formatStatus } from './status.ts';

const IMAGE = (v: string) => `ghcr.io/shopyverse/chatbot:${v}`;
const FAST_CANARY: Strategy = { kind: 'canary', steps: [10, 50], bakeSeconds: 0 };
const FAST_BLUE_GREEN: Strategy = { kind: 'blue-green', bakeSeconds: 0 };
const okSmoke = async (): Promise<SmokeResult> => ({ ok: true, checks: [] });

let sim: KnativeApiSimulator;
let log: string[];

beforeEach(async () => {
  sim = await new KnativeApiSimulator().start();
  log = [];
});
afterEach(async () => {
  await sim.stop();
});

/** Installs the environment at version 1.0.0, as `kubectl apply -f knative/<env>/` would. */
async function installed(env: EnvironmentSpec) {
  await sim.install(knativeService(env, { image: IMAGE('1.0.0'), version: '1.0.0' }));
  return new KubernetesServingApi(sim.kubeConfig());
}

function engine(api: KubernetesServingApi, smoke: (url: string) => Promise<SmokeResult> = okSmoke) {
  return new RolloutEngine({ api, smoke, log: (line) => log.push(line), pollMs: 20, readyTimeoutSeconds: 5 });
}

async function plan(
  env: EnvironmentSpec,
  api: KubernetesServingApi,
  version: string,
  strategy: Strategy,
  approval: 'auto' | 'manual' = 'auto',
  gates = false,
) {
  return releasePlan({
    environment: env,
    current: await api.getService(env.namespace, 'chatbot-service'),
    template: revisionTemplate(env, { image: IMAGE(version), version }),
    image: IMAGE(version),
    version,
    strategy,
    approval,
    gates,
  });
}

/** The accepted writes that changed the traffic, in order (a run's first write is its lease: no change). */
const trafficWrites = () =>
  sim.writes.filter(
    (w, i) => i > 0 && JSON.stringify(w.spec.traffic) !== JSON.stringify(sim.writes[i - 1]?.spec.traffic),
  );

/** The candidate's share in every traffic write, in order. */
const candidateShares = (revision: string) =>
  trafficWrites().map((w) => w.spec.traffic?.find((t) => t.revisionName === revision)?.percent);

/** The Service's traffic block as revision, percent and tag (without Knative's defaulted fields). */
const targets = (namespace: string) =>
  (sim.service(namespace).spec.traffic ?? []).map(({ revisionName, percent, tag }) => ({
    revisionName,
    percent,
    tag,
  }));

describe('rollout engine against the Knative API simulator', () => {
  it('runs a staging canary 0 → 10 → 50 → 100, then drops the old revision from the traffic', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const result = await engine(api).run(await plan(staging, api, '1.1.0', FAST_CANARY));
    expect(result.outcome).toBe('completed');
    const candidate = revisionName('1.1.0');
    expect(candidateShares(candidate)).toEqual([0, 10, 50, 100]);
    // The old revision is no longer routable (so it scales to zero); rollback finds it in an annotation.
    expect(sim.routed(staging.namespace)).toEqual({ [candidate]: 100 });
    expect(targets(staging.namespace)).toEqual([{ revisionName: candidate, percent: 100, tag: 'current' }]);
    const service = sim.service(staging.namespace);
    expect(previousRevision(service)).toBe(revisionName('1.0.0'));
    expect(readLease(service)).toBeUndefined();
  });

  it('runs a prod blue-green: green at 0 % on its tag URL, smoke test, switch, blue warm until the gate, then retired', async () => {
    const prod = ENVIRONMENT_SPECS.prod;
    const api = await installed(prod);
    const smoked: string[] = [];
    const smoke = async (url: string) => {
      smoked.push(url);
      // The switch has not happened while the candidate is smoke-tested.
      expect(sim.routed(prod.namespace)[revisionName('2.0.0')]).toBe(0);
      return okSmoke();
    };
    const result = await engine(api, smoke).run(await plan(prod, api, '2.0.0', FAST_BLUE_GREEN));
    expect(result.outcome).toBe('completed');
    expect(smoked).toEqual(['http://green-chatbot-service.chatbot-prod.example.test']);
    const switched = trafficWrites().map((w) =>
      w.spec.traffic?.map((t) => `${t.revisionName}=${t.percent}:${t.tag}`),
    );
    expect(switched).toEqual([
      [`${revisionName('1.0.0')}=100:blue`, `${revisionName('2.0.0')}=0:green`],
      [`${revisionName('2.0.0')}=100:green`, `${revisionName('1.0.0')}=0:blue`],
      [`${revisionName('2.0.0')}=100:current`],
    ]);
  });

  it('rolls back a blue-green whose smoke test fails, before any customer traffic moved', async () => {
    const prod = ENVIRONMENT_SPECS.prod;
    const api = await installed(prod);
    const failing = async (): Promise<SmokeResult> => ({
      ok: false,
      checks: [{ name: 'chat', ok: false, detail: '503' }],
    });
    const result = await engine(api, failing).run(await plan(prod, api, '2.0.0', FAST_BLUE_GREEN));
    expect(result.outcome).toBe('rolled-back');
    expect(sim.routed(prod.namespace)[revisionName('1.0.0')]).toBe(100);
    expect(candidateShares(revisionName('2.0.0')).every((share) => !share)).toBe(true);
  });

  it('times out cleanly on a revision that never becomes ready, and restores the previous template', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    sim.neverReady.add(revisionName('1.1.0'));
    const run = new RolloutEngine({
      api,
      smoke: okSmoke,
      log: (l) => log.push(l),
      pollMs: 20,
      readyTimeoutSeconds: 0.5,
    });
    const result = await run.run(await plan(staging, api, '1.1.0', FAST_CANARY));
    expect(result.outcome).toBe('rolled-back');
    expect(result.message).toMatch(/timed out after 0.5 s waiting for revision chatbot-service-1-1-0/);
    const service = sim.service(staging.namespace);
    expect(service.spec.template.metadata?.name).toBe(revisionName('1.0.0'));
    expect(targets(staging.namespace)).toEqual([
      { revisionName: revisionName('1.0.0'), percent: 100, tag: 'current' },
    ]);
    expect(service.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('stops as soon as Knative reports the revision failed (after its progress deadline)', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    sim.failing.set(revisionName('1.1.0'), 'Unable to fetch image "ghcr.io/shopyverse/chatbot:1.1.0"');
    const result = await engine(api).run(await plan(dev, api, '1.1.0', { kind: 'rolling' }));
    expect(result.outcome).toBe('rolled-back');
    expect(result.message).toMatch(
      /revision chatbot-service-1-1-0 failed: ProgressDeadlineExceeded Unable to fetch image/,
    );
    expect(sim.routed(dev.namespace)).toEqual({ [revisionName('1.0.0')]: 100 });
  });

  it('re-reads and re-applies on a conflicting update (optimistic concurrency)', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    sim.interfere(2);
    const result = await engine(api).run(await plan(dev, api, '1.1.0', { kind: 'rolling' }));
    expect(result.outcome).toBe('completed');
    expect(log.filter((l) => l.includes('conflict on write'))).toHaveLength(2);
    // The other writer's change survived: the engine applied its change to the latest object.
    expect(sim.service(dev.namespace).metadata.annotations?.['other-writer/touched']).toBeDefined();
  });

  it('gives up after repeated conflicts without having changed anything', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    sim.interfere(10);
    const result = await engine(api).run(await plan(dev, api, '1.1.0', { kind: 'rolling' }));
    expect(result.outcome).toBe('refused');
    expect(result.message).toMatch(/the object has been modified/);
    expect(sim.writes).toHaveLength(0);
  });

  it('pauses a canary for manual approval at 50 %, then promote finishes it', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const candidate = revisionName('1.1.0');
    const paused = await engine(api).run(await plan(staging, api, '1.1.0', FAST_CANARY, 'manual'));
    expect(paused.outcome).toBe('paused');
    expect(paused.message).toContain('npm run rollout -- promote --env staging');
    expect(sim.routed(staging.namespace)[candidate]).toBe(50);
    const promoted = await engine(api).run(
      promotePlan(staging, await api.getService(staging.namespace, 'chatbot-service')),
    );
    expect(promoted.outcome).toBe('completed');
    expect(sim.routed(staging.namespace)[candidate]).toBe(100);
  });

  it('rolls back instantly to the previous revision, or to a named one, and refuses an unknown one', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    await engine(api).run(await plan(dev, api, '1.1.0', { kind: 'rolling' }));
    await engine(api).run(await plan(dev, api, '1.2.0', { kind: 'rolling' }));
    const current = () => api.getService(dev.namespace, 'chatbot-service');

    const back = await engine(api).run(rollbackPlan(dev, await current()));
    expect(back.outcome).toBe('completed');
    expect(sim.routed(dev.namespace)[revisionName('1.1.0')]).toBe(100);

    const named = await engine(api).run(rollbackPlan(dev, await current(), revisionName('1.0.0')));
    expect(named.outcome).toBe('completed');
    expect(sim.routed(dev.namespace)[revisionName('1.0.0')]).toBe(100);

    const traffic = JSON.stringify(sim.service(dev.namespace).spec.traffic);
    const unknown = await engine(api).run(rollbackPlan(dev, await current(), 'chatbot-service-9-9-9'));
    expect(unknown.outcome).toBe('failed');
    expect(unknown.message).toMatch(/chatbot-service-9-9-9 does not exist/);
    expect(JSON.stringify(sim.service(dev.namespace).spec.traffic)).toBe(traffic);
    expect(readLease(sim.service(dev.namespace))).toBeUndefined();
  });

  it('refuses to start a rollout while traffic is split', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    await engine(api).run(await plan(staging, api, '1.1.0', FAST_CANARY, 'manual'));
    await expect(plan(staging, api, '1.2.0', FAST_CANARY)).rejects.toThrow(
      /traffic is split .*promote or roll back first/,
    );
    const prod = ENVIRONMENT_SPECS.prod;
    const prodApi = await installed(prod);
    await engine(prodApi).run(await plan(prod, prodApi, '2.0.0', FAST_BLUE_GREEN, 'manual'));
    // Blue still serves 100 %, but green waits for its switch: a new release must not replace it silently.
    await expect(plan(prod, prodApi, '2.1.0', FAST_BLUE_GREEN)).rejects.toThrow(
      /chatbot-service-2-0-0 is waiting as a blue-green candidate: promote or abort it first/,
    );
  });

  it('fails a gated step without Prometheus and rolls the canary back', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const gated = releasePlan({
      environment: staging,
      current: await api.getService(staging.namespace, 'chatbot-service'),
      template: revisionTemplate(staging, { image: IMAGE('1.1.0'), version: '1.1.0' }),
      image: IMAGE('1.1.0'),
      version: '1.1.0',
      strategy: FAST_CANARY,
      approval: 'auto',
      gates: true,
    });
    const result = await engine(api).run(gated);
    expect(result.outcome).toBe('rolled-back');
    expect(result.message).toMatch(/gate needs Prometheus/);
    expect(sim.routed(staging.namespace)).toEqual({ [revisionName('1.0.0')]: 100 });
    expect(failedRevision(sim.service(staging.namespace))?.revision).toBe(revisionName('1.1.0'));
  });
});

const HEALTHY: SimulatedMeasurement = { requests: 400, errorRatio: 0.001, p95Seconds: 0.4 };
const BREACH: SimulatedMeasurement = { requests: 400, errorRatio: 0.2, p95Seconds: 0.4 };

/** An engine whose gates read the Prometheus query SIMULATOR, and whose sleeps run `onSleep` (no real time). */
function gatedEngine(
  api: KubernetesServingApi,
  metrics: PrometheusQuerySimulator,
  extra: Partial<ConstructorParameters<typeof RolloutEngine>[0]> = {},
) {
  return new RolloutEngine({
    api,
    prometheus: metrics,
    smoke: okSmoke,
    log: (line) => log.push(line),
    pollMs: 20,
    readyTimeoutSeconds: 5,
    sleep: async () => {},
    ...extra,
  });
}

/** A release plan with the metric gates on. */
const gatedPlan = (
  env: EnvironmentSpec,
  api: KubernetesServingApi,
  version: string,
  strategy: Strategy,
  approval: 'auto' | 'manual' = 'auto',
) => plan(env, api, version, strategy, approval, true);

const current = (api: KubernetesServingApi, env: EnvironmentSpec) =>
  api.getService(env.namespace, 'chatbot-service');

describe('safe operator paths (Done-when cases, against the Knative API simulator)', () => {
  it('refuses to promote a canary that failed its gate unless --force', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const candidate = revisionName('1.1.0');
    const metrics = new PrometheusQuerySimulator().set(candidate, BREACH).set(revisionName('1.0.0'), HEALTHY);
    const failed = await gatedEngine(api, metrics).run(await gatedPlan(staging, api, '1.1.0', FAST_CANARY));
    expect(failed.outcome).toBe('rolled-back');
    expect(failed.message).toMatch(
      /gate failed: 5xx ratio 20.00 % is above 1.00 %.* \(2 of 2 check\(s\) failed, threshold 2\)/,
    );
    expect(failedRevision(sim.service(staging.namespace))?.revision).toBe(candidate);

    const writes = sim.writes.length;
    const refused = await gatedEngine(api, metrics).run(promotePlan(staging, await current(api, staging)));
    expect(refused.outcome).toBe('refused');
    expect(refused.message).toMatch(/chatbot-service-1-1-0 failed its rollout \(gate failed: .*--force/);
    expect(sim.writes).toHaveLength(writes);
    expect(sim.routed(staging.namespace)).toEqual({ [revisionName('1.0.0')]: 100 });

    const forced = await gatedEngine(api, metrics).run(
      promotePlan(staging, await current(api, staging), { force: true }),
    );
    expect(forced.outcome).toBe('completed');
    expect(sim.routed(staging.namespace)).toEqual({ [candidate]: 100 });
    expect(failedRevision(sim.service(staging.namespace))).toBeUndefined();
  });

  it('refuses promote through the CLI with exit code 1 after a failed canary', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const metrics = new PrometheusQuerySimulator().set(revisionName('1.1.0'), BREACH);
    await gatedEngine(api, metrics).run(await gatedPlan(staging, api, '1.1.0', FAST_CANARY));
    const out: string[] = [];
    const code = await main(
      ['promote', '--env', 'staging'],
      (l) => out.push(l),
      {},
      () => api,
    );
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/^refused: chatbot-service-1-1-0 failed its rollout/m);
  });

  it('bakes, gates and rolls back a blue-green promoted by hand when the post-switch gate breaches', async () => {
    const prod = ENVIRONMENT_SPECS.prod;
    const api = await installed(prod);
    const candidate = revisionName('2.0.0');
    const stable = revisionName('1.0.0');
    const metrics = new PrometheusQuerySimulator().set(candidate, BREACH).set(stable, HEALTHY);
    let baked = 0; // bake and analysis sleeps (the engine's 20 ms status polls aside)
    const paused = await gatedEngine(api, metrics).run(
      await gatedPlan(prod, api, '2.0.0', { kind: 'blue-green', bakeSeconds: 300 }, 'manual'),
    );
    expect(paused.outcome).toBe('paused');
    expect(sim.routed(prod.namespace)).toEqual({ [stable]: 100, [candidate]: 0 });
    expect(readLease(sim.service(prod.namespace))).toBeUndefined();

    const promoted = await gatedEngine(api, metrics, {
      sleep: async (ms) => {
        if (ms >= 1000) baked += ms;
      },
      controlPollMs: 60_000,
    }).run(promotePlan(prod, await current(api, prod)));
    expect(promoted.outcome).toBe('rolled-back');
    expect(promoted.message).toMatch(/gate failed: 5xx ratio 20.00 %/);
    // The recorded release's bake (300 s) and the analysis interval (60 s between checks) both ran.
    expect(baked).toBe(300_000 + 60_000);
    expect(metrics.checks(candidate)).toBe(2);
    expect(candidateShares(candidate)).toEqual([0, 100, undefined]);
    expect(sim.routed(prod.namespace)).toEqual({ [stable]: 100 });
    expect(failedRevision(sim.service(prod.namespace))?.revision).toBe(candidate);
  });

  it('retries the same image after a failed canary: the stored (defaulted) template is reused', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const candidate = revisionName('1.1.0');
    const metrics = new PrometheusQuerySimulator().set(candidate, BREACH);
    const first = await gatedEngine(api, metrics).run(await gatedPlan(staging, api, '1.1.0', FAST_CANARY));
    expect(first.outcome).toBe('rolled-back');

    // Knative's webhook filled in defaults: the rendered template alone would be refused as a change
    // without a name change — the bug this guards against.
    const stored = sim.service(staging.namespace);
    expect(stored.spec.template.spec.containers[0]?.readinessProbe?.successThreshold).toBe(1);
    const rerendered = structuredClone(stored);
    rerendered.spec.template = revisionTemplate(staging, { image: IMAGE('1.1.0'), version: '1.1.0' });
    expect(
      validateUpdate(stored, rerendered)
        .map((e) => e.message)
        .join('\n'),
    ).toMatch(/template changed but its name/);

    metrics.set(candidate, HEALTHY);
    const retry = await gatedEngine(api, metrics).run(await gatedPlan(staging, api, '1.1.0', FAST_CANARY));
    expect(retry.outcome, retry.message).toBe('completed');
    expect(sim.routed(staging.namespace)).toEqual({ [candidate]: 100 });
    expect(failedRevision(sim.service(staging.namespace))).toBeUndefined();
  });

  it('lets one of two rollouts started at once on one Service run and refuses the other', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    const [a, b] = [
      await plan(dev, api, '1.1.0', { kind: 'rolling' }),
      await plan(dev, api, '1.2.0', { kind: 'rolling' }),
    ];
    const results = await Promise.all([engine(api).run(a), engine(api).run(b)]);
    const outcomes = results.map((r) => r.outcome).sort();
    expect(outcomes).toEqual(['completed', 'refused']);
    const refused = results.find((r) => r.outcome === 'refused');
    expect(refused?.message).toMatch(/holds the lease|changed since this rollout was planned/);
    const winner = results[0]?.outcome === 'completed' ? '1.1.0' : '1.2.0';
    expect(sim.routed(dev.namespace)).toEqual({ [revisionName(winner)]: 100 });
  });

  it('refuses a second rollout while the first is baking, and names the holder', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    let release: () => void = () => {};
    const baking = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const inBake = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const first = new RolloutEngine({
      api,
      smoke: okSmoke,
      log: () => {},
      pollMs: 20,
      readyTimeoutSeconds: 5,
      holder: 'ci-run-1',
      sleep: async () => {
        entered();
        await baking;
      },
    });
    const running = first.run(await plan(staging, api, '1.1.0', FAST_CANARY));
    await inBake;
    const second = await engine(api).run(
      rollbackPlan(staging, await current(api, staging), revisionName('1.0.0')),
    );
    expect(second.outcome).toBe('refused');
    expect(second.message).toMatch(/another rollout \(canary by ci-run-1\) holds the lease/);
    const shown = formatStatus(await current(api, staging), []);
    expect(shown).toMatch(/rollout in progress: canary by ci-run-1 \(lease renewed \d+ s ago\)/);
    expect(shown).toContain('release: chatbot-service-1-0-0 → chatbot-service-1-1-0 (canary)');
    release();
    expect((await running).outcome).toBe('completed');
    expect(readLease(sim.service(staging.namespace))).toBeUndefined();
  });

  it('pauses a running canary on request, resumes it through its remaining gated steps', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const candidate = revisionName('1.1.0');
    const metrics = new PrometheusQuerySimulator().set(candidate, HEALTHY);
    const cli = (args: string[]) =>
      main(
        args,
        (l) => log.push(l),
        {},
        () => api,
      );
    let asked = false;
    const paused = await gatedEngine(api, metrics, {
      // The first bake (0 s here; the 20 ms sleeps are status polls) is where the operator pauses.
      sleep: async (ms) => {
        if (ms === 0 && !asked) {
          asked = true;
          expect(await cli(['pause', '--env', 'staging'])).toBe(0);
        }
      },
    }).run(await gatedPlan(staging, api, '1.1.0', FAST_CANARY));
    expect(paused.outcome).toBe('paused');
    expect(paused.message).toContain('npm run rollout -- resume --env staging');
    expect(sim.routed(staging.namespace)).toEqual({ [revisionName('1.0.0')]: 90, [candidate]: 10 });
    expect(sim.service(staging.namespace).metadata.annotations?.[ANNOTATIONS.control]).toBeUndefined();

    const resumed = await gatedEngine(api, metrics).run(resumePlan(staging, await current(api, staging)));
    expect(resumed.outcome).toBe('completed');
    expect(candidateShares(candidate).slice(-2)).toEqual([50, 100]);
    // Only the 50 % step's gate ran after the resume (the paused 10 % step never reached its gate).
    expect(metrics.checks(candidate)).toBe(staging.analysis.checks);
  });

  it('aborts a running canary on request: rolled back, candidate marked failed; abort also ends a paused one', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const cli = (args: string[]) =>
      main(
        args,
        (l) => log.push(l),
        {},
        () => api,
      );
    let asked = false;
    const aborted = await engine(api).run(await plan(staging, api, '1.1.0', FAST_CANARY));
    expect(aborted.outcome).toBe('completed');
    const running = await new RolloutEngine({
      api,
      smoke: okSmoke,
      log: () => {},
      pollMs: 20,
      readyTimeoutSeconds: 5,
      sleep: async (ms) => {
        if (ms === 0 && !asked) {
          asked = true;
          expect(await cli(['abort', '--env', 'staging'])).toBe(0);
        }
      },
    }).run(await plan(staging, api, '1.2.0', FAST_CANARY));
    expect(running.outcome).toBe('rolled-back');
    expect(running.message).toMatch(/aborted by an operator/);
    expect(sim.routed(staging.namespace)).toEqual({ [revisionName('1.1.0')]: 100 });
    expect(failedRevision(sim.service(staging.namespace))?.revision).toBe(revisionName('1.2.0'));

    await engine(api).run(await plan(staging, api, '1.3.0', FAST_CANARY, 'manual'));
    expect(sim.routed(staging.namespace)[revisionName('1.3.0')]).toBe(50);
    expect(await cli(['abort', '--env', 'staging'])).toBe(0);
    expect(sim.routed(staging.namespace)).toEqual({ [revisionName('1.1.0')]: 100 });
    expect(failedRevision(sim.service(staging.namespace))?.revision).toBe(revisionName('1.3.0'));
    expect(abortPlan(staging, await current(api, staging)).noop).toMatch(/nothing to abort/);
  });

  it('judges over several checks: passes with fewer failures than the threshold, fails at it', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    expect(staging.analysis).toEqual({ checks: 3, intervalSeconds: 60, failureThreshold: 2 });
    const api = await installed(staging);
    const one = revisionName('1.1.0');
    const metrics = new PrometheusQuerySimulator().set(one, BREACH, HEALTHY, HEALTHY);
    const passed = await gatedEngine(api, metrics).run(
      await gatedPlan(staging, api, '1.1.0', { kind: 'canary', steps: [10], bakeSeconds: 0 }),
    );
    expect(passed.outcome, passed.message).toBe('completed');
    expect(metrics.checks(one)).toBe(3);
    expect(log.join('\n')).toContain('gate passed (1 of 3 check(s) failed, threshold 2)');

    const two = revisionName('1.2.0');
    metrics.set(two, BREACH, HEALTHY, BREACH);
    const failed = await gatedEngine(api, metrics).run(
      await gatedPlan(staging, api, '1.2.0', { kind: 'canary', steps: [10], bakeSeconds: 0 }),
    );
    expect(failed.outcome).toBe('rolled-back');
    expect(failed.message).toMatch(/2 of 3 check\(s\) failed, threshold 2/);
  });

  it('generates bounded load at the Service URL while a gated staging canary runs', async () => {
    const staging = { ...ENVIRONMENT_SPECS.staging, canaryLoad: { ratePerSecond: 4, maxRequests: 7 } };
    const api = await installed(staging);
    const metrics = new PrometheusQuerySimulator().set(revisionName('1.1.0'), HEALTHY);
    const hits: string[] = [];
    const ticks: number[] = [];
    const result = await gatedEngine(api, metrics, {
      load: async (url) => {
        hits.push(url);
        return true;
      },
      sleep: async (ms) => {
        ticks.push(ms);
      },
    }).run(await gatedPlan(staging, api, '1.1.0', FAST_CANARY));
    expect(result.outcome).toBe('completed');
    expect(hits).toHaveLength(7);
    expect(new Set(hits)).toEqual(new Set(['http://chatbot-service.chatbot-staging.example.test']));
    expect(ticks).toContain(250);
    expect(log.join('\n')).toContain('load: 7 request(s) sent, 0 failed');
  });
});

describe('Knative API simulator fidelity', () => {
  it('keeps a failing revision Unknown until its progress deadline: a shorter engine timeout times out', async () => {
    await sim.stop();
    sim = await new KnativeApiSimulator({ progressDeadlineMs: 60_000 }).start();
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    sim.failing.set(revisionName('1.1.0'), 'Back-off pulling image');
    const run = new RolloutEngine({
      api,
      smoke: okSmoke,
      log: () => {},
      pollMs: 20,
      readyTimeoutSeconds: 0.5,
    });
    const result = await run.run(await plan(dev, api, '1.1.0', { kind: 'rolling' }));
    expect(result.outcome).toBe('rolled-back');
    expect(result.message).toMatch(/timed out after 0.5 s/);
    const revision = sim.revisions.get(`${dev.namespace}/${revisionName('1.1.0')}`);
    expect(revision?.status?.conditions?.[0]).toMatchObject({
      status: 'Unknown',
      message: 'Back-off pulling image',
    });
  });

  it('bumps resourceVersion on status writes, so a stale copy is refused with 409', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    const service = await current(api, dev);
    service.spec.template = revisionTemplate(dev, { image: IMAGE('1.1.0'), version: '1.1.0' });
    delete service.status;
    const written = await api.replaceService(service);
    await sim.settle();
    const after = await current(api, dev);
    // Only the controller wrote since (the status of the new revision): a new resourceVersion all the same.
    expect(after.metadata.generation).toBe(written.metadata.generation);
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(written.metadata.resourceVersion));
    await expect(api.replaceService({ ...written, status: undefined })).rejects.toThrow(/has been modified/);
  });

  it('fails the Configuration with AlreadyExists when a template reuses a revision name with another spec', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    await engine(api).run(await plan(dev, api, '1.1.0', { kind: 'rolling' }));
    await engine(api).run(await plan(dev, api, '1.2.0', { kind: 'rolling' }));
    // Same image, so the engine's own image check passes; the name changes, so the webhook accepts it.
    const changed = revisionTemplate(dev, { image: IMAGE('1.1.0'), version: '1.1.0' });
    changed.spec.containerConcurrency = 10;
    const reuse = releasePlan({
      environment: dev,
      current: await current(api, dev),
      template: changed,
      image: IMAGE('1.1.0'),
      version: '1.1.0',
      approval: 'auto',
      gates: false,
    });
    const result = await engine(api).run(reuse);
    expect(result.outcome).toBe('rolled-back');
    expect(result.message).toMatch(/revisions.serving.knative.dev "chatbot-service-1-1-0" already exists/);
    expect(sim.routed(dev.namespace)).toEqual({ [revisionName('1.2.0')]: 100 });
  });

  it('routes a request carrying Knative-Serving-Tag to its tag whatever the split (conversation stickiness)', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    await engine(api).run(
      await plan(staging, api, '1.1.0', { kind: 'canary', steps: [10], bakeSeconds: 0 }, 'manual'),
    );
    const ns = staging.namespace;
    const candidate = revisionName('1.1.0');
    const stable = revisionName('1.0.0');
    expect(sim.route(ns, 0.5)).toBe(stable);
    expect(sim.route(ns, 0.95)).toBe(candidate);
    // A conversation pinned to the candidate stays there at any roll; one pinned to stable stays there.
    for (const roll of [0, 0.5, 0.99]) {
      expect(sim.route(ns, roll, { 'Knative-Serving-Tag': 'candidate' })).toBe(candidate);
      expect(sim.route(ns, roll, { 'knative-serving-tag': 'stable' })).toBe(stable);
    }
    await engine(api).run(promotePlan(staging, await current(api, staging)));
    // After promotion the tag is gone: Knative sends the request to the default route (all on the candidate).
    expect(sim.route(ns, 0.1, { 'Knative-Serving-Tag': 'candidate' })).toBe(candidate);
    expect(sim.route(ns, 0.1, { 'Knative-Serving-Tag': 'stable' })).toBe(candidate);
  });
});

describe('schema steps (migration Jobs) against the simulator', () => {
  const cli = (args: string[], journal: string[]) => {
    const out: string[] = [];
    const api = new KubernetesServingApi(sim.kubeConfig());
    return main(
      args,
      (l) => out.push(l),
      {},
      () => api,
      () => journal,
    ).then((code) => ({
      code,
      text: out.join('\n'),
    }));
  };

  it('migrates with the candidate image in a Job before the new revision exists, and records the schema head', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    await installed(dev);
    const templateWhenMigrated: string[] = [];
    sim.onJobSucceeded = () =>
      templateWhenMigrated.push(sim.service(dev.namespace).spec.template.metadata?.name ?? '');
    const run = await cli(['deploy', '--env', 'dev', '--image', IMAGE('1.1.0')], ['0000_init', '0001_next']);
    expect(run.code, run.text).toBe(0);
    const [job] = [...sim.jobs.values()];
    expect(job?.metadata.name).toMatch(/^chatbot-service-1-1-0-migrate-/);
    const container = (
      job?.spec.template.spec.containers as Array<{ image: string; command: string[] }> | undefined
    )?.[0];
    expect(container?.image).toBe(IMAGE('1.1.0'));
    expect(container?.command.slice(-2)).toEqual(['src/db/cli.ts', 'migrate']);
    // The Job ran while the Service still named the old revision: no traffic could reach new code first.
    expect(templateWhenMigrated).toEqual([revisionName('1.0.0')]);
    expect(readSchemaHeads(sim.service(dev.namespace))).toEqual({ [revisionName('1.1.0')]: '0001_next' });
  });

  it('stops before any revision or traffic change when the migration Job fails', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    await installed(dev);
    sim.failingJobs.add('chatbot-service-1-1-0-migrate-');
    const run = await cli(['deploy', '--env', 'dev', '--image', IMAGE('1.1.0')], ['0000_init']);
    expect(run.code).toBe(1);
    expect(run.text).toMatch(/failed: job chatbot-service-1-1-0-migrate-\S+ failed: BackoffLimitExceeded/);
    expect(sim.service(dev.namespace).spec.template.metadata?.name).toBe(revisionName('1.0.0'));
    expect(sim.routed(dev.namespace)).toEqual({ [revisionName('1.0.0')]: 100 });
    expect(readLease(sim.service(dev.namespace))).toBeUndefined();
  });

  it('rolls traffic back, then the schema with the newer image, in one command', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    await installed(dev);
    expect((await cli(['deploy', '--env', 'dev', '--image', IMAGE('1.1.0')], ['0000_init'])).code).toBe(0);
    const journal = ['0000_init', '0001_orders_index', '0002_handoff_notes'];
    expect((await cli(['deploy', '--env', 'dev', '--image', IMAGE('1.2.0')], journal)).code).toBe(0);
    const order: string[] = [];
    sim.onJobSucceeded = (job) =>
      order.push(
        `${job.metadata.name?.replace(/-[^-]+$/, '')} with traffic on ${Object.keys(sim.routed(dev.namespace))}`,
      );
    const back = await cli(['rollback', '--env', 'dev', '--with-schema'], journal);
    expect(back.code, back.text).toBe(0);
    expect(back.text).toContain('take back 2 migration(s) (0001_orders_index, 0002_handoff_notes)');
    expect(sim.routed(dev.namespace)).toEqual({ [revisionName('1.1.0')]: 100 });
    expect(order).toEqual([`chatbot-service-1-2-0-schema-down-2 with traffic on ${revisionName('1.1.0')}`]);
    const job = [...sim.jobs.values()].at(-1);
    const container = (
      job?.spec.template.spec.containers as Array<{ image: string; command: string[] }> | undefined
    )?.[0];
    expect(container?.image).toBe(IMAGE('1.2.0'));
    expect(container?.command.slice(-4)).toEqual(['src/db/cli.ts', 'rollback', '--steps', '2']);

    // Without a recorded head for the target, it refuses rather than guess.
    await expect(
      cli(['rollback', '--env', 'dev', '--to', revisionName('1.0.0'), '--with-schema'], journal),
    ).rejects.toThrow(/no schema head recorded for chatbot-service-1-0-0/);
  });
});

describe('operator CLI', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const api = new KubernetesServingApi(sim.kubeConfig());
    const code = await main(
      args,
      (l) => out.push(l),
      env,
      () => api,
    );
    return { code, text: out.join('\n') };
  };

  it('prints the kn and kubectl commands of a staging canary without touching the cluster', async () => {
    await installed(ENVIRONMENT_SPECS.staging);
    const { code, text } = await run(['canary', '--env', 'staging', '--image', IMAGE('1.1.0'), '--dry-run'], {
      PROMETHEUS_URL: 'http://prometheus:9090',
    });
    expect(code).toBe(0);
    expect(sim.writes).toHaveLength(0);
    expect(text).toContain(
      'kn service update chatbot-service --namespace chatbot-staging --image ghcr.io/shopyverse/chatbot:1.1.0 --revision-name chatbot-service-1-1-0 --label-revision app.kubernetes.io/version=1.1.0 --untag current --traffic chatbot-service-1-0-0=100 --traffic chatbot-service-1-1-0=0 --tag chatbot-service-1-0-0=stable --tag chatbot-service-1-1-0=candidate',
    );
    expect(text).toContain(
      'kn service update chatbot-service --namespace chatbot-staging --untag stable --untag candidate --traffic chatbot-service-1-0-0=90 --traffic chatbot-service-1-1-0=10',
    );
    expect(text).toContain(
      "kubectl wait ksvc/chatbot-service --namespace chatbot-staging --timeout=600s --for=jsonpath='{.status.latestReadyRevisionName}'=chatbot-service-1-1-0",
    );
    expect(text).toContain('sleep 180');
    expect(text).toMatch(
      /curl -sG "\$PROMETHEUS_URL\/api\/v1\/query" --data-urlencode 'query=.*revision="chatbot-service-1-1-0"/,
    );
    expect(text).toContain(
      `kubectl patch ksvc chatbot-service --namespace chatbot-staging --type merge -p '{"spec":{"traffic":[{"revisionName":"chatbot-service-1-0-0","percent":90,"tag":"stable"}`,
    );
  });

  it('plans a dry run without the cluster only when told what serves now, and shows status commands offline', async () => {
    const out: string[] = [];
    const unreachable = () =>
      ({
        getService: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443')),
      }) as unknown as ReturnType<typeof KubernetesServingApi.fromDefault>;
    const refused = main(
      ['canary', '--env', 'staging', '--image', IMAGE('1.1.0'), '--dry-run'],
      (l) => out.push(l),
      {},
      unreachable,
    );
    await expect(refused).rejects.toThrow(/--stable <revision>/);
    const offline = await main(
      [
        'canary',
        '--env',
        'staging',
        '--image',
        IMAGE('1.1.0'),
        '--dry-run',
        '--stable',
        'chatbot-service-1-0-0',
      ],
      (l) => out.push(l),
      {},
      unreachable,
    );
    expect(offline).toBe(0);
    expect(out.join('\n')).toContain('--traffic chatbot-service-1-1-0=10');
    const status: string[] = [];
    expect(await main(['status', '--env', 'prod', '--dry-run'], (l) => status.push(l), {}, unreachable)).toBe(
      0,
    );
    expect(status.join('\n').split('\n')[0]).toBe('kn service describe chatbot-service -n chatbot-prod');
  });

  it('runs a dry run offline when told which revision serves', async () => {
    const { code, text } = await run([
      'blue-green',
      '--env',
      'prod',
      '--image',
      IMAGE('2.0.0'),
      '--dry-run',
      '--stable',
      'chatbot-service-1-9-0',
    ]);
    expect(code).toBe(0);
    expect(text).toContain('--tag chatbot-service-1-9-0=blue --tag chatbot-service-2-0-0=green');
    expect(text).toContain(
      `npm run smoke -- "$(kubectl get ksvc chatbot-service --namespace chatbot-prod -o jsonpath='{.status.traffic[?(@.tag=="green")].url}')"`,
    );
  });

  it('deploys, reports status, and rolls back through the real client', async () => {
    await installed(ENVIRONMENT_SPECS.dev);
    const deployed = await run(['deploy', '--env', 'dev', '--image', IMAGE('1.1.0')]);
    expect(deployed.code).toBe(0);
    expect(deployed.text).toContain('completed: rolling in dev completed');
    const status = await run(['status', '--env', 'dev']);
    expect(status.text).toMatch(/100 % {2}chatbot-service-1-1-0\s+current/);
    expect(status.text).toMatch(/chatbot-service-1-0-0\s+Ready=True/);
    expect(status.text).toContain('previous: chatbot-service-1-0-0 (`rollback` target)');
    const back = await run(['rollback', '--env', 'dev']);
    expect(back.code).toBe(0);
    expect(sim.routed('chatbot-dev')).toEqual({ 'chatbot-service-1-0-0': 100 });
  });

  it('answers bad usage with exit code 2 or a clear error', async () => {
    expect((await run([])).code).toBe(2);
    await expect(run(['deploy', '--env', 'qa', '--image', 'x:1'])).rejects.toThrow(
      /unknown environment "qa"/,
    );
    await expect(run(['deploy', '--env', 'dev'])).rejects.toThrow(/deploy needs --image/);
  });
});

describe('documented dry runs', () => {
  it('in docs/dry-run/ are what the CLI prints today (run `npm run knative:render` after a change)', async () => {
    for (const [file, text] of Object.entries(await renderDryRuns())) {
      expect(readFileSync(resolve(DRY_RUN_DIR, file), 'utf8'), file).toBe(text);
    }
  });
});
