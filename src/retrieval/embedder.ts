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
  /**
   * Per feature bucket, the 16 dimensions it adds to, with the sign in bit 15: hashed once per bucket
   * instead of once per feature of every text (most of an embedding's cost on long descriptions).
   */
  readonly #projection: Uint16Array;
  readonly #projected: Uint8Array;

  constructor(dimensions = 256, buckets = 1 << 16) {
    this.dimensions = dimensions;
    this.#buckets = buckets;
    this.#projection = new Uint16Array(buckets * 16);
    this.#projected = new Uint8Array(buckets);
  }

  embed(text: string): Float32Array {
    const { indices, values } = featurize(text, this.#buckets);
    const out = new Float32Array(this.dimensions);
    for (let f = 0; f < indices.length; f++) {
      const value = values[f] as number;
      const at = this.#project(indices[f] as number);
      for (let k = at; k < at + 16; k++) {
        const entry = this.#projection[k] as number;
        const dim = entry & 0x7fff;
        out[dim] = (out[dim] as number) + (entry & 0x8000 ? value : -value);
      }
    }
    let norm = 0;
    for (const v of out) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
    return out;
  }

  /** Where bucket `index`'s 16 (dimension, sign) pairs start: ±value to 16 dimensions chosen by its hash. */
  #project(index: number): number {
    const at = index * 16;
    if (this.#projected[index]) return at;
    let h = hash(String(index));
    for (let k = 0; k < 16; k++) {
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
      this.#projection[at + k] = (h % this.dimensions) | (h & 0x10000 ? 0x8000 : 0);
    }
    this.#projected[index] = 1;
    return at;
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}
