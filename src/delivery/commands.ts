/**
 * @module delivery/commands
 * `--dry-run`: a plan printed as the commands an operator would type to do each step by hand, with `kn`
 * and, where kn has no equivalent, `kubectl`/`curl`. Each traffic write is given both ways: the `kn
 * service update` line and the equivalent `kubectl patch` (a JSON merge patch replaces the whole traffic
 * list, exactly what the engine writes).
 */
import { SERVICE_NAME } from './environments.ts';
import { DEFAULT_GATE_QUERIES, type GateQueries, renderQuery } from './gates.ts';
import type { TrafficTarget } from './knative-types.ts';
import type { Plan, Step } from './plan.ts';

/** Quotes for a POSIX shell: single quotes, with embedded ones closed and escaped. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'"'"'`)}'`;
}

function knTraffic(namespace: string, traffic: TrafficTarget[], currentTags: string[], extra: string[] = []) {
  const args = ['kn', 'service', 'update', SERVICE_NAME, '--namespace', namespace, ...extra];
  // Tags that will be set again are untagged first, so kn never refuses a tag held by another revision.
  for (const tag of currentTags) args.push('--untag', tag);
  for (const t of traffic) args.push('--traffic', `${t.revisionName}=${t.percent ?? 0}`);
  for (const t of traffic) if (t.tag) args.push('--tag', `${t.revisionName}=${t.tag}`);
  return args.map(shellQuote).join(' ');
}

function kubectlPatch(namespace: string, patch: unknown): string {
  return [
    'kubectl',
    'patch',
    'ksvc',
    SERVICE_NAME,
    '--namespace',
    namespace,
    '--type',
    'merge',
    '-p',
    JSON.stringify(patch),
  ]
    .map(shellQuote)
    .join(' ');
}

function waitCommands(namespace: string, timeoutSeconds: number, revision?: string): string[] {
  const lines: string[] = [];
  const base = `kubectl wait ksvc/${SERVICE_NAME} --namespace ${namespace} --timeout=${timeoutSeconds}s`;
  if (revision) lines.push(`${base} --for=jsonpath='{.status.latestReadyRevisionName}'=${revision}`);
  lines.push(`${base} --for=condition=Ready`);
  return lines;
}

export interface DryRunOptions {
  /** Tags in the Service's traffic now; they are untagged before being set again. */
  currentTags: string[];
  queries?: GateQueries;
}

function stepCommands(plan: Plan, step: Step, options: DryRunOptions, tags: string[]): string[] {
  const env = plan.environment;
  const ns = env.namespace;
  switch (step.kind) {
    case 'release': {
      const extra = [
        '--image',
        step.image,
        '--revision-name',
        step.revision,
        '--label-revision',
        `app.kubernetes.io/version=${step.version}`,
      ];
      return [
        knTraffic(ns, step.traffic, tags, extra),
        `# or: ${kubectlPatch(ns, { spec: { template: step.template, traffic: step.traffic } })}`,
        ...waitCommands(ns, env.readyTimeoutSeconds, step.revision),
      ];
    }
    case 'traffic':
      return [
        knTraffic(ns, step.traffic, tags),
        `# or: ${kubectlPatch(ns, { spec: { traffic: step.traffic } })}`,
        ...waitCommands(ns, env.readyTimeoutSeconds),
      ];
    case 'bake':
      return [`sleep ${step.seconds}`];
    case 'gate': {
      const queries = options.queries ?? DEFAULT_GATE_QUERIES;
      const g = env.gates;
      const lines = [
        `# pass when: requests >= ${g.minRequests}, 5xx ratio <= ${g.maxErrorRatio} and <= stable + ${g.maxErrorRatioIncrease}, ` +
          `P95 <= ${g.maxP95Seconds}s and <= ${g.maxP95Ratio}x stable; no data → ${g.noData}`,
        `# analysis: ${env.analysis.checks} check(s) ${env.analysis.intervalSeconds} s apart (run the queries again after each sleep); ` +
          `the step fails as soon as ${env.analysis.failureThreshold} check(s) failed`,
      ];
      for (const revision of [step.candidate, step.stable].filter((r): r is string => Boolean(r))) {
        for (const [name, template] of Object.entries(queries)) {
          const query = renderQuery(template, { namespace: ns, revision, interval: g.interval });
          lines.push(
            `curl -sG "$PROMETHEUS_URL/api/v1/query" --data-urlencode ${shellQuote(`query=${query}`)}  # ${name}, ${revision}`,
          );
        }
      }
      lines.push(`# on failure: ${knTraffic(ns, plan.onFailure ?? [], tags)}`);
      return lines;
    }
    case 'smoke':
      return [
        `npm run smoke -- "$(kubectl get ksvc ${SERVICE_NAME} --namespace ${ns} -o jsonpath='{.status.traffic[?(@.tag=="${step.tag}")].url}')"`,
      ];
    case 'approval':
      return [`# stop here; when satisfied: ${step.resume}`];
    case 'schema': {
      return [
        `JOB=$(printf '%s' ${shellQuote(JSON.stringify(step.job))} | kubectl create --namespace ${ns} -o name -f -)`,
        `kubectl wait "$JOB" --namespace ${ns} --for=condition=complete --timeout=${env.readyTimeoutSeconds}s`,
      ];
    }
  }
}

/** The dry runs committed in docs/dry-run/, one per strategy, from a fixed serving revision. */
export const DOCUMENTED_DRY_RUNS: Record<string, string[]> = {
  'dev-deploy.txt': [
    'deploy',
    '--env',
    'dev',
    '--image',
    'ghcr.io/shopyverse/chatbot:0.2.0',
    '--stable',
    'chatbot-service-0-1-0',
  ],
  'staging-canary.txt': [
    'canary',
    '--env',
    'staging',
    '--image',
    'ghcr.io/shopyverse/chatbot:0.2.0',
    '--stable',
    'chatbot-service-0-1-0',
  ],
  'prod-blue-green.txt': [
    'blue-green',
    '--env',
    'prod',
    '--image',
    'ghcr.io/shopyverse/chatbot:1.0.0',
    '--stable',
    'chatbot-service-0-9-0',
  ],
  'prod-rollback.txt': [
    'rollback',
    '--env',
    'prod',
    '--stable',
    'chatbot-service-1-0-0',
    '--to',
    'chatbot-service-0-9-0',
  ],
};

/** The plan as numbered steps, each with its commands. */
export function formatDryRun(plan: Plan, options: DryRunOptions): string {
  const env = plan.environment;
  const head =
    `# ${plan.action} in ${env.name} (namespace ${env.namespace})` +
    (plan.candidate ? `: ${plan.stable ? `${plan.stable} → ` : ''}${plan.candidate}` : '');
  if (plan.noop) return `${head}\n# nothing to do: ${plan.noop}\n`;
  if (plan.refused) return `${head}\n# refused: ${plan.refused}\n`;
  const lines = [head];
  let tags = options.currentTags;
  for (const [i, step] of plan.steps.entries()) {
    lines.push('', `# ${i + 1}. ${step.description}`, ...stepCommands(plan, step, options, tags));
    if (step.kind === 'release' || step.kind === 'traffic')
      tags = step.traffic.flatMap((t) => (t.tag ? [t.tag] : []));
  }
  return `${lines.join('\n')}\n`;
}
