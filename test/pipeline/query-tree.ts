/**
 * Reads the lazily built Dagger query behind a Container, Directory, File or Service without an engine:
 * every SDK object keeps the chain of API calls that would produce it (`_ctx._queryTree`). Objects passed
 * as arguments (a bound service, a mounted directory) are expanded the same way. Tied to the pinned SDK.
 */
export interface Call {
  operation: string;
  args: Record<string, unknown>;
}

interface Lazy {
  _ctx: { _queryTree: Array<{ operation: string; args?: Record<string, unknown> }> };
}

const isLazy = (value: unknown): value is Lazy =>
  typeof value === 'object' &&
  value !== null &&
  '_ctx' in value &&
  Array.isArray((value as Lazy)._ctx?._queryTree);

function plain(value: unknown): unknown {
  if (isLazy(value)) return queryOf(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export function queryOf(object: unknown): Call[] {
  if (!isLazy(object)) throw new Error('not a lazily built Dagger object');
  return object._ctx._queryTree.map((q) => ({
    operation: q.operation,
    args: plain(q.args ?? {}) as Record<string, unknown>,
  }));
}

export const calls = (query: Call[], operation: string) => query.filter((c) => c.operation === operation);

/** The last call of that operation, whose setting wins (e.g. the final `withUser`). */
export const lastCall = (query: Call[], operation: string) => calls(query, operation).at(-1);

/** Every exec's argument list. */
export const execs = (query: Call[]) => calls(query, 'withExec').map((c) => c.args.args as string[]);

/** Environment variables set by the query, the last value of each. */
export const envOf = (query: Call[]) =>
  Object.fromEntries(
    calls(query, 'withEnvVariable').map((c) => [c.args.name as string, c.args.value as string]),
  );
