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
import type { Job, KnativeService, TrafficTarget } from './knative-types.ts';
import {
  ANNOTATIONS,
  failedRevision,
  previousRevision,
  type ReleaseRecord,
  readRelease,
  withSchemaHead,
} from './rollout-state.ts';

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
  | { kind: 'approval'; description: string; resume: string }
  /** A Job running the migration CLI (`migrate`, or `rollback --steps N`) from a release's image. */
  | { kind: 'schema'; description: string; job: Job };

export interface Plan {
  action: string;
  environment: EnvironmentSpec;
  candidate?: string;
  stable?: string;
  steps: Step[];
  /** Traffic that undoes the plan when a step fails after the first write; the candidate is then marked failed. */
  onFailure?: TrafficTarget[];
  /** Set when there is nothing to do, with the reason. */
  noop?: string;
  /** Set when the plan must not run (e.g. promoting a candidate that failed a gate), with the reason. */
  refused?: string;
  /** The Service's `spec.traffic` the plan was made from: the engine re-checks it once it holds the lease. */
  expectTraffic?: TrafficTarget[];
  /** Recorded on the Service while the release runs, so `promote`/`resume` finish it the same way. */
  record?: ReleaseRecord;
  /** Annotations written once every step succeeded (null removes one). */
  onSuccess?: Record<string, string | null>;
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
  /**
   * The schema step: a Job migrating the database with the candidate's image before any traffic moves,
   * and the newest migration it applies (recorded per revision for `rollback --with-schema`).
   */
  schema?: { job: Job; head?: string };
}

/** What every finished release, promote or resume records: the replaced revision, and no failure of this one. */
function successMarks(current: KnativeService, candidate: string, stable: string) {
  const failed = failedRevision(current);
  return {
    [ANNOTATIONS.previousRevision]: stable,
    [ANNOTATIONS.release]: null,
    ...(failed?.revision === candidate
      ? { [ANNOTATIONS.failedRevision]: null, [ANNOTATIONS.failedReason]: null }
      : {}),
  };
}

/** After a finished release only the serving revision stays in the traffic: a 0 % target is not routable work. */
const retire = (candidate: string, stable: string): Step => ({
  kind: 'traffic',
  description: `retire ${stable}: drop it from the traffic (it scales to zero; \`rollback\` still finds it)`,
  traffic: [target(candidate, 100, 'current')],
});

function blueGreenTail(candidate: string, stable: string, bakeSeconds: number, gates: boolean): Step[] {
  return [
    finalBlueGreen(candidate, stable),
    { kind: 'bake', description: `serve on ${candidate} for ${bakeSeconds} s`, seconds: bakeSeconds },
    ...(gates
      ? [
          {
            kind: 'gate' as const,
            description: `check ${candidate} after the switch against ${stable}`,
            candidate,
            stable,
          },
        ]
      : []),
    retire(candidate, stable),
  ];
}

function canarySteps(
  candidate: string,
  stable: string,
  percents: number[],
  bakeSeconds: number,
  gates: boolean,
) {
  const steps: Step[] = [];
  for (const percent of percents) {
    steps.push(
      {
        kind: 'traffic',
        description: `send ${percent} % to ${candidate}`,
        traffic: [target(stable, 100 - percent, 'stable'), target(candidate, percent, 'candidate')],
      },
      { kind: 'bake', description: `serve ${percent} % for ${bakeSeconds} s`, seconds: bakeSeconds },
      ...(gates
        ? [
            {
              kind: 'gate' as const,
              description: `check ${candidate} at ${percent} % against ${stable}`,
              candidate,
              stable,
            },
          ]
        : []),
    );
  }
  return steps;
}

