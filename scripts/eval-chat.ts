/**
 * `npm run eval:chat -- QUESTIONS.jsonl... [--catalog products.json]`
 * Measures the service from outside, as a shopper would meet it: starts the real service on a fresh embedded
 * store, imports the catalog (when given) through the admin route AFTER start, and asks every question over
 * `POST /v1/chat` (a new conversation per question; follow-ups continue theirs). Question files are our own
 * writing (eval/questions/, format in docs/nlu.md). Prints hit@3, facts, price-limit obedience, not-sold,
 * follow-ups and intent accuracy, each with its count, and the first misses.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { productArrayOf, toProductRecord, validateProducts } from '../src/catalog/dummyjson.ts';
import type { ProductRow } from '../src/db/repositories/products.ts';
import { formatMoney } from '../src/dialogue/format.ts';
import { median } from '../src/eval/metrics.ts';
import { isSupportIntent } from '../src/nlu/intents.ts';
import { toCard } from '../src/retrieval/catalog.ts';
import { buildDemoCatalog } from '../src/seed/catalog.ts';
import { startService } from './lib/service.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { catalog: { type: 'string' }, misses: { type: 'string', default: '12' } },
});
if (positionals.length === 0) {
  console.error('usage: npm run eval:chat -- QUESTIONS.jsonl... [--catalog products.json]');
  process.exit(2);
}

const question = z.object({
  q: z.string().optional(),
  turns: z.array(z.string()).optional(),
  kind: z.string().optional(),
  intent: z.string().optional(),
  want: z.array(z.string()).optional(),
  fact: z.enum(['price', 'stock', 'warranty', 'return_policy', 'shipping', 'rating', 'brand']).optional(),
  max: z.number().optional(),
  min: z.number().optional(),
  ref: z.string().optional(),
  // A dialogue: the signed-in customer (demo data) and, for each turn, what the reply must do.
  customer: z.string().optional(),
  expect: z
    .array(
      z.object({
        intent: z.string().optional(),
        says: z.string().optional(),
        products: z.boolean().optional(),
      }),
    )
    .optional(),
});
type Question = z.infer<typeof question>;

interface Card {
  id: number;
  title: string;
  price: number;
  finalPrice: number;
  stock: number;
  brand: string | null;
  rating: number | null;
  warranty: string | null;
  returnPolicy: string | null;
  shipping: string | null;
}
interface Reply {
  conversationId: string;
  reply: string;
  intent: { name: string };
  products: Card[];
}

/** The catalog the questions are about, by title, as the service holds it. */
function catalogByTitle(): Map<string, Card> {
  const records = values.catalog
    ? (() => {
        const checked = validateProducts(
          productArrayOf(JSON.parse(readFileSync(values.catalog, 'utf8'))) ?? [],
        );
        if (!checked.ok) throw new Error(`${values.catalog}: invalid catalog`);
        return checked.products.map(toProductRecord);
      })()
    : buildDemoCatalog();
  // The card the service itself would show for each record (the same price and discount arithmetic).
  return new Map(records.map((r) => [r.title.toLowerCase(), toCard(r as ProductRow)]));
}

const dataDir = mkdtempSync(join(tmpdir(), 'eval-chat-'));
const service = await startService({
  CHATBOT_DATA_DIR: dataDir,
  CHATBOT_ADMIN_KEYS: 'eval-admin-key',
  CHATBOT_RATE_LIMIT_PER_MINUTE: '1000000',
  CHATBOT_KEY_RATE_LIMIT_PER_MINUTE: '1000000',
  LOG_LEVEL: 'silent',
});
const base = `http://127.0.0.1:${service.port}`;

