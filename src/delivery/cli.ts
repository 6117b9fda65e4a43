/**
 * @module delivery/cli
 * The operator CLI: `npm run rollout -- <command> [flags]` (and `npm run smoke -- <url>`). Composition root
 * of the traffic engine: reads the operator config, builds the Kubernetes client, Prometheus client and
 * smoke test, and runs or prints a plan. Exit codes: 0 done (or paused for approval), 1 failed or rolled
 * back, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run.ts';
import { loadDeliveryConfig } from '../config/delivery.ts';
import { readMigrations } from '../db/migrations.ts';
import { KubernetesServingApi, type ServingApi } from './cluster.ts';
import { formatDryRun } from './commands.ts';
import { RolloutEngine, type RolloutResult } from './engine.ts';
import { environment, SERVICE_NAME, type Strategy, versionOfImage } from './environments.ts';
import { PrometheusClient } from './gates.ts';
import type { KnativeService } from './knative-types.ts';
import { knativeService, revisionTemplate, schemaJob } from './manifests.ts';
import { abortPlan, type Plan, promotePlan, releasePlan, resumePlan, rollbackPlan } from './plan.ts';
import { ANNOTATIONS, annotate, leaseHeld, readLease, readSchemaHeads } from './rollout-state.ts';
import { formatSmoke, smokeTest } from './smoke.ts';
import { formatStatus } from './status.ts';

export const USAGE = `usage: npm run rollout -- <command> --env <dev|staging|prod> [flags]

commands:
  release     --image <ref>   the environment's own strategy (dev rolling, staging canary, prod blue-green)
  deploy      --image <ref>   rolling: the new revision takes all traffic once ready
  canary      --image <ref>   traffic in steps (staging: 10 → 50 → 100) with a metric gate after each
  blue-green  --image <ref>   new revision at 0 % tagged green, smoke test on its URL, switch, gate
  promote     [--force]       finish a paused canary now, or switch a blue-green (then bake, gate, and
                              roll back on a breach); refuses a candidate that failed unless --force
  resume      [--force]       continue a paused canary through its remaining steps and gates
  pause                       ask the running rollout to stop before its next step (traffic stays)
  abort                       ask the running rollout to roll back now; with none running, put a paused
                              release back on its stable revision; the candidate is marked failed
  rollback    [--to <rev>]    all traffic back to the previous (or named) revision, in one write;
              [--with-schema] then the schema back to that revision's, with a Job from the image left
  status                      the Service's revisions, traffic, tags and conditions
  smoke <url>                 health, readiness and one chat turn against a running service

flags:
  --version <v>     version for the revision name (default: the image tag)
  --approval manual pause before the final switch until \`promote\`
  --skip-gates      no metric gates (an operator's override; gates need PROMETHEUS_URL)
  --dry-run         print the kn/kubectl commands of each step instead of running them
  --stable <rev>    with --dry-run: the revision serving now, when the cluster is not reachable
  --timeout <s>     how long to wait for a revision or a traffic change
  --force           promote/resume a candidate recorded as failed
  --skip-migrations release without the schema step (a Job running the image's migrations first)

environment: KUBECONFIG (or ~/.kube/config), KUBE_CONTEXT, PROMETHEUS_URL, CHATBOT_API_KEY (smoke)`;

const STRATEGY_COMMANDS = ['release', 'deploy', 'canary', 'blue-green'] as const;

export function strategyFor(command: string, envStrategy: Strategy): Strategy {
  if (command === 'release') return envStrategy;
  if (command === 'deploy') return { kind: 'rolling' };
  const bake = envStrategy.kind === 'rolling' ? 180 : envStrategy.bakeSeconds;
  if (command === 'canary')
    return envStrategy.kind === 'canary'
      ? envStrategy
      : { kind: 'canary', steps: [10, 50], bakeSeconds: bake };
  return envStrategy.kind === 'blue-green' ? envStrategy : { kind: 'blue-green', bakeSeconds: bake };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      image: { type: 'string' },
      version: { type: 'string' },
      to: { type: 'string' },
      approval: { type: 'string', default: 'auto' },
      'skip-gates': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      stable: { type: 'string' },
      timeout: { type: 'string' },
      force: { type: 'boolean', default: false },
      'skip-migrations': { type: 'boolean', default: false },
      'with-schema': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
}

class UsageError extends Error {
  override name = 'UsageError';
}

/** A stand-in for the live Service when a dry run names the serving revision itself. */
/** The commands an operator runs by hand to see what `status` shows. */
function statusCommands(namespace: string): string[] {
  return [
    `kn service describe ${SERVICE_NAME} -n ${namespace}`,
    `kubectl get ksvc ${SERVICE_NAME} -n ${namespace} -o jsonpath='{.status.traffic}'`,
    `kubectl get revisions -n ${namespace} -l serving.knative.dev/service=${SERVICE_NAME}`,
    `kubectl get ksvc ${SERVICE_NAME} -n ${namespace} -o jsonpath='{.metadata.annotations}'`,
  ];
}

