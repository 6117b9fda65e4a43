import { QdrantClient } from '@qdrant/js-client-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbedSimulator, startEmbedSimulator } from '../../test/simulators/hf-embed.ts';
import { type QdrantSimulator, startQdrantSimulator } from '../../test/simulators/qdrant.ts';
import { CircuitBreaker } from '../resilience/circuit-breaker.ts';
import { Metrics } from '../telemetry/metrics.ts';
import { cosine, HashingEmbedder } from './embedder.ts';
import { DEFAULT_HF_EMBEDDING_MODEL, HuggingFaceEmbedder } from './hf-embedder.ts';
import { qdrantIndexes } from './qdrant.ts';

const docs = [
  { id: 'a', text: 'Nimbus Tab 11 tablet with stylus', meta: { category: 'tablets' } },
  { id: 'b', text: 'Brava espresso machine with steam wand', meta: { category: 'kitchen' } },
  { id: 'c', text: 'Trailmark hiking boots, waterproof leather', meta: { category: 'shoes' } },
];

describe('Hugging Face embedder against a local TEI simulator', () => {
  let sim: EmbedSimulator;
  beforeAll(async () => {
    sim = await startEmbedSimulator();
  });
  afterAll(async () => sim?.close());

  const embedder = (metrics?: Metrics, batchSize = 32) =>
    new HuggingFaceEmbedder({ endpointUrl: `${sim.url}/embed`, batchSize, metrics, timeoutMs: 2000 });

  it('sends texts in batches to the endpoint and returns one normalised vector per text', async () => {
    sim.mode = 'ok';
    const before = sim.requests.length;
    const texts = ['one tablet', 'two tablets', 'espresso', 'boots', 'stylus'];
    const vectors = await embedder(undefined, 2).embedBatch(texts);
    expect(sim.requests.slice(before).map((r) => [r.path, r.inputs.length])).toEqual([
      ['/embed', 2],
      ['/embed', 2],
      ['/embed', 1],
    ]);
    expect(vectors).toHaveLength(5);
    for (const v of vectors) {
      expect(v).toHaveLength(384);
      expect(cosine(v, v)).toBeCloseTo(1, 5);
    }
  });

  it('refuses token-level output and counts failed calls', async () => {
    const metrics = new Metrics();
    sim.mode = 'token-level';
    await expect(embedder(metrics).embedBatch(['x'])).rejects.toThrow(/pooled embeddings/);
    sim.mode = 'error';
    await expect(embedder(metrics).embedBatch(['x'])).rejects.toThrow();
    const text = await metrics.render();
    expect(text).toMatch(/huggingface_api_requests_total\{task="embedding"\} 2/);
    expect(text).toMatch(/huggingface_api_errors_total\{task="embedding"\} 2/);
  });

  describe('as the Qdrant index embedder', () => {
    let qdrant: QdrantSimulator;
    beforeAll(async () => {
      qdrant = await startQdrantSimulator();
    });
    afterAll(async () => qdrant?.close());

    it('sizes the collection to the model, queries with its vectors, and falls back locally when it fails', async () => {
      sim.mode = 'ok';
      const breaker = new CircuitBreaker({ name: 'qdrant', failureThreshold: 2 });
      const factory = qdrantIndexes(new QdrantClient({ url: qdrant.url, checkCompatibility: false }), {
        embedder: new HashingEmbedder(),
        remoteEmbedder: embedder(),
        breaker,
      });
      const index = await factory('catalog', docs);
      const created = qdrant.log.find(
        (l) => l.method === 'PUT' && /^\/collections\/shopyverse_catalog_\d+$/.test(l.path),
      );
      expect(created?.body.vectors).toEqual({ dense: { size: 384, distance: 'Cosine' } });
      const queriesBefore = sim.requests.length;
      expect((await index.search('espresso machine', { limit: 1 }))[0]?.id).toBe('b');
      expect(sim.requests.length - queriesBefore).toBe(1);
      sim.mode = 'error';
      // The model is down: answers still come, from the in-process index.
      expect((await index.search('hiking boots', { limit: 1 }))[0]?.id).toBe('c');
      sim.mode = 'ok';
    });
  });
});

const token = process.env.HF_ACCESS_TOKEN;
describe.skipIf(!token)(
  `Hugging Face embeddings contract${token ? '' : ' (skipped: HF_ACCESS_TOKEN not set)'}`,
  () => {
    it('embeds with the default model: same size, and related texts closer than unrelated ones', async () => {
      const embedder = new HuggingFaceEmbedder({
        token,
        model: process.env.HF_EMBEDDING_MODEL ?? DEFAULT_HF_EMBEDDING_MODEL,
        timeoutMs: 30_000,
      });
      const [tablet, ipad, boots] = await embedder.embedBatch([
        'a tablet computer',
        'an iPad',
        'leather hiking boots',
      ]);
      expect(tablet?.length).toBe(ipad?.length);
      expect(cosine(tablet as Float32Array, ipad as Float32Array)).toBeGreaterThan(
        cosine(tablet as Float32Array, boots as Float32Array),
      );
    });
  },
);
