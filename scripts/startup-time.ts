/**
 * Measures start-up: process spawn → first `/readyz` 200, and peak RSS (VmHWM) at that point.
 * Usage: node --experimental-strip-types scripts/startup-time.ts [--runs N] [--database-url URL]
 * Embedded mode measures a first start (empty data dir: initdb, migrations, demo seeding) and restarts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'database-url': { type: 'string' } },
});
const runs = Number(values.runs);

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });

function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return line ? Math.round(Number(line[1]) / 1024) : Number.NaN;
}

async function startOnce(env: Record<string, string>): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'src/main.ts'],
    {
      cwd: root,
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    },
  );
  const exited = new Promise((done) => child.once('exit', done));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`service exited ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return { ms: performance.now() - started, rssMb: peakRssMb(child.pid as number) };
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
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
