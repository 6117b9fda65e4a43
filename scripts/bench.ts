/**
 * `npm run bench [-- --store embedded|postgres|both --seconds N --rounds N --connections N --rates 50,100
 *   --telemetry --catalog products.json]`
 * For each store (embedded PGlite in a fresh data directory, or a throwaway PostgreSQL cluster), starts:
 * - the service, as deployed (metrics on, info logs);
 * - the in-run reference (scripts/lib/reference-app.ts): a bare Hono app storing each message and a reply
 *   as one two-row INSERT transaction on the same kind of store, which is the physical limit of a turn;
 * - with --telemetry, the service bare (metrics off, logs silent), to price the telemetry;
 * - with --catalog FILE, the service on a store with that catalog imported first (e.g. a 100,000-product file
 *   from `npm run eval:scale -- --write`), for chat throughput with a big catalog against the demo one.
 * and drives them with autocannon in alternating rounds, so all see the same machine noise:
 * 1. Saturation: chat on the service, chat on the reference, /healthz on the service. Ratios are medians of
 *    per-round ratios; each line also gives the serving process's CPU time per request (from /proc).
 * 2. Fixed offered loads on the service's chat route with an open-loop generator (scripts/lib/open-loop.ts).
 * 3. Start: ready time of the first start (fresh data directory or database) and of a restart on the
 *    existing one, and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { productArrayOf } from '../src/catalog/dummyjson.ts';
import { median, percentile } from '../src/eval/metrics.ts';
import { openLoop } from './lib/open-loop.ts';
import {
  type BenchPostgres,
  peakRssMb,
  type StartedService,
  serviceBundle,
  startService,
  TS_FLAGS,
  throwawayPostgres,
} from './lib/service.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    store: { type: 'string', default: 'both' },
    rates: { type: 'string', default: '50,100,200' },
    telemetry: { type: 'boolean', default: false },
    catalog: { type: 'string' },
  },
});
const stores = values.store === 'both' ? ['postgres', 'embedded'] : [values.store];
if (!stores.every((s) => s === 'embedded' || s === 'postgres'))
  throw new Error('--store is embedded, postgres or both');
const rates = values.rates
  .split(',')
  .map(Number)
  .filter((r) => r > 0);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

interface Instance {
  name: string;
  env: Record<string, string>;
  entry: string;
  service: StartedService;
}

interface Load {
  label: string;
  instance: Instance;
  path: string;
  body?: string;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  /** CPU time of the serving process per request, in µs (user + system, from /proc). */
  cpuUs: number;
}

/** User + system CPU of a process so far, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const BUNDLE = serviceBundle();
const root = resolve(import.meta.dirname, '..');

async function start(name: string, env: Record<string, string>, entry = BUNDLE): Promise<Instance> {
  return { name, env, entry, service: await startService(env, entry) };
}

/**
 * The service on its own store with a catalog file imported first (`npm run catalog:import`), for the
 * chat throughput with a big catalog beside the demo-catalog figure.
 */
