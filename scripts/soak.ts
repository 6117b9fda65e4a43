/**
 * `npm run soak [-- --store embedded|postgres --minutes N --rate R]`: one instrumented instance under a
 * steady open-loop chat load for a bounded time, its resident memory sampled every 5 s.
 * Prints the samples, the median RSS of the first and last quarter, and the least-squares slope in MB per
 * minute after the first minute (warm-up: JIT, caches, the conversation table's first pages).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, percentile } from '../src/eval/metrics.ts';
import { openLoop } from './lib/open-loop.ts';
import { type BenchPostgres, chatOnce, rssMb, startService, throwawayPostgres } from './lib/service.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '3' },
    rate: { type: 'string', default: '100' },
    store: { type: 'string', default: 'postgres' },
  },
});
const seconds = Math.round(Number(values.minutes) * 60);
const rate = Number(values.rate);
let pg: BenchPostgres | undefined;
if (values.store === 'postgres') pg = await throwawayPostgres();
const service = await startService({
  CHATBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'soak-')),
  CHATBOT_RATE_LIMIT_PER_MINUTE: '1000000',
  LOG_LEVEL: 'info',
  ...(pg ? { DATABASE_URL: await pg.database() } : {}),
});
const pid = service.child.pid as number;
try {
  await chatOnce(service.port);
  const samples: Array<{ t: number; mb: number }> = [];
  const started = performance.now();
  const sampler = setInterval(
    () => samples.push({ t: (performance.now() - started) / 1000, mb: rssMb(pid) }),
    5000,
  );
  samples.push({ t: 0, mb: rssMb(pid) });
  const result = await openLoop({
    url: `http://127.0.0.1:${service.port}/v1/chat`,
    method: 'POST',
    body: JSON.stringify({ message: 'tablets under 400 dollars' }),
    rate,
    seconds,
  });
  clearInterval(sampler);
  samples.push({ t: (performance.now() - started) / 1000, mb: rssMb(pid) });
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const first = median(samples.slice(0, quarter).map((s) => s.mb));
  const last = median(samples.slice(-quarter).map((s) => s.mb));
  const steady = samples.filter((s) => s.t >= 60);
  const n = steady.length;
  const mt = steady.reduce((a, s) => a + s.t, 0) / n;
  const mm = steady.reduce((a, s) => a + s.mb, 0) / n;
  const slope =
    steady.reduce((a, s) => a + (s.t - mt) * (s.mb - mm), 0) /
    steady.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  console.log(`node ${process.version}; store ${values.store}; ${seconds}s of chat at ${rate} req/s offered`);
  const p = (q: number) => percentile(result.latencies, q).toFixed(1);
  console.log(
    `served ${result.latencies.length} turns (${result.served.toFixed(0)} req/s), ${result.failed} failed; p50 ${p(50)} ms, p99 ${p(99)} ms`,
  );
  console.log(`RSS samples (s:MB): ${samples.map((s) => `${s.t.toFixed(0)}:${s.mb}`).join(' ')}`);
  console.log(
    `RSS median first quarter ${first} MB, last quarter ${last} MB; slope after the first minute ${(slope * 60).toFixed(2)} MB/min`,
  );
} finally {
  await service.stop();
  pg?.stop();
}
