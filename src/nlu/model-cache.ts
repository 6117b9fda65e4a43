/**
 * @module nlu/model-cache
 * The trained NLU model as a file: what it holds (intent classifier, in-domain detector, everyday words), and
 * the key that names it — a hash of everything training reads, so a changed phrase or training code never
 * loads an old model.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LinearClassifier } from './classifier.ts';

export interface ModelParts {
  classifier: LinearClassifier;
  detector: LinearClassifier;
  commonWords: ReadonlySet<string>;
}

export type CacheEvent =
  | { kind: 'hit' | 'written'; file: string }
  | { kind: 'unreadable' | 'unwritable'; file: string; error: unknown };

/** The files a trained model depends on: the phrases and the code that turns them into weights. */
const MODEL_SOURCES = [
  './data/intents.md',
  './data/slots.md',
  './data/out-of-scope.md',
  './training/generate.ts',
  './training/data.ts',
  './features.ts',
  './classifier.ts',
  './engine.ts',
];

/** A hash of everything training reads, and the options that shape it. */
export function modelKey(options: object): string {
  const hash = createHash('sha256').update(JSON.stringify(options));
  for (const source of MODEL_SOURCES) hash.update(readFileSync(new URL(source, import.meta.url)));
  return hash.digest('hex').slice(0, 24);
}

/** Three lengths, then the classifier, the detector and the everyday words as JSON. */
export function writeModel(parts: ModelParts): Uint8Array {
  const models = [parts.classifier.toBytes(), parts.detector.toBytes()];
  const common = new TextEncoder().encode(JSON.stringify([...parts.commonWords]));
  const lengths = new Uint32Array([models[0]?.length ?? 0, models[1]?.length ?? 0, common.length]);
  return Buffer.concat([new Uint8Array(lengths.buffer), ...models, common]);
}

/** A model written by `writeModel`; throws on anything truncated or malformed. */
export function readModel(bytes: Uint8Array): ModelParts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) throw new Error('model file is truncated');
  const [a, b, c] = [0, 4, 8].map((at) => view.getUint32(at, true)) as [number, number, number];
  if (12 + a + b + c !== bytes.byteLength) throw new Error('model file is truncated');
  const words = z.array(z.string()).parse(JSON.parse(new TextDecoder().decode(bytes.subarray(12 + a + b))));
  return {
    classifier: LinearClassifier.fromBytes(bytes.subarray(12, 12 + a)),
    detector: LinearClassifier.fromBytes(bytes.subarray(12 + a, 12 + a + b)),
    commonWords: new Set(words),
  };
}
