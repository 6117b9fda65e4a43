import { QdrantClient } from '@qdrant/js-client-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, conversation } from '../../test/chat-app.ts';
import { openTestStore } from '../../test/databases.ts';
import { type QdrantSimulator, startQdrantSimulator } from '../../test/simulators/qdrant.ts';
import type { Store } from '../db/store.ts';
import { CircuitBreaker } from '../resilience/circuit-breaker.ts';
import { Metrics } from '../telemetry/metrics.ts';
import { HashingEmbedder } from './embedder.ts';
import { localEmbedder } from './hf-embedder.ts';
import { QdrantIndex, qdrantFilter, qdrantIndexes, sparseVector } from './qdrant.ts';

const docs = [
  {
    id: 'a',
    text: 'Nimbus Tab 11 tablet with stylus',
    meta: { category: 'tablets', finalPrice: 549, inStock: true },
  },
  {
    id: 'b',
    text: 'Lumo Tab 8 small tablet for travel',
    meta: { category: 'tablets', finalPrice: 119, inStock: true },
  },
  {
    id: 'c',
    text: 'Brava espresso machine with steam wand',
    meta: { category: 'kitchen', finalPrice: 449, inStock: false },
  },
];

describe('Qdrant adapter helpers', () => {
  it('builds sorted sparse vectors and payload filters', () => {
    const v = sparseVector('tablet tablets stylus');
    expect([...v.indices].sort((a, b) => a - b)).toEqual(v.indices);
    expect(v.values.some((x) => x > 1)).toBe(true);
    expect(qdrantFilter(undefined)).toBeUndefined();
    expect(
      qdrantFilter({
        anyOf: { category: ['tablets'], brandKey: ['a', 'b'] },
        range: { finalPrice: { lte: 400 } },
      }),
    ).toEqual({
      must: [
        { key: 'category', match: { value: 'tablets' } },
        { key: 'brandKey', match: { any: ['a', 'b'] } },
        { key: 'finalPrice', range: { lte: 400 } },
      ],
    });
  });
});

describe('Qdrant adapter against the local protocol simulator', () => {
  let sim: QdrantSimulator;
  let client: QdrantClient;
  beforeAll(async () => {
    sim = await startQdrantSimulator();
    client = new QdrantClient({ url: sim.url, checkCompatibility: false });
  });
  afterAll(async () => sim?.close());

  it('creates a hybrid collection with payload indexes and queries it with RRF and filters', async () => {
    const metrics = new Metrics();
    const index = await QdrantIndex.build(client, {
      collection: 'test_catalog',
      embedder: localEmbedder(new HashingEmbedder()),
      documents: docs,
      filterFields: { category: 'keyword', finalPrice: 'float' },
      metrics,
    });
    const created = sim.log.find((l) => l.method === 'PUT' && l.path === '/collections/test_catalog');
    expect(created?.body).toEqual({
      vectors: { dense: { size: 256, distance: 'Cosine' } },
      sparse_vectors: { lexical: { modifier: 'idf' } },
    });
    expect(sim.collections.get('test_catalog')?.indexes).toEqual({
      category: 'keyword',
      finalPrice: 'float',
    });

    const hits = await index.search('tablet', {
      limit: 5,
      filter: { anyOf: { category: ['tablets'] }, range: { finalPrice: { lte: 400 } } },
    });
    expect(hits.map((h) => h.id)).toEqual(['b']);
    expect(hits[0]?.meta).toEqual(docs[1]?.meta);
    const query = sim.log.filter((l) => l.path === '/collections/test_catalog/points/query').at(-1)
      ?.body as Record<string, unknown>;
    expect(query.query).toEqual({ fusion: 'rrf' });
    expect((query.prefetch as { using: string }[]).map((p) => p.using)).toEqual(['dense', 'lexical']);
    expect(await metrics.render()).toMatch(/qdrant_search_latency_ms_count\{collection="test_catalog"\} 1/);

    await index.drop();
    expect(sim.collections.has('test_catalog')).toBe(false);
  });

  it('stops calling an unavailable Qdrant once its circuit opens, and tries again after the cooldown', async () => {
    let now = 0;
    const breaker = new CircuitBreaker({
      name: 'qdrant',
      failureThreshold: 3,
      cooldownMs: 10_000,
      now: () => now,
    });
    const metrics = new Metrics();
    metrics.trackCircuit(breaker);
    const index = await qdrantIndexes(client, { embedder: new HashingEmbedder(), breaker })('catalog', docs);
    const queries = () => sim.log.filter((l) => l.path.endsWith('/points/query')).length;
    sim.unavailable = true;
    try {
      const before = queries();
      for (let i = 0; i < 10; i++) {
        // Every answer still comes, from the in-process index.
        expect((await index.search('tablet stylus', { limit: 1 }))[0]?.id).toBe('a');
      }
      expect(queries() - before).toBe(3);
      expect(await metrics.render()).toMatch(/chatbot_circuit_breaker_state\{dependency="qdrant"\} 2/);
      now += 10_000;
      sim.unavailable = false;
      expect((await index.search('espresso', { limit: 1 }))[0]?.id).toBe('c');
      expect(queries() - before).toBe(4);
      expect(breaker.state).toBe('closed');
    } finally {
      sim.unavailable = false;
    }
  });

  it('serves the chat end to end and re-indexes into a new collection, dropping the old one', async () => {
    const store: Store = await openTestStore('pglite');
    try {
      const { app } = await buildChatApp(store, {
        indexes: qdrantIndexes(client, { embedder: new HashingEmbedder(), prefix: 'chat' }),
      });
      const names = [...sim.collections.keys()];
      expect(names.some((n) => n.startsWith('chat_catalog_'))).toBe(true);
      expect(names.some((n) => n.startsWith('chat_knowledge_'))).toBe(true);
      const chat = conversation(app);
      const tablets = await chat.say('tablets under 400 dollars');
      expect(tablets.products.length).toBeGreaterThan(0);
      for (const p of tablets.products) {
        expect(p.category).toBe('tablets');
        expect(p.finalPrice).toBeLessThanOrEqual(400);
      }
      expect((await chat.say('is there a fee if I cancel?')).sources[0]?.id).toBe(
        'cancellation#cancellation-fees',
      );
      const oldCatalog = names.find((n) => n.startsWith('chat_catalog_'));
      const res = await app.request('/v1/admin/catalog', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer agent-key-1' },
        body: JSON.stringify([
          { id: 7001, title: 'Zephyr Kite Board', category: 'water-sports', price: 420, stock: 2 },
        ]),
      });
      expect(res.status).toBe(200);
      expect(sim.collections.has(oldCatalog as string)).toBe(false);
      const kite = await conversation(app).say('do you sell a kite board?');
      expect(kite.products[0]?.title).toBe('Zephyr Kite Board');
    } finally {
      await store.close();
    }
  });
});

