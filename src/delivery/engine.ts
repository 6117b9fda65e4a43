/**
 * @module delivery/engine
 * Executes rollout plans against a cluster the Knative way: every write is a replace carrying the
 * resourceVersion it read (a conflict means re-read and re-apply), and every write is followed by a wait on
 * what Knative reports — `observedGeneration`, the `Ready`/`RoutesReady` conditions, the
 * `latestReadyRevisionName` and the programmed `status.traffic` — bounded by a timeout. A failed step
 * (revision never ready, smoke test, metric gate) restores the traffic the plan names, automatically, and
 * records the candidate as failed. A run holds the Service's lease (rollout-state.ts) from its first write
 * to its last, so a second rollout on the same Service is refused; between steps, and during bakes and
 * analysis, it honours an operator's `pause` or `abort`.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { formatErrors, validateUpdate } from './admission.ts';
import { ConflictError, type ServingApi } from './cluster.ts';
import { sameTemplate } from './defaults.ts';
import { SERVICE_NAME } from './environments.ts';
import { describeMeasurement, evaluateGate, type GateQueries, type MetricsSource } from './gates.ts';
import { condition, type Job, type KnativeService, type TrafficTarget } from './knative-types.ts';
import { generateLoad, type LoadReport } from './load.ts';
import type { Plan, Step } from './plan.ts';
import { ANNOTATIONS, annotate, type Lease, leaseHeld, readControl, readLease } from './rollout-state.ts';
import { formatSmoke, type SmokeResult } from './smoke.ts';

export interface EngineDeps {
  api: ServingApi;
  /** Needed by plans with gates; without it a gate fails (and the rollout rolls back). */
  prometheus?: MetricsSource;
  gateQueries?: GateQueries;
  smoke: (url: string) => Promise<SmokeResult>;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  pollMs?: number;
  maxConflictRetries?: number;
  /** Overrides the environment's ready timeout (seconds). */
  readyTimeoutSeconds?: number;
  /** Who holds the lease (default: host, pid and a random suffix). */
  holder?: string;
  /** How long the lease lasts without renewal; it is renewed well before. */
  leaseSeconds?: number;
  /** How often a bake or an analysis interval looks for a pause/abort and renews the lease. */
  controlPollMs?: number;
  /**
   * One unit of synthetic load against a URL (the smoke client): with the environment's `canaryLoad`, sent
   * at a fixed rate to the Service's URL while a gated release runs, so gates see traffic.
   */
  load?: (url: string) => Promise<boolean>;
}

export type Outcome = 'completed' | 'paused' | 'noop' | 'refused' | 'rolled-back' | 'failed';

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

/** Another run holds (or took over) the Service's lease. */
export class LeaseError extends Error {
  override name = 'LeaseError';
}

/** An operator asked the running rollout to pause. */
class PauseRequested extends Error {
  override name = 'PauseRequested';
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

type Deps = Required<
  Pick<
    EngineDeps,
    'sleep' | 'now' | 'pollMs' | 'maxConflictRetries' | 'holder' | 'leaseSeconds' | 'controlPollMs'
  >
> &
  EngineDeps;

export class RolloutEngine {
  /** Accepted writes so far: a failure after one means there is traffic to restore. */
  #writes = 0;
  readonly #deps: Deps;

  constructor(deps: EngineDeps) {
    this.#deps = {
      sleep: realSleep,
      now: Date.now,
      pollMs: 2000,
      maxConflictRetries: 5,
      holder: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      leaseSeconds: 300,
      controlPollMs: 15_000,
      ...deps,
    };
  }

  async read(namespace: string): Promise<KnativeService> {
    return this.#deps.api.getService(namespace, SERVICE_NAME);
  }