async function startOnCatalog(
  file: string,
  env: Record<string, string>,
): Promise<{ instance: Instance; products: number; importMs: number }> {
  const started = performance.now();
  execFileSync(process.execPath, [...TS_FLAGS, 'src/catalog/cli.ts', file], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const importMs = performance.now() - started;
  const products = productArrayOf(JSON.parse(readFileSync(file, 'utf8')))?.length ?? 0;
  return { instance: await start('catalog', env), products, importMs };
}

async function drive(load: Load): Promise<Sample> {
  const pid = load.instance.service.child.pid as number;
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${load.instance.service.port}${load.path}`,
    method: load.body ? 'POST' : 'GET',
    body: load.body,
    headers: load.body ? { 'content-type': 'application/json' } : {},
    connections,
    duration: seconds,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${load.label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpuUs = ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuUs };
}

const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const ratio = (a: Sample[], b: Sample[]) => median(a.map((x, i) => x.rps / (b[i]?.rps ?? Number.NaN)));

async function benchStore(kind: string, pg: BenchPostgres | undefined): Promise<void> {
  const storeEnv = async (): Promise<Record<string, string>> =>
    pg ? { DATABASE_URL: await pg.database(), DB_POOL_MAX: '10' } : {};
  const serviceEnv = async (extra: Record<string, string>) => ({
    ...(await storeEnv()),
    ...extra,
    CHATBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-')),
    // The load generator is one client address; the per-shopper limit would otherwise stop it.
    CHATBOT_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const service = await start('service', await serviceEnv({ METRICS_ENABLED: 'true', LOG_LEVEL: 'info' }));
  const reference = await start(
    'reference',
    { ...(await storeEnv()), REFERENCE_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-ref-')) },
    'scripts/lib/reference-app.ts',
  );
  const bare = values.telemetry
    ? await start('bare', await serviceEnv({ METRICS_ENABLED: 'false', LOG_LEVEL: 'silent' }))
    : undefined;
  const big = values.catalog
    ? await startOnCatalog(values.catalog, await serviceEnv({ METRICS_ENABLED: 'true', LOG_LEVEL: 'info' }))
    : undefined;
  const chatBody = JSON.stringify({ message: 'tablets under 400 dollars' });
  const loads: Load[] = [
    {
      label: 'service  POST /v1/chat (new conversation, product search)',
      instance: service,
      path: '/v1/chat',
      body: chatBody,
    },
    {
      label: 'reference POST /v1/chat (one 2-row INSERT transaction)',
      instance: reference,
      path: '/v1/chat',
      body: chatBody,
    },
    { label: 'service  GET /healthz', instance: service, path: '/healthz' },
    ...(big
      ? [
          {
            label: `service POST /v1/chat, ${big.products} products imported`,
            instance: big.instance,
            path: '/v1/chat',
            body: chatBody,
          },
        ]
      : []),
    ...(bare
      ? [
          {
            label: 'bare service POST /v1/chat (metrics off, logs silent)',
            instance: bare,
            path: '/v1/chat',
            body: chatBody,
          },
        ]
      : []),
  ];
  const samples = new Map<Load, Sample[]>(loads.map((l) => [l, []]));
  try {
    console.log(
      `\n## ${kind}: ${rounds} alternating rounds of ${seconds} s at ${connections} connections (node ${process.version})`,
    );
    for (const load of loads) await drive(load); // warm-up, not counted
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...loads].reverse() : loads;
      for (const load of order) samples.get(load)?.push(await drive(load));
    }
    for (const load of loads) {
      const s = samples.get(load) ?? [];
      console.log(
        `  ${load.label.padEnd(62)} ${median(s.map((x) => x.rps))
          .toFixed(0)
          .padStart(
            6,
          )} req/s (${spread(s.map((x) => x.rps))})  p50 ${median(s.map((x) => x.p50))} ms  p99 ${median(s.map((x) => x.p99))} ms  CPU ${median(s.map((x) => x.cpuUs)).toFixed(0)} µs/request`,
      );
    }
    const [chat, ref, health, ...rest] = loads.map((l) => samples.get(l) ?? []);
    const bigChat = big ? rest.shift() : undefined;
    const bareChat = rest.shift();
    if (big && bigChat)
      console.log(
        `  ${big.products}-product catalog / demo catalog chat: ${ratio(bigChat, chat ?? []).toFixed(2)}× (start on it: ${big.instance.service.readyMs.toFixed(0)} ms to ready after a ${(big.importMs / 1000).toFixed(1)} s import)`,
      );
    console.log(`  chat / reference throughput: ${ratio(chat ?? [], ref ?? []).toFixed(2)}×`);
    console.log(`  chat / healthz throughput:   ${(ratio(chat ?? [], health ?? []) * 100).toFixed(1)} %`);
    if (bareChat) console.log(`  instrumented / bare chat:    ${ratio(chat ?? [], bareChat).toFixed(3)}×`);

    console.log(`  fixed offered loads on the service's chat, open loop, ${seconds} s each:`);
    for (const rate of rates) {
      const url = `http://127.0.0.1:${service.service.port}/v1/chat`;
      const r = await openLoop({ url, method: 'POST', body: chatBody, rate, seconds });
      const p = (q: number) => percentile(r.latencies, q).toFixed(1);
      console.log(
        `    offered ${String(rate).padStart(4)} req/s → served ${r.served.toFixed(0).padStart(4)} req/s, ${r.failed} failed  p50 ${p(50)} ms  p99 ${p(99)} ms`,
      );
    }
  } finally {
    for (const instance of [reference, bare, big?.instance]) await instance?.service.stop();
  }
  // Start: the first start above was on a fresh data directory (or database); now restart on it.
  const firstReady = service.service.readyMs;
  const firstRss = peakRssMb(service.service.child.pid as number);
  await service.service.stop();
  const again = await startService(service.env, service.entry);
  const againRss = peakRssMb(again.child.pid as number);
  // The restarted service under the same load: a peak that only load brings (a compiler's, a heap's) shows here.
  const restarted = { ...service, service: again };
  await drive({ label: 'restarted service chat', instance: restarted, path: '/v1/chat', body: chatBody });
  const againLoadedRss = peakRssMb(again.child.pid as number);
  await again.stop();
  console.log(
    `  start: fresh ${kind === 'postgres' ? 'database' : 'data directory'} ${firstReady.toFixed(0)} ms to ready (peak RSS after the load ${firstRss} MB); restart on it ${again.readyMs.toFixed(0)} ms (peak RSS ${againRss} MB at ready, ${againLoadedRss} MB after the load)`,
  );
}

for (const kind of stores) {
  const pg = kind === 'postgres' ? await throwawayPostgres() : undefined;
  try {
    await benchStore(kind, pg);
  } finally {
    pg?.stop();
  }
}
