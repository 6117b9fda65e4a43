/**
 * @module delivery/rollout-state
 * What the traffic engine records on the Knative Service itself, as annotations, so every operator and
 * every CI job sees the same state:
 * - `lease`: who is rolling out now (holder, renewal time, duration). Taken and released with the same
 *   resourceVersion-checked replace as every other write, so of two concurrent rollouts exactly one gets it.
 * - `control`: an operator's `pause` or `abort`, honoured by the running engine before its next step and
 *   during bakes and analysis.
 * - `failed-revision` / `failed-reason`: the candidate a gate (or a step) rejected; `promote` and `resume`
 *   refuse it unless `--force`.
 * - `previous-revision`: the revision a finished release replaced; it leaves the traffic block (so it is
 *   not routable and scales to zero) and `rollback` finds it here.
 * - `release`: the running release's strategy and gate setting, so `promote`/`resume` finish it the same way.
 * - `schema-heads`: per revision, the newest migration its release applied, so `rollback --with-schema`
 *   knows how many migrations to take back.
 */
import { z } from 'zod';
import type { KnativeService } from './knative-types.ts';

const PREFIX = 'rollout.shopyverse.dev';
export const ANNOTATIONS = {
  lease: `${PREFIX}/lease`,
  control: `${PREFIX}/control`,
  failedRevision: `${PREFIX}/failed-revision`,
  failedReason: `${PREFIX}/failed-reason`,
  previousRevision: `${PREFIX}/previous-revision`,
  release: `${PREFIX}/release`,
  schemaHeads: `${PREFIX}/schema-heads`,
} as const;

const leaseSchema = z.object({
  holder: z.string().min(1),
  /** Milliseconds since the epoch, from the holder's clock. */
  renewTime: z.number(),
  leaseSeconds: z.number().positive(),
  action: z.string(),
});
export type Lease = z.infer<typeof leaseSchema>;

const strategySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rolling') }),
  z.object({
    kind: z.literal('canary'),
    steps: z.array(z.number().int().min(1).max(99)),
    bakeSeconds: z.number().min(0),
  }),
  z.object({ kind: z.literal('blue-green'), bakeSeconds: z.number().min(0) }),
]);

const releaseSchema = z.object({
  candidate: z.string(),
  stable: z.string(),
  strategy: strategySchema,
  gates: z.boolean(),
});
export type ReleaseRecord = z.infer<typeof releaseSchema>;

export type Control = 'pause' | 'abort';

const annotations = (service: KnativeService) => service.metadata.annotations ?? {};

function parseJson<T>(schema: z.ZodType<T>, text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function readLease(service: KnativeService): Lease | undefined {
  return parseJson(leaseSchema, annotations(service)[ANNOTATIONS.lease]);
}

/** A lease counts until its holder has failed to renew it for `leaseSeconds` (a crashed run frees it). */
export function leaseHeld(lease: Lease | undefined, now: number): lease is Lease {
  return lease !== undefined && now < lease.renewTime + lease.leaseSeconds * 1000;
}

export function readRelease(service: KnativeService): ReleaseRecord | undefined {
  return parseJson(releaseSchema, annotations(service)[ANNOTATIONS.release]);
}

export function readControl(service: KnativeService): Control | undefined {
  const value = annotations(service)[ANNOTATIONS.control];
  return value === 'pause' || value === 'abort' ? value : undefined;
}

export function failedRevision(service: KnativeService): { revision: string; reason: string } | undefined {
  const revision = annotations(service)[ANNOTATIONS.failedRevision];
  return revision ? { revision, reason: annotations(service)[ANNOTATIONS.failedReason] ?? '' } : undefined;
}

export function previousRevision(service: KnativeService): string | undefined {
  return annotations(service)[ANNOTATIONS.previousRevision] || undefined;
}

/** Sets (string) or removes (null) annotations on a Service about to be written. */
export function annotate(service: KnativeService, changes: Record<string, string | null>): void {
  const next = { ...service.metadata.annotations };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  service.metadata.annotations = next;
}

const headsSchema = z.record(z.string(), z.string());

/** Revision → newest migration tag its release applied. */
export function readSchemaHeads(service: KnativeService): Record<string, string> {
  return parseJson(headsSchema, annotations(service)[ANNOTATIONS.schemaHeads]) ?? {};
}

/** The annotation value with `revision` at `head`, keeping the ten most recent revisions. */
export function withSchemaHead(service: KnativeService, revision: string, head: string): string {
  const { [revision]: _old, ...rest } = readSchemaHeads(service);
  const entries = [...Object.entries(rest), [revision, head]].slice(-10);
  return JSON.stringify(Object.fromEntries(entries));
}
