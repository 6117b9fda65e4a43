/**
 * @module nlu/model-cache
 * The trained NLU model as a file: what it holds (intent classifier, in-domain detector, everyday words), and
 * the key that names it — a hash of everything training reads, so a changed phrase or training code never
 * loads an old model.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LinearClassifier } from './classifier.ts';

export interface ModelParts {
  /** The intent classifier for messages of up to a dozen words. */
  classifier: LinearClassifier;
  /** The intent classifier for longer messages, trained on the same phrases and on requests told in stories. */
  long: LinearClassifier;
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
  './data/stories.md',
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

/** Four lengths, then the classifier, the long-message classifier, the detector and the everyday words as JSON. */
export function writeModel(parts: ModelParts): Uint8Array {
  const models = [parts.classifier.toBytes(), parts.long.toBytes(), parts.detector.toBytes()];
  const common = new TextEncoder().encode(JSON.stringify([...parts.commonWords]));
  const lengths = new Uint32Array([...models.map((m) => m.length), common.length]);
  return Buffer.concat([new Uint8Array(lengths.buffer), ...models, common]);
}

/** A model written by `writeModel`; throws on anything truncated or malformed. */
export function readModel(bytes: Uint8Array): ModelParts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16) throw new Error('model file is truncated');
  const [a, b, c, d] = [0, 4, 8, 12].map((at) => view.getUint32(at, true)) as [
    number,
    number,
    number,
    number,
  ];
  if (16 + a + b + c + d !== bytes.byteLength) throw new Error('model file is truncated');
  const at = [16, 16 + a, 16 + a + b, 16 + a + b + c] as const;
  const words = z.array(z.string()).parse(JSON.parse(new TextDecoder().decode(bytes.subarray(at[3]))));
  return {
    classifier: LinearClassifier.fromBytes(bytes.subarray(at[0], at[1])),
    long: LinearClassifier.fromBytes(bytes.subarray(at[1], at[2])),
    detector: LinearClassifier.fromBytes(bytes.subarray(at[2], at[3])),
    commonWords: new Set(words),
  };
}

const MODEL_FILE = /^nlu-[0-9a-f]{24}\.bin$/;

/** Marks a model as just used, so pruning keeps the models in use rather than the newest written. */
export function touchModel(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Best effort: a read-only cache (the image) is never pruned either.
  }
}

/**
 * Removes all but the `keep` most recently used models in `dir`: every edit of a phrase trains another
 * (~28 MB each), and nothing else ever removes the old ones. Only files named as models are touched.
 */
export function pruneModels(dir: string, keep = 3): string[] {
  try {
    return pruneOldest(dir, keep);
  } catch {
    // Best effort, like the cache itself: a directory that cannot be listed or cleaned keeps its files.
    return [];
  }
}

function pruneOldest(dir: string, keep: number): string[] {
  // Another process may prune the same directory at once: a file gone meanwhile is simply not counted.
  const models = readdirSync(dir)
    .filter((name) => MODEL_FILE.test(name))
    .flatMap((name) => {
      const used = statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs;
      return used === undefined ? [] : [{ name, used }];
    })
    .sort((a, b) => b.used - a.used);
  const removed = models.slice(keep).map((m) => m.name);
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return removed;
}
