/**
 * The composition root wires what the config names: the real process with Qdrant and a TEI endpoint
 * configured (both local protocol simulators) builds its collections with the model's vectors.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatOnce, type StartedService, startService } from '../scripts/lib/service.ts';
import { createPostgresDatabase, hasPostgres, postgresSkipReason } from '../test/databases.ts';
import { type EmbedSimulator, startEmbedSimulator } from '../test/simulators/hf-embed.ts';
import { type QdrantSimulator, startQdrantSimulator } from '../test/simulators/qdrant.ts';

describe.skipIf(!hasPostgres())(
  `main.ts wiring${hasPostgres() ? '' : ` (skipped: ${postgresSkipReason()})`}`,
  () => {
    let qdrant: QdrantSimulator;
    let tei: EmbedSimulator;
    let service: StartedService;

    beforeAll(async () => {
      [qdrant, tei] = await Promise.all([startQdrantSimulator(), startEmbedSimulator()]);
      service = await startService({
        DATABASE_URL: await createPostgresDatabase(),
        CHATBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'main-wiring-')),
        QDRANT_URL: qdrant.url,
        HF_EMBEDDING_ENDPOINT_URL: `${tei.url}/embed`,
        LOG_LEVEL: 'silent',
      });
    }, 120_000);
    afterAll(async () => {
      await service?.stop();
      await Promise.all([qdrant?.close(), tei?.close()]);
    });

    it('embeds documents and queries with the Hugging Face endpoint when one is configured', async () => {
      const created = qdrant.log.filter((l) => l.method === 'PUT' && /^\/collections\/[^/]+$/.test(l.path));
      expect(created.length).toBeGreaterThanOrEqual(2);
      for (const collection of created)
        expect(collection.body.vectors).toEqual({ dense: { size: 384, distance: 'Cosine' } });
      const embedded = tei.requests.length;
      expect(embedded).toBeGreaterThan(0);
      expect(await chatOnce(service.port, 'tablets under 400 dollars')).toBe(200);
      expect(tei.requests.length).toBeGreaterThan(embedded);
      expect(tei.requests.every((r) => r.path === '/embed')).toBe(true);
    });
  },
);
