/**
 * The traffic engine against the Knative API SIMULATOR (test/simulators/knative-api.ts), reached through
 * the real @kubernetes/client-node over HTTP. Metric gates against a real Prometheus are in gates.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnativeApiSimulator } from '../../test/simulators/knative-api.ts';
import { main } from './cli.ts';
import { KubernetesServingApi } from './cluster.ts';
import { DRY_RUN_DIR, renderDryRuns } from './dry-runs.ts';
import { RolloutEngine } from './engine.ts';
import { ENVIRONMENT_SPECS, type EnvironmentSpec, revisionName, type Strategy } from './environments.ts';
import { knativeService, revisionTemplate } from './manifests.ts';
import { promotePlan, releasePlan, rollbackPlan } from './plan.ts';
import type { SmokeResult } from './smoke.ts';

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
) {
  return releasePlan({
    environment: env,
    current: await api.getService(env.namespace, 'chatbot-service'),
    template: revisionTemplate(env, { image: IMAGE(version), version }),
    image: IMAGE(version),
    version,
    strategy,
    approval,
    gates: false,
  });
}

/** The candidate's share in every accepted write, in order. */
const candidateShares = (revision: string) =>
  sim.writes.map((w) => w.spec.traffic?.find((t) => t.revisionName === revision)?.percent);

describe('rollout engine against the Knative API simulator', () => {
  it('runs a staging canary 0 → 10 → 50 → 100 and keeps the old revision at 0 % as previous', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    const result = await engine(api).run(await plan(staging, api, '1.1.0', FAST_CANARY));
    expect(result.outcome).toBe('completed');
    const candidate = revisionName('1.1.0');
    expect(candidateShares(candidate)).toEqual([0, 10, 50, 100]);
    expect(sim.routed(staging.namespace)).toEqual({ [candidate]: 100, [revisionName('1.0.0')]: 0 });
    const tags = sim.service(staging.namespace).spec.traffic?.map((t) => t.tag);
    expect(tags).toEqual(['current', 'previous']);
  });

  it('runs a prod blue-green: green at 0 % on its tag URL, smoke test, switch, blue kept at 0 %', async () => {
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
    const traffic = sim.service(prod.namespace).spec.traffic;
    expect(traffic).toEqual([
      { revisionName: revisionName('2.0.0'), percent: 100, tag: 'green' },
      { revisionName: revisionName('1.0.0'), percent: 0, tag: 'blue' },
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
    expect(service.spec.traffic).toEqual([
      { revisionName: revisionName('1.0.0'), percent: 100, tag: 'stable' },
    ]);
    expect(service.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('stops at once on a revision Knative reports as failed', async () => {
    const dev = ENVIRONMENT_SPECS.dev;
    const api = await installed(dev);
    sim.failing.set(revisionName('1.1.0'), 'Unable to fetch image "ghcr.io/shopyverse/chatbot:1.1.0"');
    const result = await engine(api).run(await plan(dev, api, '1.1.0', { kind: 'rolling' }));
    expect(result.outcome).toBe('rolled-back');
    expect(result.message).toMatch(
      /revision chatbot-service-1-1-0 failed: ContainerMissing Unable to fetch image/,
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
    expect(result.outcome).toBe('failed');
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

    const writes = sim.writes.length;
    const unknown = await engine(api).run(rollbackPlan(dev, await current(), 'chatbot-service-9-9-9'));
    expect(unknown.outcome).toBe('failed');
    expect(unknown.message).toMatch(/chatbot-service-9-9-9 does not exist/);
    expect(sim.writes).toHaveLength(writes);
  });

  it('refuses to start a rollout while traffic is split', async () => {
    const staging = ENVIRONMENT_SPECS.staging;
    const api = await installed(staging);
    await engine(api).run(await plan(staging, api, '1.1.0', FAST_CANARY, 'manual'));
    await expect(plan(staging, api, '1.2.0', FAST_CANARY)).rejects.toThrow(
      /traffic is split .*promote or roll back first/,
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
    expect(sim.routed(staging.namespace)).toEqual({
      [revisionName('1.0.0')]: 100,
      [revisionName('1.1.0')]: 0,
    });
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
    const back = await run(['rollback', '--env', 'dev']);
    expect(back.code).toBe(0);
    expect(sim.routed('chatbot-dev')).toEqual({ 'chatbot-service-1-1-0': 0, 'chatbot-service-1-0-0': 100 });
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
