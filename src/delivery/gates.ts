/**
 * @module delivery/gates
 * Metric gates between rollout steps: PromQL on the candidate revision's 5xx share and P95 latency, judged
 * against fixed thresholds and against the stable revision, after a minimum number of requests, with an
 * explicit policy for no data. Queries are templates over `{{namespace}}`, `{{revision}}` and
 * `{{interval}}`; the defaults read the service's own metrics.
 */
import { z } from 'zod';
import type { GateThresholds } from './environments.ts';

export interface GateQueries {
  requests: string;
  errorRatio: string;
  p95Seconds: string;
}

const selector = 'namespace="{{namespace}}",revision="{{revision}}"';

/**
 * How much a counter grew in the window, per series, summed. Not `increase()`: Prometheus ignores the first
 * sample of a new series, and a new revision's series are all new — its first 5xx answers would vanish
 * from `increase()` exactly when a gate needs them. A series absent one window ago counts in full (a new
 * revision's counters start at zero with its pods); `clamp_min` keeps a pod restart from going negative.
 */
function grown(series: string, by = ''): string {
  const inner = `clamp_min(${series} - ${series} offset {{interval}}, 0) or ${series}`;
  return by ? `sum by (${by}) (${inner})` : `sum(${inner})`;
}

const requests = `http_requests_total{${selector}}`;
export const DEFAULT_GATE_QUERIES: GateQueries = {
  requests: grown(requests),
  // `or vector(0)`: a revision with no 5xx has no 5xx series at all, which is a ratio of 0, not missing data.
  errorRatio: `(${grown(`http_requests_total{${selector},status=~"5.."}`)} or vector(0)) / ${grown(requests)}`,
  p95Seconds: `histogram_quantile(0.95, ${grown(`http_request_duration_seconds_bucket{${selector}}`, 'le')})`,
};

export function renderQuery(
  template: string,
  vars: { namespace: string; revision: string; interval: string },
) {
  const safe = (value: string, name: string) => {
    // Values land inside PromQL string literals and a range selector: refuse anything that could escape them.
    if (!/^[A-Za-z0-9._:-]+$/.test(value))
      throw new Error(`gate ${name} "${value}" has characters PromQL would misread`);
    return value;
  };
  return template
    .replaceAll('{{namespace}}', safe(vars.namespace, 'namespace'))
    .replaceAll('{{revision}}', safe(vars.revision, 'revision'))
    .replaceAll('{{interval}}', safe(vars.interval, 'interval'));
}

const queryResponse = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.string(),
    result: z.array(
      z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) }),
    ),
  }),
});

/** Where gate numbers come from: one instant query, one number (or undefined for an empty result). */
export interface MetricsSource {
  scalar(query: string): Promise<number | undefined>;
}

