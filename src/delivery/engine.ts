/**
 * @module delivery/engine
 * Executes rollout plans against a cluster the Knative way: every write is a replace carrying the
 * resourceVersion it read (a conflict means re-read and re-apply), and every write is followed by a wait on
 * what Knative reports — `observedGeneration`, the `Ready`/`RoutesReady` conditions, the
 * `latestReadyRevisionName` and the programmed `status.traffic` — bounded by a timeout. A failed step
 * (revision never ready, smoke test, metric gate) restores the traffic the plan names, automatically.
 */
import { formatErrors, validateUpdate } from './admission.ts';
import { ConflictError, type ServingApi } from './cluster.ts';
import { SERVICE_NAME } from './environments.ts';
import { describeMeasurement, evaluateGate, type GateQueries, type PrometheusClient } from './gates.ts';
import { condition, type KnativeService, type TrafficTarget } from './knative-types.ts';
import type { Plan, Step } from './plan.ts';
import { formatSmoke, type SmokeResult } from './smoke.ts';

export interface EngineDeps {
  api: ServingApi;
  /** Needed by plans with gates; without it a gate fails (and the rollout rolls back). */
  prometheus?: PrometheusClient;
  gateQueries?: GateQueries;
  smoke: (url: string) => Promise<SmokeResult>;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  pollMs?: number;
  maxConflictRetries?: number;
  /** Overrides the environment's ready timeout (seconds). */
  readyTimeoutSeconds?: number;
}

export type Outcome = 'completed' | 'paused' | 'noop' | 'rolled-back' | 'failed';

export interface RolloutResult {
  outcome: Outcome;
  message: string;
}

export class StepFailure extends Error {
  override name = 'StepFailure';
}

export class RolloutTimeout extends Error {
  override name = 'RolloutTimeout';
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface WaitGoal {
  generation: number;
  traffic: TrafficTarget[];
  /** A new revision that must be the latest ready one. */
  revision?: string;
}

/** Knative's programmed traffic equals the desired one (same revisions, percents and tags). */
export function trafficMatches(status: TrafficTarget[] | undefined, desired: TrafficTarget[]): boolean {
  const key = (t: TrafficTarget) => `${t.revisionName}|${t.percent ?? 0}|${t.tag ?? ''}`;
  const have = new Set((status ?? []).map(key));
  return desired.length === (status ?? []).length && desired.every((t) => have.has(key(t)));
}

export class RolloutEngine {
  /** Accepted writes so far: a failure after one means there is traffic to restore. */
  #writes = 0;
  readonly #deps: Required<Pick<EngineDeps, 'sleep' | 'now' | 'pollMs' | 'maxConflictRetries'>> & EngineDeps;

  constructor(deps: EngineDeps) {
    this.#deps = { sleep: realSleep, now: Date.now, pollMs: 2000, maxConflictRetries: 5, ...deps };
  }

  async read(namespace: string): Promise<KnativeService> {
    return this.#deps.api.getService(namespace, SERVICE_NAME);
  }

  /** Runs every step; on a failed step after the first write, restores `plan.onFailure` and reports it. */
  async run(plan: Plan): Promise<RolloutResult> {
    const { log } = this.#deps;
    if (plan.noop) return { outcome: 'noop', message: plan.noop };
    const ns = plan.environment.namespace;
    const before = await this.read(ns);
    const writesBefore = this.#writes;
    for (const [i, step] of plan.steps.entries()) {
      log(`[${i + 1}/${plan.steps.length}] ${step.description}`);
      try {
        if (step.kind === 'approval') {
          log(`paused: ${step.resume}`);
          return { outcome: 'paused', message: `waiting for approval; to continue: ${step.resume}` };
        }
        await this.#execute(plan, step);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log(`step failed: ${reason}`);
        const wrote = this.#writes > writesBefore;
        if (!wrote || !plan.onFailure) return { outcome: 'failed', message: reason };
        return this.#restore(plan, before, step, reason);
      }
    }
    return { outcome: 'completed', message: `${plan.action} in ${plan.environment.name} completed` };
  }

