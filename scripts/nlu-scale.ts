/**
 * `npm run eval:scale -- products.json [--sizes 200,10000,100000] [--questions eval/questions/dummyjson.jsonl]`
 * How the NLU's catalog side scales: a synthetic catalog of each size is made from a DummyJSON file (the real
 * records, then variants with new model words), the lexicon is rebuilt, and every question is parsed.
 * Prints rebuild time and parse p50/p99 per size (in-process, one core).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { productArrayOf, toProductRecord, validateProducts } from '../src/catalog/dummyjson.ts';
import { median, percentile } from '../src/eval/metrics.ts';
import { NluEngine } from '../src/nlu/engine.ts';
import type { LexiconProduct } from '../src/nlu/lexicon.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: 'string', default: '200,10000,100000' },
    questions: { type: 'string', default: 'eval/questions/dummyjson.jsonl' },
  },
});
const file = positionals[0];
if (!file) {
  console.error('usage: npm run eval:scale -- products.json [--sizes 200,10000] [--questions FILE]');
  process.exit(2);
}
const checked = validateProducts(productArrayOf(JSON.parse(readFileSync(file, 'utf8'))) ?? []);
if (!checked.ok) throw new Error(`${file}: invalid catalog`);
const base = checked.products.map(toProductRecord);
const questions = readFileSync(values.questions, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .flatMap((l) => {
    const q = JSON.parse(l) as { q?: string; turns?: string[] };
    return q.q ? [q.q] : (q.turns ?? []);
  });

/** A made-up model word per index, so variants are distinct products. */
const word = (i: number) => `v${i.toString(36)}x`;
function catalog(size: number): LexiconProduct[] {
  return Array.from({ length: size }, (_, i) => {
    const p = base[i % base.length] as (typeof base)[number];
    const variant = Math.floor(i / base.length);
    return {
      id: i + 1,
      title: variant === 0 ? p.title : `${p.title} ${word(variant)}`,
      brand: p.brand ?? null,
      category: p.category,
      tags: p.tags ?? [],
      description: p.description ?? null,
    };
  });
}

const nlu = NluEngine.build();
console.log(
  `questions: ${questions.length} (${values.questions}); model build ${Math.round(nlu.buildMs)} ms`,
);
for (const size of values.sizes.split(',').map(Number)) {
  const products = catalog(size);
  const rebuilds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    nlu.setCatalog(products);
    rebuilds.push(performance.now() - started);
  }
  for (const q of questions) nlu.parse(q); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const q of questions) {
      const started = performance.now();
      nlu.parse(q);
      times.push(performance.now() - started);
    }
  console.log(
    `${String(size).padStart(7)} products: rebuild median ${median(rebuilds).toFixed(0)} ms; parse p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms (${times.length} parses)`,
  );
}
