/**
 * @module nlu/classifier
 * Multinomial logistic regression over hashed features, trained in-process with AdaGrad. Deterministic:
 * the same examples and seed give the same weights. Confidences are temperature-scaled softmax outputs.
 */

import { z } from 'zod';
import { seededRandom } from '../seed/catalog.ts';
import { featurize, type SparseVector } from './features.ts';

const headerSchema = z.object({
  labels: z.array(z.string()).min(2),
  dimensions: z.number().int().positive(),
  temperature: z.number().positive(),
});

export interface TrainingOptions {
  dimensions?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Multiplies the (balanced) weight of the named classes, e.g. to make out-of-scope more assertive. */
  classBoost?: Record<string, number>;
}

export interface Prediction {
  label: string;
  confidence: number;
  ranking: { label: string; confidence: number }[];
}

export class LinearClassifier {
  readonly labels: string[];
  readonly dimensions: number;
  readonly #weights: Float32Array;
  readonly #bias: Float32Array;
  #temperature = 1;

  private constructor(labels: string[], dimensions: number, weights: Float32Array, bias: Float32Array) {
    this.labels = labels;
    this.dimensions = dimensions;
    this.#weights = weights;
    this.#bias = bias;
  }

  /**
   * Trains on `(text, label)` pairs; classes are weighted so each counts equally. Examples marked `extra` are
   * left out of that count: they add to their class without diluting the weight of its other examples.
   */
  static train(
    examples: { text: string; label: string; extra?: boolean }[],
    options: TrainingOptions = {},
  ): LinearClassifier {
    const {
      dimensions = 1 << 17,
      epochs = 12,
      learningRate = 0.4,
      l2 = 1e-6,
      seed = 11,
      classBoost = {},
    } = options;
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const k = labels.length;
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const data = examples.map((e) => ({
      x: featurize(e.text, dimensions),
      y: labelIndex.get(e.label) as number,
      extra: e.extra === true,
    }));
    const perClass = new Float32Array(k);
    for (const d of data) if (!d.extra) perClass[d.y] = (perClass[d.y] ?? 0) + 1;
    const counted = data.filter((d) => !d.extra).length;
    const classWeight = Array.from(
      perClass,
      (n, c) => (counted / (k * Math.max(1, n))) * (classBoost[labels[c] as string] ?? 1),
    );

    const weights = new Float32Array(dimensions * k);
    const bias = new Float32Array(k);
    const gradSq = new Float32Array(dimensions * k).fill(1e-8);
    const biasGradSq = new Float32Array(k).fill(1e-8);
    const model = new LinearClassifier(labels, dimensions, weights, bias);
    const random = seededRandom(seed);
    const order = data.map((_, i) => i);
    const probs = new Float64Array(k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const index of order) {
        const { x, y } = data[index] as { x: SparseVector; y: number };
        model.#scores(x, probs, 1);
        const w = classWeight[y] ?? 1;
        for (let c = 0; c < k; c++) {
          const g = ((probs[c] ?? 0) - (c === y ? 1 : 0)) * w;
          // Classes the model already rules out contribute almost nothing: skipping them makes training ~5x faster.
          if (Math.abs(g) < 1e-3) continue;
          biasGradSq[c] = (biasGradSq[c] ?? 0) + g * g;
          bias[c] = (bias[c] ?? 0) - (learningRate * g) / Math.sqrt(biasGradSq[c] ?? 1);
          for (let f = 0; f < x.indices.length; f++) {
            const at = (x.indices[f] as number) * k + c;
            const grad = g * (x.values[f] as number) + l2 * (weights[at] as number);
            gradSq[at] = (gradSq[at] as number) + grad * grad;
            weights[at] = (weights[at] as number) - (learningRate * grad) / Math.sqrt(gradSq[at] as number);
          }
        }
      }
    }
    return model;
  }

  /**
   * One model whose weights are the mean of several trained on different samples of the same phrases. The
   * models are linear, so this is their ensemble at the cost of one: a phrasing that only one sample happened
   * to over- or under-weight moves the result a third as much.
   */
  static average(models: LinearClassifier[]): LinearClassifier {
    const [first] = models;
    if (!first) throw new Error('nothing to average');
    for (const m of models)
      if (m.dimensions !== first.dimensions || m.labels.join() !== first.labels.join())
        throw new Error('only models of the same labels and size can be averaged');
    const weights = new Float32Array(first.#weights.length);
    const bias = new Float32Array(first.#bias.length);
    for (const m of models) {
      for (let i = 0; i < weights.length; i++)
        weights[i] = (weights[i] as number) + (m.#weights[i] as number);
      for (let c = 0; c < bias.length; c++) bias[c] = (bias[c] as number) + (m.#bias[c] as number);
    }
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) / models.length;
    for (let c = 0; c < bias.length; c++) bias[c] = (bias[c] as number) / models.length;
    return new LinearClassifier(first.labels, first.dimensions, weights, bias);
  }

  /** Fits the softmax temperature that minimises log-loss on held-out examples (golden-section search). */
  calibrate(examples: { text: string; label: string }[]): number {
    const k = this.labels.length;
    const data = examples
      .map((e) => ({ x: featurize(e.text, this.dimensions), y: this.labels.indexOf(e.label) }))
      .filter((d) => d.y >= 0);
    const logits = data.map((d) => {
      const out = new Float64Array(k);
      this.#logits(d.x, out);
      return out;
    });
    const loss = (t: number) => {
      let total = 0;
      logits.forEach((l, i) => {
        let max = -Infinity;
        for (const v of l) max = Math.max(max, v / t);
        let sum = 0;
        for (const v of l) sum += Math.exp(v / t - max);
        total -= (l[data[i]?.y as number] as number) / t - max - Math.log(sum);
      });
      return total / Math.max(1, logits.length);
    };
    let [lo, hi] = [0.05, 10];
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 40; i++) {
      const a = hi - phi * (hi - lo);
      const b = lo + phi * (hi - lo);
      if (loss(a) < loss(b)) hi = b;
      else lo = a;
    }
    this.#temperature = (lo + hi) / 2;
    return this.#temperature;
  }

  get temperature(): number {
    return this.#temperature;
  }

  /** The trained model as bytes: a JSON header (labels, size, temperature), then bias and weights. */
  toBytes(): Uint8Array {
    const header = new TextEncoder().encode(
      JSON.stringify({ labels: this.labels, dimensions: this.dimensions, temperature: this.#temperature }),
    );
    const padded = Math.ceil((4 + header.length) / 4) * 4;
    const out = new Uint8Array(padded + (this.#bias.length + this.#weights.length) * 4);
    new DataView(out.buffer).setUint32(0, header.length, true);
    out.set(header, 4);
    out.set(new Uint8Array(this.#bias.buffer, this.#bias.byteOffset, this.#bias.byteLength), padded);
    out.set(
      new Uint8Array(this.#weights.buffer, this.#weights.byteOffset, this.#weights.byteLength),
      padded + this.#bias.byteLength,
    );
    return out;
  }

  /** A model written by `toBytes`; throws on anything that does not fit together. */
  static fromBytes(bytes: Uint8Array): LinearClassifier {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = view.getUint32(0, true);
    const header = headerSchema.parse(JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))));
    const padded = Math.ceil((4 + length) / 4) * 4;
    const k = header.labels.length;
    const expected = padded + (k + header.dimensions * k) * 4;
    if (bytes.byteLength !== expected)
      throw new Error(`model file has ${bytes.byteLength} bytes, expected ${expected}`);
    // The weights are a view of the file's bytes when they sit on a 4-byte boundary (the model file lays
    // them out so), else one copy: no 28 MB memcpy at every start. (`Uint8Array.from` here walked the file
    // byte by byte: 200 ms.)
    const start = bytes.byteOffset + padded;
    const count = (bytes.byteLength - padded) / 4;
    const floats =
      start % 4 === 0
        ? new Float32Array(bytes.buffer, start, count)
        : new Float32Array(new Uint8Array(bytes.subarray(padded)).buffer);
    const model = new LinearClassifier(
      header.labels,
      header.dimensions,
      floats.subarray(k),
      floats.subarray(0, k),
    );
    model.#temperature = header.temperature;
    return model;
  }

  predict(text: string, top = 10): Prediction {
    const probs = new Float64Array(this.labels.length);
    this.#scores(featurize(text, this.dimensions), probs, this.#temperature);
    const ranking = this.labels
      .map((label, i) => ({ label, confidence: probs[i] ?? 0 }))
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, top);
    const best = ranking[0] ?? { label: this.labels[0] ?? '', confidence: 0 };
    return { label: best.label, confidence: best.confidence, ranking };
  }

  #logits(x: SparseVector, out: Float64Array): void {
    const k = this.labels.length;
    for (let c = 0; c < k; c++) out[c] = this.#bias[c] ?? 0;
    for (let f = 0; f < x.indices.length; f++) {
      const base = (x.indices[f] as number) * k;
      const v = x.values[f] as number;
      for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (this.#weights[base + c] as number) * v;
    }
  }

  #scores(x: SparseVector, out: Float64Array, temperature: number): void {
    this.#logits(x, out);
    let max = -Infinity;
    for (let c = 0; c < out.length; c++) {
      out[c] = (out[c] as number) / temperature;
      max = Math.max(max, out[c] as number);
    }
    let sum = 0;
    for (let c = 0; c < out.length; c++) {
      out[c] = Math.exp((out[c] as number) - max);
      sum += out[c] as number;
    }
    for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) / sum;
  }
}
