/**
 * @module delivery/plan
 * What a rollout does, as data: the ordered steps (write a new revision, move traffic, bake, gate, smoke,
 * wait for approval) and the traffic to restore if a step fails. The engine executes a plan; `--dry-run`
 * prints the same plan as kn/kubectl commands, so the two cannot drift apart.
 *
 * Traffic always names revisions (never `latestRevision`), and tags say each revision's role:
 * rolling and canary end as `current` (100 %) + `previous` (0 %); a canary in flight is `stable` +
 * `candidate`; blue-green is `blue` (old) + `green` (new), the old one kept at 0 % after the switch.
 */
import type { EnvironmentSpec, Strategy } from './environments.ts';
import type { KnativeService, TrafficTarget } from './knative-types.ts';

export type Step =
  | {
      kind: 'release';
      description: string;
      template: KnativeService['spec']['template'];
      image: string;
      version: string;
      revision: string;
      traffic: TrafficTarget[];
    }
  | { kind: 'traffic'; description: string; traffic: TrafficTarget[] }
  | { kind: 'bake'; description: string; seconds: number }
  | { kind: 'gate'; description: string; candidate: string; stable?: string }
  | { kind: 'smoke'; description: string; tag: string }
  | { kind: 'approval'; description: string; resume: string };

export interface Plan {
  action: string;
  environment: EnvironmentSpec;
  candidate?: string;
  stable?: string;
  steps: Step[];
  /** Traffic that undoes the plan when a step fails after the first write. */
  onFailure?: TrafficTarget[];
  /** Set when there is nothing to do, with the reason. */
  noop?: string;
}

const target = (revisionName: string, percent: number, tag: string): TrafficTarget => ({
  revisionName,
  percent,
  tag,
});

/** The revision that serves all traffic, or an error explaining why there is no single one. */
export function servingRevision(service: KnativeService): string {
  const traffic = service.spec.traffic ?? [];
  const live = traffic.filter((t) => (t.percent ?? 0) > 0);
  if (live.length === 1 && live[0]?.percent === 100) {
    const only = live[0];
    const name =
      only.revisionName ?? (only.latestRevision ? service.status?.latestReadyRevisionName : undefined);
    if (name) return name;
  }
  if (live.length > 1) {
    const split = live.map((t) => `${t.revisionName ?? 'latest'}=${t.percent}%`).join(', ');
    throw new Error(`traffic is split (${split}): a rollout is in progress; promote or roll back first`);
  }
  throw new Error('no revision serves all traffic; name one with `rollback --to <revision>`');
}

export interface ReleaseInput {
  environment: EnvironmentSpec;
  current: KnativeService;
  template: KnativeService['spec']['template'];
  image: string;
  version: string;
  /** Overrides the environment's strategy (e.g. a canary in dev). */
  strategy?: Strategy;
  approval: 'auto' | 'manual';
  gates: boolean;
}

export function releasePlan(input: ReleaseInput): Plan {
  const env = input.environment;
  const strategy = input.strategy ?? env.strategy;
  const candidate = input.template.metadata?.name;
  if (!candidate) throw new Error('the revision template has no name');
  const stable = servingRevision(input.current);
  const base = { action: strategy.kind, environment: env, candidate, stable };
  if (stable === candidate) return { ...base, steps: [], noop: `${candidate} already serves all traffic` };
  const release = (description: string, traffic: TrafficTarget[]): Step => ({
    kind: 'release',
    description,
    template: input.template,
    image: input.image,
    version: input.version,
    revision: candidate,
    traffic,
  });
  const gate = (description: string): Step[] =>
    input.gates ? [{ kind: 'gate', description, candidate, stable }] : [];
  const resume = `npm run rollout -- promote --env ${env.name}`;

  if (strategy.kind === 'rolling') {
    return {
      ...base,
      steps: [
        release(`create ${candidate} and send it all traffic`, [
          target(candidate, 100, 'current'),
          target(stable, 0, 'previous'),
        ]),
      ],
      onFailure: [target(stable, 100, 'current')],
    };
  }
  if (strategy.kind === 'canary') {
    const steps: Step[] = [
      release(`create ${candidate} at 0 % beside ${stable}`, [
        target(stable, 100, 'stable'),
        target(candidate, 0, 'candidate'),
      ]),
    ];
    for (const percent of strategy.steps) {
      steps.push(
        {
          kind: 'traffic',
          description: `send ${percent} % to ${candidate}`,
          traffic: [target(stable, 100 - percent, 'stable'), target(candidate, percent, 'candidate')],
        },
        {
          kind: 'bake',
          description: `serve ${percent} % for ${strategy.bakeSeconds} s`,
          seconds: strategy.bakeSeconds,
        },
        ...gate(`check ${candidate} at ${percent} % against ${stable}`),
      );
    }
    if (input.approval === 'manual')
      steps.push({ kind: 'approval', description: 'wait for an operator to promote', resume });
    steps.push(finalCanary(candidate, stable));
    return { ...base, steps, onFailure: [target(stable, 100, 'stable'), target(candidate, 0, 'candidate')] };
  }
  const steps: Step[] = [
    release(`create ${candidate} (green) at 0 % beside ${stable} (blue)`, [
      target(stable, 100, 'blue'),
      target(candidate, 0, 'green'),
    ]),
    { kind: 'smoke', description: `smoke-test ${candidate} on its green tag URL`, tag: 'green' },
  ];
  if (input.approval === 'manual')
    steps.push({ kind: 'approval', description: 'wait for an operator to switch', resume });
  steps.push(
    finalBlueGreen(candidate, stable),
    {
      kind: 'bake',
      description: `serve on ${candidate} for ${strategy.bakeSeconds} s`,
      seconds: strategy.bakeSeconds,
    },
    ...gate(`check ${candidate} after the switch against ${stable}`),
  );
  return { ...base, steps, onFailure: [target(stable, 100, 'blue'), target(candidate, 0, 'green')] };
}

