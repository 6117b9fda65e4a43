/**
 * `npm run eval:products -- ../shared/data/dummyjson/products.json`
 * Imports a DummyJSON catalog in memory and asks shopper questions written from templates about each
 * product (stock, price, warranty, return policy, shipping, partial names, category + price limit, things
 * the store does not sell). Prints product hit@1/@3, fact accuracy, filter precision and empty-answer rate.
 */
import { readFileSync } from 'node:fs';
import { products as productAction } from '../src/actions/shopping.ts';
import type { ActionContext } from '../src/actions/types.ts';
import { productArrayOf, toProductRecord, validateProducts } from '../src/catalog/dummyjson.ts';
import type { ProductRow } from '../src/db/repositories/products.ts';
import type { Store } from '../src/db/store.ts';
import { percentile } from '../src/eval/metrics.ts';
import { loadDocuments } from '../src/knowledge/documents.ts';
import { Retrieval } from '../src/retrieval/retrieval.ts';
import { projectNlu } from './lib/nlu.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run eval:products -- products.json');
  process.exit(2);
}
const checked = validateProducts(productArrayOf(JSON.parse(readFileSync(file, 'utf8'))) ?? []);
if (!checked.ok) throw new Error(`${file}: ${checked.problems.length} invalid records`);
const rows = checked.products.map((p) => ({ ...toProductRecord(p), updatedAt: new Date() }) as ProductRow);
const nlu = projectNlu();
nlu.setCatalog(rows);
const retrieval = await Retrieval.create(rows, loadDocuments());

async function ask(text: string) {
  const parsed = nlu.parse(text);
  const ctx: ActionContext = {
    store: undefined as unknown as Store,
    catalog: retrieval.catalog,
    knowledge: retrieval.knowledge,
    customerId: null,
    conversationId: 'eval',
    text,
    nlu: parsed,
    entities: parsed.entities,
  };
  const started = performance.now();
  const result = await productAction(ctx);
  return { intent: parsed.intent.name, result, ms: performance.now() - started };
}

const FACTS: [template: string, field: keyof ProductRow | 'stock'][] = [
  ['is the {title} in stock?', 'stock'],
  ["what's the return policy on the {title}?", 'returnPolicy'],
  ['what warranty does the {title} have', 'warranty'],
  ['how long does the {title} take to ship', 'shipping'],
  ['how much is the {title}', 'priceCents'],
];

let named = 0;
let hit1 = 0;
let hit3 = 0;
let factsRight = 0;
let intentRight = 0;
const latencies: number[] = [];
const misses: string[] = [];
for (const p of rows) {
  const short = p.title.split(' ').slice(0, 2).join(' ');
  const questions: [string, keyof ProductRow | 'stock' | null][] = [
    ...FACTS.map(([t, f]) => [t.replace('{title}', p.title), f] as [string, keyof ProductRow | 'stock']),
    [`do you have the ${short}?`, null],
  ];
  for (const [text, field] of questions) {
    const { intent, result, ms } = await ask(text);
    latencies.push(ms);
    named++;
    if (intent === 'product_inquiry') intentRight++;
    const ids = (result.products ?? []).map((x) => x.id);
    if (ids[0] === p.id) hit1++;
    if (ids.slice(0, 3).includes(p.id)) hit3++;
    else if (misses.length < 15)
      misses.push(
        `${text} → ${
          (result.products ?? [])
            .slice(0, 3)
            .map((x) => x.title)
            .join(' | ') || '(none)'
        }`,
      );
    if (field && ids[0] === p.id) {
      const expected =
        field === 'stock'
          ? p.stock > 0
            ? 'in stock'
            : 'out of stock'
          : field === 'priceCents'
            ? (p.priceCents / 100).toFixed(2)
            : String(p[field] ?? '');
      if (result.reply.includes(expected)) factsRight++;
    }
  }
}

// Category + price limit: every product returned must satisfy both.
const categories = [...new Set(rows.map((r) => r.category))];
let filterQueries = 0;
let filterClean = 0;
let filterNonEmpty = 0;
for (const category of categories) {
  const prices = rows
    .filter((r) => r.category === category)
    .map((r) => r.priceCents / 100)
    .sort((a, b) => a - b);
  const limit = Math.ceil(prices[Math.floor(prices.length / 2)] ?? 50);
  const { result } = await ask(`${category.replace(/-/g, ' ')} under ${limit} dollars`);
  filterQueries++;
  const found = result.products ?? [];
  if (found.length) filterNonEmpty++;
  if (found.every((x) => x.category === category && x.finalPrice <= limit)) filterClean++;
}

const UNSOLD = [
  'garden hose',
  'snow blower',
  'violin strings',
  'aquarium pump',
  'ski boots',
  'piano',
  'lawn mower',
  'fishing rod',
];
let empty = 0;
for (const thing of UNSOLD)
  if (((await ask(`do you sell a ${thing}?`)).result.products ?? []).length === 0) empty++;

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;
console.log(`catalog: ${rows.length} products in ${categories.length} categories (${file})`);
console.log(`named-product questions: ${named}`);
console.log(
  `  NLU intent product_inquiry (the chat answers these from the catalog): ${pct(intentRight, named)}`,
);
console.log(`  product hit@1: ${pct(hit1, named)}   hit@3: ${pct(hit3, named)}`);
console.log(
  `  fact stated correctly (of the ${rows.length * FACTS.length} fact questions): ${pct(factsRight, rows.length * FACTS.length)}`,
);
console.log(
  `category + price-limit queries: ${filterQueries}; every result within the filter: ${pct(filterClean, filterQueries)}; non-empty: ${pct(filterNonEmpty, filterQueries)}`,
);
console.log(`things the store does not sell: ${pct(empty, UNSOLD.length)} answered with no products`);
console.log(
  `search + reply latency per question: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
);
if (misses.length) console.log(`first misses:\n  ${misses.join('\n  ')}`);
