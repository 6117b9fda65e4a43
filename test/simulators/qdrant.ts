/**
 * @module test/simulators/qdrant
 * A local SIMULATOR of the parts of Qdrant's REST API the adapter uses (collections, payload indexes, upsert,
 * the Query API with prefetch + RRF fusion and payload filters), for tests only: no Qdrant server can run here.
 * Scoring is simplified (cosine for dense, dot product for sparse, no IDF); request shapes are what it checks.
 */
import { serveOnLoopback } from './serve.ts';

interface Point {
  id: number;
  vector: { dense: number[]; lexical: { indices: number[]; values: number[] } };
  payload: Record<string, unknown>;
}
interface Condition {
  key: string;
  match?: { value?: unknown; any?: unknown[] };
  range?: { gte?: number; lte?: number };
}
interface Prefetch {
  query: number[] | { indices: number[]; values: number[] };
  using: string;
  limit: number;
  filter?: { must: Condition[] };
}

export interface QdrantSimulator {
  url: string;
  collections: Map<
    string,
    { config: Record<string, unknown>; indexes: Record<string, unknown>; points: Point[] }
  >;
  log: { method: string; path: string; body: Record<string, unknown> }[];
  /** When set, every request is logged and answered 503, as an overloaded or restarting server would. */
  unavailable: boolean;
  close(): Promise<void>;
}

const passes = (payload: Record<string, unknown>, filter?: { must: Condition[] }) =>
  (filter?.must ?? []).every((c) => {
    const v = payload[c.key];
    if (c.match?.any) return c.match.any.includes(v);
    if (c.match && 'value' in c.match) return v === c.match.value;
    if (c.range)
      return (
        typeof v === 'number' &&
        (c.range.gte === undefined || v >= c.range.gte) &&
        (c.range.lte === undefined || v <= c.range.lte)
      );
    return true;
  });

function score(point: Point, prefetch: Prefetch): number {
  if (Array.isArray(prefetch.query)) {
    const q = prefetch.query;
    return point.vector.dense.reduce((s, x, i) => s + x * (q[i] ?? 0), 0);
  }
  const { indices, values } = prefetch.query;
  const own = new Map(point.vector.lexical.indices.map((i, k) => [i, point.vector.lexical.values[k] ?? 0]));
  return indices.reduce((s, i, k) => s + (own.get(i) ?? 0) * (values[k] ?? 0), 0);
}

export async function startQdrantSimulator(): Promise<QdrantSimulator> {
  const sim: QdrantSimulator = {
    url: '',
    collections: new Map(),
    log: [],
    unavailable: false,
    close: async () => {},
  };
  const ok = (res: import('node:http').ServerResponse, result: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        status === 200 ? { result, status: 'ok', time: 0 } : { status: { error: result }, time: 0 },
      ),
    );
  };
  const served = await serveOnLoopback((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : {};
      const path = (req.url ?? '').split('?')[0] ?? '';
      sim.log.push({ method: req.method ?? '', path, body });
      if (sim.unavailable) return ok(res, 'service unavailable', 503);
      const m = path.match(/^\/collections\/([^/]+)(\/.*)?$/);
      const name = decodeURIComponent(m?.[1] ?? '');
      const rest = m?.[2] ?? '';
      const collection = sim.collections.get(name);
      if (req.method === 'PUT' && rest === '') {
        sim.collections.set(name, { config: body, indexes: {}, points: [] });
        return ok(res, true);
      }
      if (req.method === 'GET' && rest === '/exists') return ok(res, { exists: collection !== undefined });
      if (!collection) return ok(res, `Collection ${name} not found`, 404);
      if (req.method === 'DELETE' && rest === '') {
        sim.collections.delete(name);
        return ok(res, true);
      }
      if (req.method === 'PUT' && rest === '/index') {
        collection.indexes[body.field_name] = body.field_schema;
        return ok(res, { operation_id: 1, status: 'completed' });
      }
      if (req.method === 'PUT' && rest === '/points') {
        for (const p of body.points as Point[]) {
          collection.points = collection.points.filter((q) => q.id !== p.id);
          collection.points.push(p);
        }
        return ok(res, { operation_id: 2, status: 'completed' });
      }
      if (req.method === 'POST' && rest === '/points/query') {
        const fused = new Map<number, number>();
        for (const prefetch of body.prefetch as Prefetch[]) {
          collection.points
            .filter((p) => passes(p.payload, prefetch.filter))
            .map((p) => ({ p, s: score(p, prefetch) }))
            .filter((x) => Array.isArray(prefetch.query) || x.s > 0)
            .sort((a, b) => b.s - a.s)
            .slice(0, prefetch.limit)
            .forEach((x, rank) => {
              fused.set(x.p.id, (fused.get(x.p.id) ?? 0) + 1 / (60 + rank + 1));
            });
        }
        const points = [...fused]
          .map(([id, s]) => ({ point: collection.points.find((p) => p.id === id) as Point, s }))
          .filter((x) => passes(x.point.payload, body.filter))
          .sort((a, b) => b.s - a.s)
          .slice(0, body.limit ?? 10)
          .map((x) => ({
            id: x.point.id,
            version: 0,
            score: x.s,
            payload: body.with_payload ? x.point.payload : null,
          }));
        return ok(res, { points });
      }
      return ok(res, `unsupported ${req.method} ${path}`, 404);
    });
  });
  sim.url = served.url;
  sim.close = served.close;
  return sim;
}
