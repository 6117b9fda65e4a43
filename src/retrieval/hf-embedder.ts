/**
 * @module retrieval/hf-embedder
 * Dense vectors for the Qdrant index from a Hugging Face feature-extraction model: a self-hosted Text
 * Embeddings Inference endpoint (`HF_EMBEDDING_ENDPOINT_URL`, e.g. `http://tei:8080/embed`) or a hosted
 * sentence-transformers model (`HF_EMBEDDING_MODEL` with `HF_ACCESS_TOKEN`). Texts go in batches, each
 * call bounded by a timeout; the SDK's own unbounded 503 retries are off. Vectors are L2-normalised so the
 * collection's cosine distance compares like with like.
 */
import { InferenceClient } from '@huggingface/inference';
import type { Metrics } from '../telemetry/metrics.ts';
import type { Embedder } from './embedder.ts';

/** An embedder that may call out: what the Qdrant index uses. */
export interface AsyncEmbedder {
  readonly name: string;
  embedBatch(texts: string[]): Promise<Float32Array[]>;
}

/** The local embedder behind the async interface (no network). */
export function localEmbedder(embedder: Embedder): AsyncEmbedder {
  return { name: 'local', embedBatch: async (texts) => texts.map((t) => embedder.embed(t)) };
}

export const DEFAULT_HF_EMBEDDING_MODEL = 'sentence-transformers/all-MiniLM-L6-v2';

export interface HuggingFaceEmbedderOptions {
  token?: string;
  endpointUrl?: string;
  model?: string;
  timeoutMs?: number;
  batchSize?: number;
  metrics?: Metrics;
  /** Injected for tests against a local protocol simulator. */
  fetch?: typeof fetch;
}

function normalised(vector: number[]): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}

export class HuggingFaceEmbedder implements AsyncEmbedder {
  readonly name = 'huggingface';
  readonly #client: InferenceClient;
  readonly #options: HuggingFaceEmbedderOptions;

  constructor(options: HuggingFaceEmbedderOptions) {
    if (!options.endpointUrl && !options.model)
      throw new Error('a Hugging Face embedder needs an endpoint or a model');
    this.#options = options;
    this.#client = new InferenceClient(options.token, {
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const { batchSize = 32, timeoutMs = 4000, metrics, model } = this.#options;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      const inputs = texts.slice(i, i + batchSize);
      metrics?.huggingfaceRequests.add(1, metrics.labels({ task: 'embedding' }));
      try {
        const result = await this.#client.featureExtraction(
          { ...(model && !this.#options.endpointUrl ? { model } : {}), inputs },
          { signal: AbortSignal.timeout(timeoutMs), retry_on_error: false },
        );
        out.push(...this.#vectors(result, inputs.length));
      } catch (error) {
        metrics?.huggingfaceErrors.add(1, metrics.labels({ task: 'embedding' }));
        throw error;
      }
    }
    return out;
  }

  /** One flat vector per input, all of one size; anything else (token-level output, a short batch) is refused. */
  #vectors(result: unknown, expected: number): Float32Array[] {
    const rows = Array.isArray(result) ? result : [];
    const flat = rows.every((row) => Array.isArray(row) && row.every((x) => typeof x === 'number'));
    if (!flat || rows.length !== expected) {
      throw new Error(`expected ${expected} pooled embeddings from the model, got another shape`);
    }
    const size = (rows[0] as number[]).length;
    if (size === 0 || rows.some((row) => (row as number[]).length !== size)) {
      throw new Error('embeddings of different sizes in one batch');
    }
    return rows.map((row) => normalised(row as number[]));
  }
}