function finalCanary(candidate: string, stable: string): Step {
  return {
    kind: 'traffic',
    description: `send all traffic to ${candidate}, keep ${stable} at 0 % as previous`,
    traffic: [target(candidate, 100, 'current'), target(stable, 0, 'previous')],
  };
}

function finalBlueGreen(candidate: string, stable: string): Step {
  return {
    kind: 'traffic',
    description: `switch all traffic to ${candidate} (green), keep ${stable} (blue) at 0 %`,
    traffic: [target(candidate, 100, 'green'), target(stable, 0, 'blue')],
  };
}

const tagged = (service: KnativeService, tag: string) => service.spec.traffic?.find((t) => t.tag === tag);

/** Finishes a paused or in-flight canary (`candidate` tag) or blue-green (`green` tag below 100 %). */
export function promotePlan(environment: EnvironmentSpec, current: KnativeService): Plan {
  const canary = tagged(current, 'candidate');
  const stable = tagged(current, 'stable');
  if (canary?.revisionName && stable?.revisionName && (canary.percent ?? 0) < 100) {
    const step = finalCanary(canary.revisionName, stable.revisionName);
    return {
      action: 'promote',
      environment,
      candidate: canary.revisionName,
      stable: stable.revisionName,
      steps: [step],
    };
  }
  const green = tagged(current, 'green');
  const blue = tagged(current, 'blue');
  if (green?.revisionName && blue?.revisionName && (green.percent ?? 0) < 100) {
    const step = finalBlueGreen(green.revisionName, blue.revisionName);
    return {
      action: 'promote',
      environment,
      candidate: green.revisionName,
      stable: blue.revisionName,
      steps: [step],
    };
  }
  return { action: 'promote', environment, steps: [], noop: 'no candidate waiting: nothing to promote' };
}

/**
 * Sends all traffic to `to`, or to the revision the last rollout replaced (tag `stable`, `blue` or
 * `previous`, in that order), in one write. Every other target stays listed at 0 % with its tag, so the
 * rollback itself can be undone with `promote` or another rollback.
 */
export function rollbackPlan(environment: EnvironmentSpec, current: KnativeService, to?: string): Plan {
  const traffic = current.spec.traffic ?? [];
  const fallback = ['stable', 'blue', 'previous']
    .map((tag) => tagged(current, tag))
    .find((t) => t?.revisionName && (t.percent ?? 0) < 100)?.revisionName;
  const chosen = to ?? fallback;
  if (!chosen) {
    return {
      action: 'rollback',
      environment,
      steps: [],
      noop: 'no previous revision recorded in the traffic; name one with --to',
    };
  }
  const serving = traffic.find((t) => t.percent === 100)?.revisionName;
  if (serving === chosen)
    return {
      action: 'rollback',
      environment,
      candidate: chosen,
      steps: [],
      noop: `${chosen} already serves all traffic`,
    };
  const listed = traffic.some((t) => t.revisionName === chosen);
  const next: TrafficTarget[] = traffic
    .filter((t) => t.revisionName || t.latestRevision)
    .map((t) => ({ ...t, percent: t.revisionName === chosen ? 100 : 0 }));
  // A revision not in the traffic block joins it as `current`; a target that held that tag gives it up.
  if (!listed) next.unshift({ revisionName: chosen, percent: 100, tag: 'current' });
  const deduped = dedupeTags(next);
  return {
    action: 'rollback',
    environment,
    candidate: chosen,
    steps: [{ kind: 'traffic', description: `send all traffic back to ${chosen}`, traffic: deduped }],
  };
}

function dedupeTags(traffic: TrafficTarget[]): TrafficTarget[] {
  const seen = new Set<string>();
  return traffic.map((t) => {
    if (!t.tag) return t;
    if (seen.has(t.tag)) {
      const { tag: _dropped, ...rest } = t;
      return rest;
    }
    seen.add(t.tag);
    return t;
  });
}
