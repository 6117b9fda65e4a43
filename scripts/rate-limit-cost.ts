/**
 * What the shared (PostgreSQL) rate limiter costs per request: the median and p99 latency of its one upsert
 * (two keys, as a request with an API key and a customer makes) next to a bare `select 1` round trip on the
 * same connection pool, one at a time and with 16 callers at once, on a throwaway durable PostgreSQL server
 * (or DATABASE_URL's database when `--url` is given). Prints figures; asserts nothing.
 *
 * `npm run ratelimit:cost [-- --calls N --keys N --api-keys N --url postgres://…]` (`--keys`: distinct customers)
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { applyMigrations } from '../src/db/migrations.ts';
import { countHits } from '../src/db/repositories/rate-limits.ts';
import { openStore } from '../src/db/store.ts';
import { median, percentile } from '../src/eval/metrics.ts';
import { createDatabase, findPostgresBin, startPostgres } from '../test/postgres-server.ts';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '4000' },
    keys: { type: 'string', default: '10000' },
    'api-keys': { type: 'string', default: '1' },
    url: { type: 'string' },
  },
});
const calls = Number(values.calls);
const distinctKeys = Number(values.keys);
// One API key (a storefront backend) means every request updates the same counter row: the hot spot.
const apiKeys = Number(values['api-keys']);

let stop = () => {};
let url = values.url;
if (!url) {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries; pass --url');
  const server = await startPostgres(bin, { durable: true });
  stop = () => server.stop();
  url = await createDatabase(server.url, `ratelimit_${process.pid}`);
}
const store = await openStore({ kind: 'postgres', url, poolMax: 16 });
await applyMigrations(store);

const window = () => new Date(Math.floor(Date.now() / 60_000) * 60_000);
const upsert = (i: number) =>
  countHits(store.db, [`key:${i % apiKeys}`, `customer:${(i * 7919) % distinctKeys}`], window());
const ping = () => store.db.execute(sql`select 1`);

async function timed(work: (i: number) => Promise<unknown>, callers: number): Promise<number[]> {
  const ms: number[] = [];
  let next = 0;
  const loop = async () => {
    for (let i = next++; i < calls; i = next++) {
      const started = performance.now();
      await work(i);
      ms.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: callers }, loop));
  return ms;
}

const fmt = (ms: number[]) =>
  `median ${median(ms).toFixed(3)} ms, p99 ${percentile(ms, 99).toFixed(3)} ms (n=${ms.length})`;
try {
  await timed(upsert, 4); // warm-up: fills the table with its keys
  for (const callers of [1, 16]) {
    const started = performance.now();
    const base = await timed(ping, callers);
    const baseSeconds = (performance.now() - started) / 1000;
    const t0 = performance.now();
    const limited = await timed(upsert, callers);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`${callers} caller(s):`);
    console.log(`  select 1        ${fmt(base)}, ${(calls / baseSeconds).toFixed(0)}/s`);
    console.log(`  rate-limit hit  ${fmt(limited)}, ${(calls / seconds).toFixed(0)}/s`);
    console.log(`  added per request (median difference): ${(median(limited) - median(base)).toFixed(3)} ms`);
  }
} finally {
  await store.close();
  stop();
}