describe('Qdrant unavailable', () => {
  it('falls back to the in-process index when building fails, and when a search fails', async () => {
    const { FallbackIndex } = await import('./qdrant.ts');
    const { HybridIndex } = await import('./hybrid.ts');
    const dead = new QdrantClient({ url: 'http://127.0.0.1:9', checkCompatibility: false, timeout: 500 });
    const warnings: string[] = [];
    const logger = {
      warn: (_: unknown, m: string) => warnings.push(m),
      error: (_: unknown, m: string) => warnings.push(m),
    };
    const factory = qdrantIndexes(dead, { embedder: new HashingEmbedder(), logger: logger as never });
    const index = await factory('catalog', docs);
    expect((await index.search('espresso')).map((h) => h.id)).toEqual(['c']);
    expect(warnings).toContain('qdrant index build failed; using the in-process index');

    const failing = {
      size: 3,
      search: async () => Promise.reject(new Error('timeout')),
      drop: async () => {},
    };
    const local = new HybridIndex(new HashingEmbedder(), docs);
    let fellBack = 0;
    const resilient = new FallbackIndex(failing, local, () => fellBack++);
    expect((await resilient.search('espresso')).map((h) => h.id)).toEqual(['c']);
    expect(fellBack).toBe(1);
  });
});

const qdrantUrl = process.env.QDRANT_URL;
describe.skipIf(!qdrantUrl)(`Qdrant contract${qdrantUrl ? '' : ' (skipped: QDRANT_URL not set)'}`, () => {
  it('builds, queries with a filter, and drops a collection on the real server', async () => {
    const client = new QdrantClient({ url: qdrantUrl, apiKey: process.env.QDRANT_API_KEY });
    const index = await QdrantIndex.build(client, {
      collection: `contract_${Date.now()}`,
      embedder: localEmbedder(new HashingEmbedder()),
      documents: docs,
      filterFields: { category: 'keyword', finalPrice: 'float' },
    });
    try {
      const hits = await index.search('tablet', { limit: 5, filter: { anyOf: { category: ['tablets'] } } });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => (h.meta as { category: string }).category === 'tablets')).toBe(true);
    } finally {
      await index.drop();
    }
  });
});