/** Prometheus's HTTP query API: one instant query, one number (or undefined for an empty result). */
export class PrometheusClient implements MetricsSource {
  readonly #base: string;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, timeoutMs = 10_000) {
    this.#base = baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = timeoutMs;
  }

  async scalar(query: string): Promise<number | undefined> {
    const url = `${this.#base}/api/v1/query?${new URLSearchParams({ query })}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(this.#timeoutMs) });
    const body = await response.json().catch(() => undefined);
    if (!response.ok) {
      const detail = (body as { error?: string } | undefined)?.error ?? response.statusText;
      throw new Error(`Prometheus answered ${response.status} to ${query}: ${detail}`);
    }
    const parsed = queryResponse.parse(body);
    if (parsed.data.result.length > 1)
      throw new Error(`expected one series from ${query}, got ${parsed.data.result.length}`);
    const value = parsed.data.result[0]?.value[1];
    return value === undefined ? undefined : Number(value);
  }
}

export interface RevisionMeasurement {
  revision: string;
  requests: number | undefined;
  errorRatio: number | undefined;
  p95Seconds: number | undefined;
}

export interface GateVerdict {
  passed: boolean;
  /** True when the verdict came from the no-data policy rather than from measurements. */
  noData: boolean;
  reasons: string[];
  candidate: RevisionMeasurement;
  stable?: RevisionMeasurement;
}

export interface GateInput {
  namespace: string;
  candidate: string;
  /** The revision the candidate is compared against; omitted for absolute thresholds only. */
  stable?: string;
  thresholds: GateThresholds;
  queries?: GateQueries;
}

const finite = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);
const pct = (n: number) => `${(n * 100).toFixed(2)} %`;

async function measure(prometheus: MetricsSource, input: GateInput, revision: string) {
  const queries = input.queries ?? DEFAULT_GATE_QUERIES;
  const vars = { namespace: input.namespace, revision, interval: input.thresholds.interval };
  const [requests, errorRatio, p95Seconds] = await Promise.all([
    prometheus.scalar(renderQuery(queries.requests, vars)),
    prometheus.scalar(renderQuery(queries.errorRatio, vars)),
    prometheus.scalar(renderQuery(queries.p95Seconds, vars)),
  ]);
  return { revision, requests, errorRatio, p95Seconds } satisfies RevisionMeasurement;
}

/** Judges measurements already taken (pure, so each rule is tested on its own). */
export function judge(
  thresholds: GateThresholds,
  candidate: RevisionMeasurement,
  stable?: RevisionMeasurement,
): GateVerdict {
  const reasons: string[] = [];
  const served = finite(candidate.requests) ? Math.round(candidate.requests) : 0;
  if (served < thresholds.minRequests || !finite(candidate.errorRatio) || !finite(candidate.p95Seconds)) {
    const why = `no data: ${candidate.revision} served ${served} request(s) in ${thresholds.interval} (need ${thresholds.minRequests})`;
    const passed = thresholds.noData === 'pass';
    return {
      passed,
      noData: true,
      reasons: [`${why}; no-data policy is ${thresholds.noData}`],
      candidate,
      stable,
    };
  }
  if (candidate.errorRatio > thresholds.maxErrorRatio) {
    reasons.push(`5xx ratio ${pct(candidate.errorRatio)} is above ${pct(thresholds.maxErrorRatio)}`);
  }
  if (candidate.p95Seconds > thresholds.maxP95Seconds) {
    reasons.push(`P95 ${candidate.p95Seconds.toFixed(3)} s is above ${thresholds.maxP95Seconds} s`);
  }
  // The comparison needs the stable revision to have served enough to be a baseline itself.
  const baseline =
    stable && finite(stable.requests) && stable.requests >= thresholds.minRequests ? stable : undefined;
  if (baseline && finite(baseline.errorRatio)) {
    const limit = baseline.errorRatio + thresholds.maxErrorRatioIncrease;
    if (candidate.errorRatio > limit) {
      reasons.push(
        `5xx ratio ${pct(candidate.errorRatio)} exceeds stable ${pct(baseline.errorRatio)} by more than ${pct(thresholds.maxErrorRatioIncrease)}`,
      );
    }
  }
  if (baseline && finite(baseline.p95Seconds) && baseline.p95Seconds > 0) {
    const ratio = candidate.p95Seconds / baseline.p95Seconds;
    if (ratio > thresholds.maxP95Ratio) {
      reasons.push(`P95 is ${ratio.toFixed(2)}× the stable revision's (limit ${thresholds.maxP95Ratio}×)`);
    }
  }
  return { passed: reasons.length === 0, noData: false, reasons, candidate, stable };
}

export async function evaluateGate(prometheus: MetricsSource, input: GateInput): Promise<GateVerdict> {
  const [candidate, stable] = await Promise.all([
    measure(prometheus, input, input.candidate),
    input.stable ? measure(prometheus, input, input.stable) : Promise.resolve(undefined),
  ]);
  return judge(input.thresholds, candidate, stable);
}

export function describeMeasurement(m: RevisionMeasurement): string {
  const n = (v: number | undefined, f: (x: number) => string) => (finite(v) ? f(v) : 'n/a');
  return `${m.revision}: ${n(m.requests, (x) => x.toFixed(0))} req, 5xx ${n(m.errorRatio, pct)}, P95 ${n(m.p95Seconds, (x) => `${x.toFixed(3)} s`)}`;
}