async function send(message: string, conversationId?: string, customer?: string): Promise<Reply> {
  const response = await fetch(`${base}/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(customer ? { 'x-customer-id': customer } : {}) },
    body: JSON.stringify({ message, ...(conversationId ? { conversationId } : {}) }),
  });
  if (!response.ok)
    throw new Error(`${response.status} for ${JSON.stringify(message)}: ${await response.text()}`);
  return (await response.json()) as Reply;
}

/** Does the reply state this fact of this product correctly? */
function statesFact(reply: string, card: Card, fact: NonNullable<Question['fact']>): boolean {
  const text = reply.toLowerCase();
  const has = (s: string | null) => s !== null && text.includes(s.toLowerCase());
  switch (fact) {
    case 'price':
      return has(formatMoney(card.finalPrice)) || has(formatMoney(card.price));
    case 'stock':
      return card.stock > 0
        ? /in stock/.test(text) && !/out of stock/.test(text)
        : /out of stock|sold out/.test(text);
    case 'warranty':
      return has(card.warranty);
    case 'return_policy':
      return has(card.returnPolicy);
    case 'shipping':
      return has(card.shipping);
    case 'rating':
      return card.rating !== null && (has(card.rating.toFixed(2)) || has(card.rating.toFixed(1)));
    case 'brand':
      return has(card.brand);
  }
}

function referred(shown: Card[], ref: string | undefined): Card | undefined {
  switch (ref) {
    case 'second':
      return shown[1];
    case 'third':
      return shown[2];
    case 'last':
      return shown.at(-1);
    case 'other':
      return shown[1];
    case 'cheapest':
      return [...shown].sort((a, b) => a.finalPrice - b.finalPrice)[0];
    default:
      return shown[0];
  }
}

const tally = new Map<string, { right: number; total: number }>();
const count = (name: string, right: boolean) => {
  const t = tally.get(name) ?? { right: 0, total: 0 };
  t.total++;
  if (right) t.right++;
  tally.set(name, t);
};
const misses: string[] = [];
const miss = (what: string, q: string, got: string) => {
  if (misses.length < Number(values.misses)) misses.push(`${what}: ${q} → ${got}`);
};

/**
 * Plays a dialogue and checks every turn: the intent the response reports, a pattern the reply must match
 * (case-insensitive), whether it shows products. Counts each turn, and says whether all were right.
 */
async function dialogue(
  turns: string[],
  expect: NonNullable<Question['expect']>,
  customer: string | undefined,
): Promise<boolean> {
  let conversationId: string | undefined;
  let all = true;
  for (const [i, turn] of turns.entries()) {
    const r = await send(turn, conversationId, customer);
    conversationId = r.conversationId;
    const want = expect[i] ?? {};
    const wrong = [
      want.intent !== undefined &&
        !new RegExp(`^(?:${want.intent})$`).test(r.intent.name) &&
        `intent ${r.intent.name} (want ${want.intent})`,
      want.says !== undefined &&
        !new RegExp(want.says, 'i').test(r.reply) &&
        `reply ${JSON.stringify(r.reply.slice(0, 100))} (want /${want.says}/)`,
      want.products !== undefined &&
        r.products.length > 0 !== want.products &&
        `${r.products.length} products`,
    ].filter(Boolean);
    count('dialogue turns answered as expected', wrong.length === 0);
    if (wrong.length) {
      all = false;
      miss(`dialogue turn ${i + 1}`, turns.slice(0, i + 1).join(' / '), wrong.join('; '));
    }
  }
  return all;
}

const catalog = catalogByTitle();
try {
  if (values.catalog) {
    const imported = await fetch(`${base}/v1/admin/catalog?replace=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eval-admin-key' },
      body: readFileSync(values.catalog),
    });
    if (!imported.ok) throw new Error(`catalog import: ${imported.status} ${await imported.text()}`);
  }
  const latencies: number[] = [];
  for (const file of positionals) {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    for (const line of lines) {
      const item = question.parse(JSON.parse(line));
      const started = performance.now();
      if (item.intent) {
        const r = await send(item.q ?? '');
        const right =
          item.intent === 'out_of_scope' ? !isSupportIntent(r.intent.name) : r.intent.name === item.intent;
        count(
          item.intent === 'out_of_scope'
            ? 'unrelated kept out of support intents'
            : `intent (${file.split('/').pop()})`,
          right,
        );
        if (!right) miss('intent', item.q ?? '', `${r.intent.name} (want ${item.intent})`);
        // An unrelated message offered products is not a support error, but it should be rare.
        if (item.intent === 'out_of_scope') {
          count('unrelated answered with products', r.products.length > 0);
          if (r.products.length) miss('products for', item.q ?? '', r.products[0]?.title ?? '');
        }
        continue;
      }
      if (item.turns && item.expect) {
        const right = await dialogue(item.turns, item.expect, item.customer);
        count('dialogues answered right at every turn', right);
        continue;
      }
      const want = (item.want ?? []).map((t) => t.toLowerCase());
      if (item.turns) {
        let r = await send(item.turns[0] as string);
        let previous = r;
        for (const turn of item.turns.slice(1)) {
          previous = r;
          r = await send(turn, r.conversationId);
        }
        // "it" after one product is that product; otherwise the reference picks from the list shown.
        const expected =
          item.ref === 'it' && previous.products.length === 1
            ? previous.products[0]
            : referred(previous.products, item.ref);
        const right =
          expected !== undefined &&
          r.reply.toLowerCase().includes(expected.title.toLowerCase()) &&
          (!item.fact || statesFact(r.reply, expected, item.fact));
        count('follow-up answered about the product referred to', right);
        if (!right) miss('follow-up', item.turns.join(' / '), r.reply.slice(0, 120));
        continue;
      }
      const r = await send(item.q ?? '');
      latencies.push(performance.now() - started);
      const titles = r.products.map((p) => p.title.toLowerCase());
      if (item.kind === 'not_sold' || want.length === 0) {
        count('not sold → no products', r.products.length === 0);
        if (r.products.length) miss('not sold', item.q ?? '', titles.slice(0, 3).join(' | '));
        continue;
      }
      const hit = titles.slice(0, 3).some((t) => want.includes(t));
      count('product wanted in the top 3', hit);
      count(`  top 3, ${item.kind ?? 'other'}`, hit);
      if (!hit)
        miss(`top3 ${item.kind}`, item.q ?? '', titles.slice(0, 3).join(' | ') || `(none; ${r.intent.name})`);
      if (item.max !== undefined || item.min !== undefined) {
        const inside = r.products.every(
          (p) =>
            (item.max === undefined || p.finalPrice <= item.max) &&
            (item.min === undefined || p.finalPrice >= item.min),
        );
        count('price limit obeyed by every product shown', inside);
        if (!inside)
          miss('price limit', item.q ?? '', r.products.map((p) => `${p.title} ${p.finalPrice}`).join(' | '));
      }
      if (item.fact) {
        const card = catalog.get(want[0] as string);
        const right = card !== undefined && statesFact(r.reply, card, item.fact);
        count('fact stated correctly', right);
        if (!right) miss(`fact ${item.fact}`, item.q ?? '', r.reply.slice(0, 120));
      }
    }
  }
  console.log(
    `catalog: ${values.catalog ?? 'demo (built in)'}, imported after start: ${values.catalog ? 'yes' : 'no'}`,
  );
  for (const [name, t] of tally)
    console.log(
      `${name.padEnd(56)} ${((100 * t.right) / t.total).toFixed(1).padStart(6)} %  (${t.right}/${t.total})`,
    );
  if (latencies.length) console.log(`round trip per question p50 ${median(latencies).toFixed(1)} ms`);
  if (misses.length) console.log(`first misses:\n  ${misses.join('\n  ')}`);
} finally {
  await service.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