function offlineService(env: ReturnType<typeof environment>, stable: string): KnativeService {
  const service = knativeService(env, { image: 'unknown', version: stable.replace(/^chatbot-service-/, '') });
  service.spec.traffic = [{ revisionName: stable, percent: 100, tag: 'current' }];
  return service;
}

/**
 * Adds the schema half to a traffic rollback: after the traffic is back on the older revision, a Job from
 * the image being left (the only one that has the newer migrations' down files) runs `rollback --steps N`,
 * N being how far apart the two revisions' recorded schema heads are in this checkout's journal.
 */
async function withSchemaRollback(
  plan: Plan,
  service: KnativeService,
  journal: string[],
  api?: ServingApi,
): Promise<Plan> {
  const left = plan.stable;
  const target = plan.candidate;
  if (!api || !left || !target)
    throw new UsageError('--with-schema needs a cluster and a revision serving all traffic');
  const heads = readSchemaHeads(service);
  const [from, to] = [heads[left], heads[target]];
  if (!from || !to)
    throw new UsageError(
      `no schema head recorded for ${from ? target : left}; roll the schema back by hand (docs/operations.md)`,
    );
  if (from === to) return plan;
  const [i, j] = [journal.indexOf(from), journal.indexOf(to)];
  if (i < 0 || j < 0)
    throw new UsageError(
      `this checkout does not know migration ${i < 0 ? from : to}: check out the release of ${left}`,
    );
  if (i < j)
    throw new UsageError(
      `${target}'s schema (${to}) is newer than ${left}'s (${from}): nothing to take back`,
    );
  const revision = await api.getRevision(plan.environment.namespace, left);
  const image = (revision?.spec as { containers?: Array<{ image?: string }> } | undefined)?.containers?.[0]
    ?.image;
  if (!image) throw new UsageError(`cannot read the image of ${left}`);
  const job = schemaJob(
    plan.environment,
    { image, version: left.replace(new RegExp(`^${SERVICE_NAME}-`), '') },
    { kind: 'rollback', steps: i - j },
  );
  const taken = journal.slice(j + 1, i + 1).join(', ');
  return {
    ...plan,
    steps: [
      ...plan.steps,
      { kind: 'schema', description: `take back ${i - j} migration(s) (${taken}) with ${left}'s image`, job },
    ],
  };
}