export function releasePlan(input: ReleaseInput): Plan {
  const env = input.environment;
  const strategy = input.strategy ?? env.strategy;
  const candidate = input.template.metadata?.name;
  if (!candidate) throw new Error('the revision template has no name');
  const stable = servingRevision(input.current);
  const waiting = inFlight(input.current);
  if (waiting && waiting.candidate !== candidate) {
    throw new Error(
      `${waiting.candidate} is waiting as a ${waiting.kind} candidate: promote or abort it first`,
    );
  }
  const base = {
    action: strategy.kind,
    environment: env,
    candidate,
    stable,
    expectTraffic: input.current.spec.traffic ?? [],
    record: { candidate, stable, strategy, gates: input.gates },
    onSuccess: {
      ...successMarks(input.current, candidate, stable),
      ...(input.schema?.head
        ? { [ANNOTATIONS.schemaHeads]: withSchemaHead(input.current, candidate, input.schema.head) }
        : {}),
    },
    onFailure: [target(stable, 100, 'current')],
  };
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
  const resume = `npm run rollout -- promote --env ${env.name}`;
  // Migrations first: expand-only, so the stable revision keeps working on the new schema while it serves.
  const schema: Step[] = input.schema
    ? [
        {
          kind: 'schema',
          description: `migrate the schema with ${candidate}'s image (Job ${input.schema.job.metadata.generateName}…) before any traffic moves`,
          job: input.schema.job,
        },
      ]
    : [];

  if (strategy.kind === 'rolling') {
    return {
      ...base,
      steps: [
        ...schema,
        release(`create ${candidate} and send it all traffic`, [target(candidate, 100, 'current')]),
      ],
    };
  }
  if (strategy.kind === 'canary') {
    const steps: Step[] = [
      ...schema,
      release(`create ${candidate} at 0 % beside ${stable}`, [
        target(stable, 100, 'stable'),
        target(candidate, 0, 'candidate'),
      ]),
      ...canarySteps(candidate, stable, strategy.steps, strategy.bakeSeconds, input.gates),
    ];
    if (input.approval === 'manual')
      steps.push({ kind: 'approval', description: 'wait for an operator to promote', resume });
    steps.push(finalCanary(candidate, stable));
    return { ...base, steps };
  }
  const steps: Step[] = [
    ...schema,
    release(`create ${candidate} (green) at 0 % beside ${stable} (blue)`, [
      target(stable, 100, 'blue'),
      target(candidate, 0, 'green'),
    ]),
    { kind: 'smoke', description: `smoke-test ${candidate} on its green tag URL`, tag: 'green' },
  ];
  if (input.approval === 'manual')
    steps.push({ kind: 'approval', description: 'wait for an operator to switch', resume });
  steps.push(...blueGreenTail(candidate, stable, strategy.bakeSeconds, input.gates));
  return { ...base, steps };
}

function finalCanary(candidate: string, stable: string): Step {
  return {
    kind: 'traffic',
    description: `send all traffic to ${candidate}, drop ${stable} from the traffic (it scales to zero)`,
    traffic: [target(candidate, 100, 'current')],
  };
}

function finalBlueGreen(candidate: string, stable: string): Step {
  return {
    kind: 'traffic',
    description: `switch all traffic to ${candidate} (green), keep ${stable} (blue) warm at 0 %`,
    traffic: [target(candidate, 100, 'green'), target(stable, 0, 'blue')],
  };
}

const tagged = (service: KnativeService, tag: string) => service.spec.traffic?.find((t) => t.tag === tag);

interface InFlight {
  kind: 'canary' | 'blue-green';
  candidate: string;
  stable: string;
  percent: number;
}

/** The release waiting in the traffic block: a canary below 100 % or a blue-green not yet switched. */
function inFlight(current: KnativeService): InFlight | undefined {
  const canary = tagged(current, 'candidate');
  const stable = tagged(current, 'stable');
  if (canary?.revisionName && stable?.revisionName && (canary.percent ?? 0) < 100)
    return {
      kind: 'canary',
      candidate: canary.revisionName,
      stable: stable.revisionName,
      percent: canary.percent ?? 0,
    };
  const green = tagged(current, 'green');
  const blue = tagged(current, 'blue');
  if (green?.revisionName && blue?.revisionName && (green.percent ?? 0) < 100)
    return { kind: 'blue-green', candidate: green.revisionName, stable: blue.revisionName, percent: 0 };
  return undefined;
}

export interface FinishOptions {
  /** Send traffic to a candidate that failed a gate or was aborted. */
  force?: boolean;
  /** Gates on the remaining steps when no release is recorded on the Service. */
  gates?: boolean;
}

function refusal(action: string, environment: EnvironmentSpec, current: KnativeService, candidate: string) {
  const failed = failedRevision(current);
  if (failed?.revision !== candidate) return undefined;
  return {
    action,
    environment,
    candidate,
    steps: [],
    refused: `${candidate} failed its rollout (${failed.reason || 'no reason recorded'}); release it again to retry it with gates, or pass --force to send it traffic anyway`,
  } satisfies Plan;
}

/**
 * Finishes the release waiting in the traffic block (`finish: 'promote'` skips the remaining canary steps,
 * `'resume'` runs them with their bakes and gates). A blue-green switch is always followed by its bake, its
 * gate and, on a breach, the automatic rollback, whether it was approved by hand or not. A candidate
 * recorded as failed is refused unless `force`.
 */