  async #execute(plan: Plan, step: Step): Promise<void> {
    const ns = plan.environment.namespace;
    switch (step.kind) {
      case 'release': {
        await this.#checkRevisionName(ns, step.revision, step.image);
        const written = await this.#write(ns, (s) => {
          s.spec.template = step.template;
          s.spec.traffic = step.traffic;
        });
        await this.#waitFor(plan, {
          generation: written.metadata.generation ?? 0,
          traffic: step.traffic,
          revision: step.revision,
        });
        return;
      }
      case 'traffic': {
        await this.#checkServable(ns, step.traffic);
        const written = await this.#write(ns, (s) => {
          s.spec.traffic = step.traffic;
        });
        await this.#waitFor(plan, { generation: written.metadata.generation ?? 0, traffic: step.traffic });
        return;
      }
      case 'bake':
        await this.#deps.sleep(step.seconds * 1000);
        return;
      case 'gate':
        await this.#gate(plan, step.candidate, step.stable);
        return;
      case 'smoke': {
        const service = await this.read(ns);
        const url = service.status?.traffic?.find((t) => t.tag === step.tag)?.url;
        if (!url) throw new StepFailure(`no URL for tag ${step.tag} in the Service status`);
        const result = await this.#deps.smoke(url);
        this.#deps.log(formatSmoke(url, result));
        if (!result.ok) throw new StepFailure(`smoke test failed on ${url}`);
        return;
      }
      case 'approval':
        return;
    }
  }

  async #gate(plan: Plan, candidate: string, stable?: string): Promise<void> {
    const { prometheus, log } = this.#deps;
    if (!prometheus) throw new StepFailure('gate needs Prometheus (PROMETHEUS_URL) and none is configured');
    const verdict = await evaluateGate(prometheus, {
      namespace: plan.environment.namespace,
      candidate,
      stable,
      thresholds: plan.environment.gates,
      queries: this.#deps.gateQueries,
    });
    log(`  ${describeMeasurement(verdict.candidate)}`);
    if (verdict.stable) log(`  ${describeMeasurement(verdict.stable)}`);
    for (const reason of verdict.reasons) log(`  ${verdict.passed ? 'note' : 'breach'}: ${reason}`);
    if (!verdict.passed) throw new StepFailure(`gate failed: ${verdict.reasons.join('; ')}`);
    log('  gate passed');
  }

  /** Refuses to reuse a revision name for a different image (Knative would reject the template anyway). */
  async #checkRevisionName(namespace: string, revision: string, image: string): Promise<void> {
    const existing = await this.#deps.api.getRevision(namespace, revision);
    if (!existing) return;
    const containers = (existing.spec as { containers?: Array<{ image?: string }> }).containers ?? [];
    const had = containers[0]?.image;
    if (had && had !== image) {
      throw new StepFailure(
        `revision ${revision} already exists with image ${had}; release it under a new version`,
      );
    }
  }

  /** Every revision about to receive traffic exists and is ready: Knative would not route to it otherwise. */
  async #checkServable(namespace: string, traffic: TrafficTarget[]): Promise<void> {
    for (const target of traffic) {
      if (!target.revisionName || (target.percent ?? 0) === 0) continue;
      const revision = await this.#deps.api.getRevision(namespace, target.revisionName);
      if (!revision) throw new StepFailure(`revision ${target.revisionName} does not exist in ${namespace}`);
      const ready = condition(revision);
      if (ready?.status !== 'True') {
        throw new StepFailure(
          `revision ${target.revisionName} is not ready (${ready?.reason ?? ready?.status ?? 'no status'})`,
        );
      }
    }
  }

  /** Read, change, validate, replace; on a conflict, read again and re-apply the same change. */
  async #write(namespace: string, change: (service: KnativeService) => void): Promise<KnativeService> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.read(namespace);
      const next = structuredClone(current);
      delete next.status;
      change(next);
      const errors = validateUpdate(current, next);
      if (errors.length > 0)
        throw new StepFailure(`admission would refuse the update:\n${formatErrors(errors)}`);
      try {
        const written = await this.#deps.api.replaceService(next);
        this.#writes++;
        return written;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= this.#deps.maxConflictRetries) throw error;
        this.#deps.log(
          `  conflict on write (someone else changed the Service); re-reading, attempt ${attempt + 1}`,
        );
      }
    }
  }

  async #waitFor(plan: Plan, goal: WaitGoal): Promise<KnativeService> {
    const { api, now, sleep, pollMs } = this.#deps;
    const ns = plan.environment.namespace;
    const timeoutSeconds = this.#deps.readyTimeoutSeconds ?? plan.environment.readyTimeoutSeconds;
    const deadline = now() + timeoutSeconds * 1000;
    let last = 'no status yet';
    for (;;) {
      const service = await this.read(ns);
      const observed = service.status?.observedGeneration ?? 0;
      const ready = condition(service, goal.revision ? 'Ready' : 'RoutesReady');
      if (goal.revision) {
        const revision = await api.getRevision(ns, goal.revision);
        const revisionReady = revision && condition(revision);
        if (revisionReady?.status === 'False') {
          throw new StepFailure(
            `revision ${goal.revision} failed: ${revisionReady.reason ?? ''} ${revisionReady.message ?? ''}`.trim(),
          );
        }
      }
      const done =
        observed >= goal.generation &&
        ready?.status === 'True' &&
        (!goal.revision || service.status?.latestReadyRevisionName === goal.revision) &&
        trafficMatches(service.status?.traffic, goal.traffic);
      if (done) return service;
      last = `observedGeneration ${observed}/${goal.generation}, ${ready?.type ?? 'Ready'}=${ready?.status ?? 'Unknown'}${ready?.reason ? ` (${ready.reason})` : ''}, latestReady ${service.status?.latestReadyRevisionName ?? 'none'}`;
      if (now() >= deadline) {
        const what = goal.revision
          ? `revision ${goal.revision} to become ready`
          : 'the traffic change to take effect';
        throw new RolloutTimeout(
          `timed out after ${timeoutSeconds} s waiting for ${what}; last seen: ${last}`,
        );
      }
      await sleep(pollMs);
    }
  }

  /**
   * Puts traffic back as the plan says. When the failed step was the new revision itself, the candidate is
   * dropped from the traffic and the previous template written back, so the Service returns to Ready.
   */
  async #restore(plan: Plan, before: KnativeService, failed: Step, reason: string): Promise<RolloutResult> {
    const { log } = this.#deps;
    const revisionFailed = failed.kind === 'release';
    const traffic = (plan.onFailure ?? []).filter(
      (t) => !(revisionFailed && t.revisionName === plan.candidate),
    );
    log(`rolling back: ${traffic.map((t) => `${t.revisionName}=${t.percent}%`).join(', ')}`);
    try {
      const written = await this.#write(plan.environment.namespace, (s) => {
        if (revisionFailed) s.spec.template = before.spec.template;
        s.spec.traffic = traffic;
      });
      await this.#waitFor(plan, { generation: written.metadata.generation ?? 0, traffic });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        outcome: 'failed',
        message: `${reason}; ROLLBACK ALSO FAILED: ${detail} — run \`rollback\` by hand`,
      };
    }
    return { outcome: 'rolled-back', message: `${reason}; traffic restored to ${plan.stable}` };
  }
}