export async function main(
  argv: string[],
  out: (line: string) => void,
  env: Record<string, string | undefined>,
  connect: (context?: string) => ServingApi = KubernetesServingApi.fromDefault,
  /** The migration tags of this checkout, oldest first (the drizzle journal). */
  journal: () => string[] = () => readMigrations().map((m) => m.tag),
) {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadDeliveryConfig(env);
  if (command === 'smoke') {
    const url = rest[0];
    if (!url) throw new UsageError('smoke needs a URL');
    const result = await smokeTest(url, { apiKey: config.apiKey });
    out(formatSmoke(url, result));
    return result.ok ? 0 : 1;
  }
  if (!values.env) throw new UsageError('--env is required');
  const spec = environment(values.env);
  if (values.approval !== 'auto' && values.approval !== 'manual')
    throw new UsageError('--approval is auto or manual');
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError('--timeout is a number of seconds');

  // `status --dry-run` shows how to look by hand, and needs no cluster.
  if (command === 'status' && values['dry-run']) {
    out(statusCommands(spec.namespace).join('\n'));
    return 0;
  }
  const offlineStable = values['dry-run'] ? values.stable : undefined;
  const api = offlineStable ? undefined : connect(config.kubeContext);
  // Read once, after the flags are known to be valid, so every part of a plan sees the same Service.
  let read: Promise<KnativeService> | undefined;
  const current = () => {
    read ??= api
      ? api.getService(spec.namespace, SERVICE_NAME).catch((error: unknown) => {
          if (!values['dry-run']) throw error;
          // A dry run plans from what serves now; without the cluster it must be told.
          throw new UsageError(
            `--dry-run could not read the Service from the cluster (${(error as Error).message}); without cluster access, give the revision serving now: --stable <revision>, e.g. --stable ${SERVICE_NAME}-1-2-0`,
          );
        })
      : Promise.resolve(offlineService(spec, offlineStable ?? ''));
    return read;
  };

  let plan: Plan;
  if ((STRATEGY_COMMANDS as readonly string[]).includes(command)) {
    if (!values.image) throw new UsageError(`${command} needs --image`);
    const version = values.version ?? versionOfImage(values.image);
    const release = { image: values.image, version };
    // The newest migration of this checkout: CD runs the CLI from the commit the image was built from.
    const head = journal().at(-1);
    plan = releasePlan({
      environment: spec,
      current: await current(),
      template: revisionTemplate(spec, { image: values.image, version }),
      image: values.image,
      version,
      strategy: strategyFor(command, spec.strategy),
      approval: values.approval,
      gates: !values['skip-gates'],
      schema: values['skip-migrations']
        ? undefined
        : { job: schemaJob(spec, release, { kind: 'migrate' }), head },
    });
  } else if (command === 'promote' || command === 'resume') {
    const finish = command === 'promote' ? promotePlan : resumePlan;
    plan = finish(spec, await current(), { force: values.force, gates: !values['skip-gates'] });
  } else if (command === 'pause' || command === 'abort') {
    if (!api) throw new UsageError(`${command} needs a cluster`);
    const service = await current();
    if (leaseHeld(readLease(service), Date.now())) {
      // The running engine reads this before its next step and during bakes and analysis.
      service.metadata.annotations = { ...service.metadata.annotations };
      annotate(service, { [ANNOTATIONS.control]: command });
      delete service.status;
      await api.replaceService(service);
      out(
        `${command} requested: the running rollout (${readLease(service)?.holder}) ${command === 'pause' ? 'stops before its next step' : 'rolls back before its next step'}`,
      );
      return 0;
    }
    if (command === 'pause') {
      out('noop: no rollout is running; nothing to pause');
      return 0;
    }
    plan = abortPlan(spec, service);
  } else if (command === 'rollback') {
    plan = rollbackPlan(spec, await current(), values.to);
    if (values['with-schema'] && !plan.noop)
      plan = await withSchemaRollback(plan, await current(), journal(), api);
  } else if (command === 'status') {
    if (!api) throw new UsageError('status needs a cluster');
    out(formatStatus(await current(), await api.listRevisions(spec.namespace, SERVICE_NAME)));
    return 0;
  } else {
    throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }

  if (values['dry-run']) {
    const currentTags = ((await current()).spec.traffic ?? []).flatMap((t) => (t.tag ? [t.tag] : []));
    out(formatDryRun(plan, { currentTags }).trimEnd());
    return 0;
  }
  if (!api) throw new UsageError('--stable is for --dry-run only');
  const engine = new RolloutEngine({
    api,
    prometheus: config.prometheusUrl ? new PrometheusClient(config.prometheusUrl) : undefined,
    smoke: (url) => smokeTest(url, { apiKey: config.apiKey }),
    log: out,
    readyTimeoutSeconds: timeout,
    load: async (url) => (await smokeTest(url, { apiKey: config.apiKey })).ok,
  });
  const result: RolloutResult = await engine.run(plan);
  out(`${result.outcome}: ${result.message}`);
  return result.outcome === 'completed' || result.outcome === 'paused' || result.outcome === 'noop' ? 0 : 1;
}

if (import.meta.main) {
  await runCli(async (out) => {
    try {
      return await main(process.argv.slice(2), out, process.env);
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n`);
        return 2;
      }
      throw error;
    }
  });
}
