/**
 * `npm run bench [-- --store embedded|postgres --seconds N --rounds N --connections N --rates 50,100,200]`
 * Starts the service twice — fully instrumented (metrics on, info logs) and bare (metrics off, logs
 * silent) — on the embedded PGlite store or on a throwaway PostgreSQL cluster (one database each), and
 * drives both with autocannon in alternating rounds, so both see the same machine noise.
 * 1. Saturation: per route, median throughput and latency percentiles and the instrumented/bare ratio.
 * 2. Fixed offered loads: chat and /healthz on the instrumented instance at each rate in `--rates`
 *    with an open-loop generator (scripts/lib/open-loop.ts), so latency is read below saturation, where
 *    customers should be, and measured from each request's scheduled send.
 * Then each instance's cold start (spawn → /readyz 200) and peak RSS.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { median, percentile } from '../src/eval/metrics.ts';
import { openLoop } from './lib/open-loop.ts';
import {
  type BenchPostgres,
  peakRssMb,
  type StartedService,
  startService,
  throwawayPostgres,
} from './lib/service.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    store: { type: 'string', default: 'embedded' },
    rates: { type: 'string', default: '25,50,100,200' },
  },
});
if (values.store !== 'embedded' && values.store !== 'postgres')
  throw new Error('--store is embedded or postgres');
const rates = values.rates
  .split(',')
  .map(Number)
  .filter((r) => r > 0);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

interface Instance {
  name: string;
  port: number;
  service: StartedService;
}

let pg: BenchPostgres | undefined;

async function start(name: string, env: Record<string, string>): Promise<Instance> {
  const store: Record<string, string> = pg ? { DATABASE_URL: await pg.database(), DB_POOL_MAX: '10' } : {};
  const service = await startService({
    ...env,
    ...store,
    CHATBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-')),
    // The load generator is one client address; the per-shopper limit would otherwise stop it.
    CHATBOT_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  return { name, port: service.port, service };
}

const ROUTES = [
  {
    label: 'POST /v1/chat (new conversation, product search, 2 messages stored)',
    path: '/v1/chat',
    method: 'POST' as const,
    body: JSON.stringify({ message: 'tablets under 400 dollars' }),
  },
  {
    label: 'POST /v1/nlu/parse',
    path: '/v1/nlu/parse',
    method: 'POST' as const,
    body: JSON.stringify({ text: 'where is my order 100042?' }),
  },
  { label: 'GET /healthz', path: '/healthz', method: 'GET' as const },
];

async function drive(instance: Instance, route: (typeof ROUTES)[number]) {
  const result = await autocannon({
    url: `http://127.0.0.1:${instance.port}${route.path}`,
    method: route.method,
    body: route.body,
    headers: route.body ? { 'content-type': 'application/json' } : {},
    connections,
    duration: seconds,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${instance.name} ${route.label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
  };
}

const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

if (values.store === 'postgres') pg = await throwawayPostgres();
const instrumented = await start('instrumented', { METRICS_ENABLED: 'true', LOG_LEVEL: 'info' });
const bare = await start('bare', { METRICS_ENABLED: 'false', LOG_LEVEL: 'silent' });
try {
  console.log(
    `node ${process.version}; store ${values.store}; ${rounds} alternating rounds of ${seconds}s at ${connections} connections per route and instance`,
  );
  for (const route of ROUTES) {
    const samples: Record<string, { rps: number; p50: number; p99: number }[]> = {
      instrumented: [],
      bare: [],
    };
    await drive(instrumented, route);
    await drive(bare, route); // warm-up round, not counted
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [bare, instrumented] : [instrumented, bare];
      for (const instance of order) samples[instance.name]?.push(await drive(instance, route));
    }
    console.log(`\n${route.label}`);
    for (const name of ['instrumented', 'bare']) {
      const s = samples[name] ?? [];
      console.log(
        `  ${name.padEnd(13)} ${median(s.map((x) => x.rps))
          .toFixed(0)
          .padStart(
            7,
          )} req/s (rounds ${spread(s.map((x) => x.rps))})  p50 ${median(s.map((x) => x.p50))} ms  p99 ${median(s.map((x) => x.p99))} ms`,
      );
    }
    const ratio = median(
      (samples.instrumented ?? []).map((x, i) => x.rps / ((samples.bare ?? [])[i]?.rps ?? 1)),
    );
    console.log(
      `  instrumented / bare throughput, median of per-round ratios: ${ratio.toFixed(3)} (${((1 - ratio) * 100).toFixed(1)} % cost)`,
    );
  }
  console.log(`\nfixed offered loads, open loop (instrumented instance, ${seconds}s each)`);
  for (const route of [ROUTES[0], ROUTES[2]].filter((r) => r !== undefined)) {
    for (const rate of rates) {
      const url = `http://127.0.0.1:${instrumented.port}${route.path}`;
      const r = await openLoop({ url, method: route.method, body: route.body, rate, seconds });
      const p = (q: number) => percentile(r.latencies, q).toFixed(1);
      console.log(
        `  ${route.path.padEnd(10)} offered ${String(rate).padStart(4)} req/s → served ${r.served.toFixed(0).padStart(4)} req/s, ${r.failed} failed  p50 ${p(50)} ms  p90 ${p(90)} ms  p99 ${p(99)} ms`,
      );
    }
  }
  for (const instance of [instrumented, bare]) {
    console.log(
      `\n${instance.name}: cold start (spawn → /readyz 200, first start with seeding) ${instance.service.readyMs.toFixed(0)} ms, peak RSS ${peakRssMb(instance.service.child.pid as number)} MB`,
    );
  }
} finally {
  await instrumented.service.stop();
  await bare.service.stop();
  pg?.stop();
}
