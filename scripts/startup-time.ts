/**
 * Measures start-up: process spawn → first `/readyz` 200, and peak RSS (VmHWM) at that point.
 * Usage: node --experimental-strip-types scripts/startup-time.ts [--runs N] [--database-url URL]
 * Embedded mode measures a first start (empty data dir: initdb, migrations, demo seeding) and restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { peakRssMb, startService } from './lib/service.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'database-url': { type: 'string' } },
});
const runs = Number(values.runs);

async function startOnce(env: Record<string, string>): Promise<{ ms: number; rssMb: number }> {
  const service = await startService({ ...env, LOG_LEVEL: 'warn' });
  const rssMb = peakRssMb(service.child.pid as number);
  await service.stop();
  return { ms: service.readyMs, rssMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const describe = (label: string, samples: { ms: number; rssMb: number }[]) => {
  const ms = samples.map((s) => s.ms);
  const rss = samples.map((s) => s.rssMb);
  console.log(
    `${label.padEnd(34)} n=${samples.length}  median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)})  peak RSS median ${median(rss)} MB (max ${Math.max(...rss)})`,
  );
};

console.log(`node ${process.version}, ${runs} runs each`);
const first: { ms: number; rssMb: number }[] = [];
const restart: { ms: number; rssMb: number }[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'startup-'));
  first.push(await startOnce({ CHATBOT_DATA_DIR: dir }));
  restart.push(await startOnce({ CHATBOT_DATA_DIR: dir }));
  rmSync(dir, { recursive: true, force: true });
}
describe('embedded, first start (seeding)', first);
describe('embedded, restart', restart);
if (values['database-url']) {
  const pg: { ms: number; rssMb: number }[] = [];
  for (let i = 0; i < runs; i++) pg.push(await startOnce({ DATABASE_URL: values['database-url'] }));
  describe('postgres (migrated, seeded)', pg);
}