function finishPlan(
  finish: 'promote' | 'resume',
  environment: EnvironmentSpec,
  current: KnativeService,
  options: FinishOptions,
): Plan {
  const flight = inFlight(current);
  const failed = failedRevision(current);
  if (!flight) {
    if (failed && finish === 'promote') {
      const refused = refusal(finish, environment, current, failed.revision);
      if (refused && !options.force) return refused;
      const stable = servingRevision(current);
      return {
        action: 'promote',
        environment,
        candidate: failed.revision,
        stable,
        expectTraffic: current.spec.traffic ?? [],
        steps: [
          {
            kind: 'traffic',
            description: `FORCED: send all traffic to ${failed.revision}, which failed its rollout`,
            traffic: [target(failed.revision, 100, 'current')],
          },
        ],
        onFailure: [target(stable, 100, 'current')],
        onSuccess: successMarks(current, failed.revision, stable),
      };
    }
    return { action: finish, environment, steps: [], noop: `no candidate waiting: nothing to ${finish}` };
  }
  const { candidate, stable } = flight;
  const refused = refusal(finish, environment, current, candidate);
  if (refused && !options.force) return refused;
  const record = readRelease(current);
  const recorded = record?.candidate === candidate ? record : undefined;
  const gates = recorded?.gates ?? options.gates ?? true;
  const strategy = recorded?.strategy ?? environment.strategy;
  const bake = strategy.kind === 'rolling' ? 0 : strategy.bakeSeconds;
  let steps: Step[];
  if (flight.kind === 'canary') {
    const remaining =
      finish === 'resume' && strategy.kind === 'canary'
        ? strategy.steps.filter((p) => p > flight.percent)
        : [];
    steps = [...canarySteps(candidate, stable, remaining, bake, gates), finalCanary(candidate, stable)];
  } else {
    steps = blueGreenTail(candidate, stable, bake, gates);
  }
  return {
    action: finish,
    environment,
    candidate,
    stable,
    steps,
    expectTraffic: current.spec.traffic ?? [],
    onFailure: [target(stable, 100, 'current')],
    onSuccess: successMarks(current, candidate, stable),
  };
}

/** Finishes a paused or in-flight canary (`candidate` tag) or blue-green (`green` tag below 100 %) now. */
export function promotePlan(
  environment: EnvironmentSpec,
  current: KnativeService,
  options: FinishOptions = {},
) {
  return finishPlan('promote', environment, current, options);
}

/** Continues a paused canary through its remaining steps and gates (a blue-green: switch, bake, gate). */
export function resumePlan(
  environment: EnvironmentSpec,
  current: KnativeService,
  options: FinishOptions = {},
) {
  return finishPlan('resume', environment, current, options);
}

/** Ends a release that is not running (paused, or left by a crashed run): back to stable, candidate marked failed. */
export function abortPlan(environment: EnvironmentSpec, current: KnativeService): Plan {
  const flight = inFlight(current);
  if (!flight)
    return { action: 'abort', environment, steps: [], noop: 'no candidate waiting: nothing to abort' };
  return {
    action: 'abort',
    environment,
    candidate: flight.candidate,
    stable: flight.stable,
    expectTraffic: current.spec.traffic ?? [],
    steps: [
      {
        kind: 'traffic',
        description: `send all traffic back to ${flight.stable}, drop ${flight.candidate}`,
        traffic: [target(flight.stable, 100, 'current')],
      },
    ],
    onSuccess: {
      [ANNOTATIONS.failedRevision]: flight.candidate,
      [ANNOTATIONS.failedReason]: 'aborted by an operator',
      [ANNOTATIONS.release]: null,
    },
  };
}

/**
 * Sends all traffic to `to`, or to the revision the last rollout replaced (tag `stable`, `blue` or
 * `previous`, then the `previous-revision` annotation), in one write. Only that revision stays in the
 * traffic; the one it replaces is recorded as previous, so the rollback itself can be undone the same way.
 */
export function rollbackPlan(environment: EnvironmentSpec, current: KnativeService, to?: string): Plan {
  const traffic = current.spec.traffic ?? [];
  const fallback =
    ['stable', 'blue', 'previous']
      .map((tag) => tagged(current, tag))
      .find((t) => t?.revisionName && (t.percent ?? 0) < 100)?.revisionName ?? previousRevision(current);
  const chosen = to ?? fallback;
  if (!chosen) {
    return {
      action: 'rollback',
      environment,
      steps: [],
      noop: 'no previous revision recorded; name one with --to',
    };
  }
  const serving = traffic.find((t) => t.percent === 100)?.revisionName;
  if (serving === chosen && traffic.length === 1)
    return {
      action: 'rollback',
      environment,
      candidate: chosen,
      steps: [],
      noop: `${chosen} already serves all traffic`,
    };
  return {
    action: 'rollback',
    environment,
    candidate: chosen,
    stable: serving,
    expectTraffic: traffic,
    steps: [
      {
        kind: 'traffic',
        description: `send all traffic back to ${chosen}`,
        traffic: [target(chosen, 100, 'current')],
      },
    ],
    onSuccess: {
      ...(serving && serving !== chosen ? { [ANNOTATIONS.previousRevision]: serving } : {}),
      [ANNOTATIONS.release]: null,
    },
  };
}
