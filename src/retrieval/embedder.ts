/**
 * @module retrieval/embedder
 * The embedded default embedder: hashed word and character n-gram features projected to a dense vector
 * with a fixed pseudo-random ±1 projection. No network, no model weights; it captures spelling closeness
 * (typos, word forms), not meaning — Hugging Face embeddings are the production option.
 */
import { featurize, hash } from '../nlu/features.ts';

export interface Embedder {
  readonly dimensions: number;
  embed(text: string): Float32Array;
}

export class HashingEmbedder implements Embedder {
  readonly dimensions: number;
  readonly #buckets: number;

  constructor(dimensions = 256, buckets = 1 << 16) {
    this.dimensions = dimensions;
    this.#buckets = buckets;
  }

  embed(text: string): Float32Array {
    const { indices, values } = featurize(text, this.#buckets);
    const out = new Float32Array(this.dimensions);
    for (let f = 0; f < indices.length; f++) {
      const value = values[f] as number;
      // Each feature adds ±value to 16 of the dimensions, chosen by hashing the feature index.
      let h = hash(String(indices[f]));
      for (let k = 0; k < 16; k++) {
        h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
        const dim = h % this.dimensions;
        out[dim] = (out[dim] as number) + (h & 0x10000 ? value : -value);
      }
    }
    let norm = 0;
    for (const v of out) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
    return out;
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}
