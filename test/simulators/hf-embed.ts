/**
 * @module test/simulators/hf-embed
 * A local SIMULATOR of a Text Embeddings Inference endpoint (`POST /embed` with `{"inputs": [...]}`,
 * answering one pooled vector per input), for tests only. Vectors come from the project's hashing embedder
 * at 384 dimensions, so texts that share words are close, as with a real model.
 */
import { HashingEmbedder } from '../../src/retrieval/embedder.ts';
import { serveOnLoopback } from './serve.ts';

export type EmbedMode = 'ok' | 'error' | 'token-level';

export interface EmbedSimulator {
  url: string;
  mode: EmbedMode;
  requests: Array<{ path: string; inputs: string[] }>;
  close(): Promise<void>;
}

export async function startEmbedSimulator(): Promise<EmbedSimulator> {
  const embedder = new HashingEmbedder(384);
  const sim: EmbedSimulator = { url: '', mode: 'ok', requests: [], close: async () => {} };
  const served = await serveOnLoopback((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as { inputs?: string | string[] };
      const inputs = Array.isArray(body.inputs) ? body.inputs : [String(body.inputs ?? '')];
      sim.requests.push({ path: req.url ?? '', inputs });
      if (sim.mode === 'error') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'Model is overloaded', error_type: 'overloaded' }));
        return;
      }
      // Scale by 3 so the adapter's own normalisation is visible.
      const vectors = inputs.map((text) => [...embedder.embed(text)].map((x) => x * 3));
      const payload = sim.mode === 'token-level' ? vectors.map((v) => [v, v]) : vectors;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    });
  });
  sim.url = served.url;
  sim.close = served.close;
  return sim;
}
