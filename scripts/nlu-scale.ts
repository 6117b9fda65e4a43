/**
 * `npm run eval:scale -- products.json [--sizes 200,10000,100000] [--questions eval/questions/dummyjson.jsonl]
 *   [--write FILE --size N]`
 * How the catalog side scales: a synthetic catalog of each size is made from a DummyJSON file (the real
 * records, then variants with new model words, scripts/lib/synthetic-catalog.ts); the NLU's lexicon and the
 * retrieval indexes are rebuilt, and every question is parsed and searched. Prints rebuild times and
 * parse and search p50/p99 per size (in-process, one core).
 * With --write, writes a synthetic catalog of --size products as a DummyJSON file instead (for importing).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { productArrayOf, toProductRecord, validateProducts } from '../src/catalog/dummyjson.ts';
import type { ProductRow } from '../src/db/repositories/products.ts';
import { median, percentile } from '../src/eval/metrics.ts';
import { loadDocuments } from '../src/knowledge/documents.ts';
import { Retrieval } from '../src/retrieval/retrieval.ts';
import { projectNlu } from './lib/nlu.ts';
import { syntheticProducts } from './lib/synthetic-catalog.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: 'string', default: '200,10000,100000' },
    questions: { type: 'string', default: 'eval/questions/dummyjson.jsonl' },
    write: { type: 'string' },
    size: { type: 'string', default: '100000' },
  },
});
const file = positionals[0];
if (!file) {
  console.error('usage: npm run eval:scale -- products.json [--sizes 200,10000] [--questions FILE]');
  process.exit(2);
}
const checked = validateProducts(productArrayOf(JSON.parse(readFileSync(file, 'utf8'))) ?? []);
if (!checked.ok) throw new Error(`${file}: invalid catalog`);
const base = checked.products;
if (values.write) {
  writeFileSync(values.write, JSON.stringify({ products: syntheticProducts(base, Number(values.size)) }));
  console.log(`wrote ${values.size} products to ${values.write}`);
  process.exit(0);
}
const questions = readFileSync(values.questions, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .flatMap((l) => {
    const q = JSON.parse(l) as { q?: string; turns?: string[] };
    return q.q ? [q.q] : (q.turns ?? []);
  });

function catalog(size: number): ProductRow[] {
  return syntheticProducts(base, size).map(
    (p) => ({ ...toProductRecord(p), updatedAt: new Date() }) as ProductRow,
  );
}

/** p50 and p99 of `work` over every question, after a warm-up pass. */
async function timed(work: (q: string) => unknown): Promise<string> {
  for (const q of questions) await work(q);
  const times: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const q of questions) {
      const started = performance.now();
      await work(q);
      times.push(performance.now() - started);
    }
  return `p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms`;
}

const nlu = projectNlu();
console.log(
  `questions: ${questions.length} (${values.questions}); model ready in ${Math.round(nlu.buildMs)} ms (cached, or trained)`,
);
const documents = loadDocuments();
for (const size of values.sizes.split(',').map(Number)) {
  const products = catalog(size);
  const rebuilds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    nlu.setCatalog(products);
    rebuilds.push(performance.now() - started);
  }
  const parse = await timed((q) => nlu.parse(q));
  const started = performance.now();
  const retrieval = await Retrieval.create(products, documents);
  const indexMs = performance.now() - started;
  const parsed = new Map(questions.map((q) => [q, nlu.parse(q)]));
  const search = await timed((q) => {
    const { text, entities } = parsed.get(q) ?? nlu.parse(q);
    return retrieval.catalog.find({ text, entities });
  });
  console.log(
    `${String(size).padStart(7)} products: lexicon rebuild median ${median(rebuilds).toFixed(0)} ms, parse ${parse}; indexes built in ${indexMs.toFixed(0)} ms, product search ${search}`,
  );
}