  /**
   * Takes the lease, runs every step, and gives the lease back. On a failed step after the first write it
   * restores `plan.onFailure` and marks the candidate failed; on an operator's pause it stops where it is.
   */
  async run(plan: Plan): Promise<RolloutResult> {
    const { log } = this.#deps;
    if (plan.refused) return { outcome: 'refused', message: plan.refused };
    if (plan.noop) return { outcome: 'noop', message: plan.noop };
    const ns = plan.environment.namespace;
    try {
      await this.#acquire(plan);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(`refused: ${reason}`);
      return { outcome: 'refused', message: reason };
    }
    const before = await this.read(ns);
    const writesBefore = this.#writes;
    const stopLoad = this.#startLoad(plan, before);
    try {
      for (const [i, step] of plan.steps.entries()) {
        log(`[${i + 1}/${plan.steps.length}] ${step.description}`);
        try {
          await this.#heartbeat(ns, true);
          if (step.kind === 'approval') {
            log(`paused: ${step.resume}`);
            await this.#release(ns, {});
            return { outcome: 'paused', message: `waiting for approval; to continue: ${step.resume}` };
          }
          await this.#execute(plan, step);
        } catch (error) {
          if (error instanceof PauseRequested) {
            log('paused by an operator');
            await this.#release(ns, { [ANNOTATIONS.control]: null });
            return {
              outcome: 'paused',
              message: `paused by an operator before "${step.description}"; to continue: npm run rollout -- resume --env ${plan.environment.name}`,
            };
          }
          const reason = error instanceof Error ? error.message : String(error);
          log(`step failed: ${reason}`);
          if (error instanceof LeaseError) return { outcome: 'failed', message: reason };
          const wrote = this.#writes > writesBefore;
          if (!wrote || !plan.onFailure) {
            await this.#release(ns, {}).catch(() => undefined);
            return { outcome: 'failed', message: reason };
          }
          return await this.#restore(plan, before, step, reason);
        }
      }
      await this.#release(ns, plan.onSuccess ?? {});
      return { outcome: 'completed', message: `${plan.action} in ${plan.environment.name} completed` };
    } finally {
      const report = await stopLoad();
      if (report) log(`load: ${report.sent} request(s) sent, ${report.failed} failed`);
    }
  }

