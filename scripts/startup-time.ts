/**
 * Measures start-up: process spawn → first `/readyz` 200 and → first chat reply, and peak RSS (VmHWM).
 * Usage: node --experimental-strip-types scripts/startup-time.ts [--runs N] [--postgres | --database-url URL]
 *   [--source]  (the TypeScript sources instead of the bundle `npm start` runs)
 * Embedded mode measures a first start (empty data dir: initdb, migrations, demo seeding) and restarts;
 * `--postgres` starts a throwaway PostgreSQL cluster and measures first starts on fresh databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from '../src/eval/metrics.ts';
import { chatOnce, peakRssMb, serviceBundle, startService, throwawayPostgres } from './lib/service.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'database-url': { type: 'string' },
    postgres: { type: 'boolean', default: false },
    source: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
// What `npm start` and the image run; `--source` measures the TypeScript sources instead.
const entry = values.source ? 'src/main.ts' : serviceBundle();

interface Sample {
  ms: number;
  chatMs: number;
  rssMb: number;
}

async function startOnce(env: Record<string, string>): Promise<Sample> {
  const spawned = performance.now();
  const service = await startService({ ...env, LOG_LEVEL: 'warn' }, entry);
  const status = await chatOnce(service.port);
  if (status !== 200) throw new Error(`first chat answered ${status}`);
  const chatMs = performance.now() - spawned;
  const rssMb = peakRssMb(service.child.pid as number);
  await service.stop();
  return { ms: service.readyMs, chatMs, rssMb };
}

const describe = (label: string, samples: Sample[]) => {
  const ms = samples.map((s) => s.ms);
  const chat = samples.map((s) => s.chatMs);
  const rss = samples.map((s) => s.rssMb);
  console.log(
    `${label.padEnd(34)} n=${samples.length}  ready median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)})  first chat reply median ${median(chat).toFixed(0)} ms (min ${Math.min(...chat).toFixed(0)}, max ${Math.max(...chat).toFixed(0)})  peak RSS median ${median(rss)} MB (max ${Math.max(...rss)})`,
  );
};

console.log(`node ${process.version}, ${runs} runs each`);
const first: Sample[] = [];
const restart: Sample[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'startup-'));
  first.push(await startOnce({ CHATBOT_DATA_DIR: dir }));
  restart.push(await startOnce({ CHATBOT_DATA_DIR: dir }));
  rmSync(dir, { recursive: true, force: true });
}
describe('embedded, first start (seeding)', first);
describe('embedded, restart', restart);
if (values['database-url']) {
  const pg: Sample[] = [];
  for (let i = 0; i < runs; i++) pg.push(await startOnce({ DATABASE_URL: values['database-url'] }));
  describe('postgres (migrated, seeded)', pg);
}
if (values.postgres) {
  const server = await throwawayPostgres();
  try {
    const fresh: Sample[] = [];
    for (let i = 0; i < runs; i++) fresh.push(await startOnce({ DATABASE_URL: await server.database() }));
    describe('postgres, first start (seeding)', fresh);
  } finally {
    server.stop();
  }
}