  /** Writes our lease; refused while another live lease exists or the Service moved since the plan. */
  async #acquire(plan: Plan): Promise<void> {
    const { holder, leaseSeconds, now } = this.#deps;
    const lease: Lease = { holder, renewTime: now(), leaseSeconds, action: plan.action };
    await this.#write(
      plan.environment.namespace,
      (s) => {
        const held = readLease(s);
        if (leaseHeld(held, now()) && held.holder !== holder) {
          throw new LeaseError(
            `another rollout (${held.action} by ${held.holder}) holds the lease on ${plan.environment.namespace}/${SERVICE_NAME}; wait for it, or \`abort\` it`,
          );
        }
        if (plan.expectTraffic && !sameTraffic(s.spec.traffic ?? [], plan.expectTraffic)) {
          throw new LeaseError('the Service changed since this rollout was planned; run the command again');
        }
        annotate(s, {
          [ANNOTATIONS.lease]: JSON.stringify(lease),
          [ANNOTATIONS.control]: null,
          ...(plan.record ? { [ANNOTATIONS.release]: JSON.stringify(plan.record) } : {}),
        });
      },
      { counts: false },
    );
  }

  /** Gives the lease back, with the plan's final annotations, if it is still ours. */
  async #release(namespace: string, changes: Record<string, string | null>): Promise<void> {
    await this.#write(
      namespace,
      (s) => {
        const held = readLease(s);
        annotate(s, {
          ...changes,
          ...(held?.holder === this.#deps.holder ? { [ANNOTATIONS.lease]: null } : {}),
        });
      },
      { counts: false },
    );
  }

  /**
   * Looks at the Service between and inside steps: renews the lease when a third of it has passed, throws
   * LeaseError when another run took it over, and, with `control`, PauseRequested or an abort StepFailure.
   */
  async #heartbeat(namespace: string, control: boolean): Promise<void> {
    const { holder, leaseSeconds, now } = this.#deps;
    const service = await this.read(namespace);
    const lease = readLease(service);
    if (lease?.holder !== holder) {
      throw new LeaseError(`lost the lease on ${namespace}/${SERVICE_NAME} to ${lease?.holder ?? 'nobody'}`);
    }
    if (control) {
      const wanted = readControl(service);
      if (wanted === 'pause') throw new PauseRequested();
      if (wanted === 'abort') throw new StepFailure('aborted by an operator');
    }
    if (now() - lease.renewTime > (leaseSeconds * 1000) / 3) {
      await this.#write(
        namespace,
        (s) => {
          const current = readLease(s);
          if (current?.holder !== holder)
            throw new LeaseError(`lost the lease to ${current?.holder ?? 'nobody'}`);
          annotate(s, { [ANNOTATIONS.lease]: JSON.stringify({ ...current, renewTime: now() }) });
        },
        { counts: false },
      );
    }
  }

  /** Waits `ms`, in slices, watching for a pause or abort and keeping the lease. */
  async #wait(namespace: string, ms: number): Promise<void> {
    let left = ms;
    do {
      const slice = Math.min(left, this.#deps.controlPollMs);
      await this.#deps.sleep(slice);
      left -= slice;
      await this.#heartbeat(namespace, true);
    } while (left > 0);
  }

  /** Starts synthetic load for a gated release in an environment that asks for it; returns its stopper. */
  #startLoad(plan: Plan, service: KnativeService): () => Promise<LoadReport | undefined> {
    const load = this.#deps.load;
    const spec = plan.environment.canaryLoad;
    const url = service.status?.url;
    const gated = plan.steps.some((s) => s.kind === 'gate');
    if (!load || !spec || !url || !gated) return async () => undefined;
    const controller = new AbortController();
    this.#deps.log(`load: ${spec.ratePerSecond} request(s)/s to ${url}, at most ${spec.maxRequests}`);
    const running = generateLoad({
      send: () => load(url),
      ratePerSecond: spec.ratePerSecond,
      maxRequests: spec.maxRequests,
      sleep: this.#deps.sleep,
      signal: controller.signal,
    });
    return async () => {
      controller.abort();
      return running;
    };
  }

  async #execute(plan: Plan, step: Step): Promise<void> {
    const ns = plan.environment.namespace;
    switch (step.kind) {
      case 'release': {
        await this.#checkRevisionName(ns, step.revision, step.image);
        const written = await this.#write(ns, (s) => {
          // Knative defaults a template only when its name changes: re-releasing the revision the Service
          // already names means sending the stored (defaulted) template back, not a fresh rendering.
          const stored = s.spec.template;
          const reuse = stored.metadata?.name === step.revision && sameTemplate(stored, step.template);
          if (!reuse) s.spec.template = step.template;
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
        await this.#wait(ns, step.seconds * 1000);
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
      case 'schema':
        await this.#runJob(plan, step.job);
        return;
      case 'approval':
        return;
    }
  }

  /** Creates the Job (or finds it from an earlier try) and waits until it completes or fails. */
  async #runJob(plan: Plan, job: Job): Promise<void> {
    const { api, now, sleep, pollMs, log } = this.#deps;
    const ns = plan.environment.namespace;
    const name = (await api.createJob(job)).metadata.name ?? '';
    log(`  job ${name} created`);
    const timeoutSeconds = this.#deps.readyTimeoutSeconds ?? plan.environment.readyTimeoutSeconds;
    const deadline = now() + timeoutSeconds * 1000;
    for (;;) {
      await this.#heartbeat(ns, false);
      const current = await api.getJob(ns, name);
      if ((current.status?.succeeded ?? 0) > 0) {
        log(`  job ${name} completed`);
        return;
      }
      const failed = current.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
      if (failed) {
        throw new StepFailure(
          `job ${name} failed: ${failed.reason ?? ''} ${failed.message ?? ''} (kubectl logs -n ${ns} job/${name})`.trim(),
        );
      }
      if (now() >= deadline)
        throw new RolloutTimeout(`timed out after ${timeoutSeconds} s waiting for job ${name}`);
      await sleep(pollMs);
    }
  }

  /**
   * Analysis: `checks` gate evaluations `intervalSeconds` apart; the step fails as soon as
   * `failureThreshold` of them failed (a no-data verdict counts as its policy says), and passes otherwise.
   */
  async #gate(plan: Plan, candidate: string, stable?: string): Promise<void> {
    const { prometheus, log } = this.#deps;
    if (!prometheus) throw new StepFailure('gate needs Prometheus (PROMETHEUS_URL) and none is configured');
    const { checks, intervalSeconds, failureThreshold } = plan.environment.analysis;
    let failures = 0;
    for (let check = 1; check <= checks; check++) {
      if (check > 1) await this.#wait(plan.environment.namespace, intervalSeconds * 1000);
      const verdict = await evaluateGate(prometheus, {
        namespace: plan.environment.namespace,
        candidate,
        stable,
        thresholds: plan.environment.gates,
        queries: this.#deps.gateQueries,
      });
      log(`  check ${check}/${checks}: ${describeMeasurement(verdict.candidate)}`);
      if (verdict.stable) log(`  ${describeMeasurement(verdict.stable)}`);
      for (const reason of verdict.reasons) log(`  ${verdict.passed ? 'note' : 'breach'}: ${reason}`);
      if (verdict.passed) continue;
      failures++;
      if (failures >= failureThreshold) {
        throw new StepFailure(
          `gate failed: ${verdict.reasons.join('; ')} (${failures} of ${check} check(s) failed, threshold ${failureThreshold})`,
        );
      }
    }
    log(`  gate passed (${failures} of ${checks} check(s) failed, threshold ${failureThreshold})`);
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
  async #write(
    namespace: string,
    change: (service: KnativeService) => void,
    { counts = true }: { counts?: boolean } = {},
  ): Promise<KnativeService> {
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
        if (counts) this.#writes++;
        return written;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= this.#deps.maxConflictRetries) throw error;
        this.#deps.log(
          `  conflict on write (someone else changed the Service); re-reading, attempt ${attempt + 1}`,
        );
      }
    }
  }

  async #waitFor(plan: Plan, goal: WaitGoal, leased = true): Promise<KnativeService> {
    const { api, now, sleep, pollMs } = this.#deps;
    const ns = plan.environment.namespace;
    const timeoutSeconds = this.#deps.readyTimeoutSeconds ?? plan.environment.readyTimeoutSeconds;
    const deadline = now() + timeoutSeconds * 1000;
    let last = 'no status yet';
    for (;;) {
      if (leased) await this.#heartbeat(ns, false);
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
        const configuration = condition(service, 'ConfigurationsReady');
        if (observed >= goal.generation && configuration?.status === 'False') {
          throw new StepFailure(
            `Knative could not create ${goal.revision}: ${configuration.message ?? configuration.reason ?? 'ConfigurationsReady=False'}`,
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
   * Puts traffic back as the plan says, records the candidate as failed and gives the lease back, in one
   * write. When the failed step was the new revision itself, the previous template is written back too, so
   * the Service returns to Ready.
   */
  async #restore(plan: Plan, before: KnativeService, failed: Step, reason: string): Promise<RolloutResult> {
    const { log, holder } = this.#deps;
    const revisionFailed = failed.kind === 'release';
    const traffic = plan.onFailure ?? [];
    log(`rolling back: ${traffic.map((t) => `${t.revisionName}=${t.percent}%`).join(', ')}`);
    try {
      const written = await this.#write(plan.environment.namespace, (s) => {
        if (revisionFailed) s.spec.template = before.spec.template;
        s.spec.traffic = traffic;
        annotate(s, {
          ...(plan.candidate
            ? {
                [ANNOTATIONS.failedRevision]: plan.candidate,
                [ANNOTATIONS.failedReason]: reason.split('\n')[0]?.slice(0, 300) ?? '',
              }
            : {}),
          [ANNOTATIONS.release]: null,
          [ANNOTATIONS.control]: null,
          ...(readLease(s)?.holder === holder ? { [ANNOTATIONS.lease]: null } : {}),
        });
      });
      await this.#waitFor(plan, { generation: written.metadata.generation ?? 0, traffic }, false);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      await this.#release(plan.environment.namespace, {}).catch(() => undefined);
      return {
        outcome: 'failed',
        message: `${reason}; ROLLBACK ALSO FAILED: ${detail} — run \`rollback\` by hand`,
      };
    }
    return { outcome: 'rolled-back', message: `${reason}; traffic restored to ${plan.stable}` };
  }
}

/** Two traffic blocks name the same targets (order and the defaulted `latestRevision: false` aside). */
export function sameTraffic(a: TrafficTarget[], b: TrafficTarget[]): boolean {
  const key = (t: TrafficTarget) => `${t.revisionName ?? '@latest'}|${t.percent ?? 0}|${t.tag ?? ''}`;
  const keys = (list: TrafficTarget[]) => list.map(key).sort().join(',');
  return keys(a) === keys(b);
}
