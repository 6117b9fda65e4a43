/**
 * Starts the service as a child process for the measuring scripts and reports when it is ready.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDatabase, findPostgresBin, freePort, startPostgres } from '../../test/postgres-server.ts';

const root = resolve(import.meta.dirname, '../..');
/** How node runs the project's TypeScript files. */
export const TS_FLAGS = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];

/** VmHWM of a process, in MB. */
export function peakRssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

/**
 * The V8 flags `npm start` gives the service (package.json's start script), so a measured service runs as
 * the shipped one: a 16 MB young generation and a heap that grows by half its live size, not ×4 (see
 * docs/performance.md, peak RSS).
 */
export function startFlags(): string[] {
  const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return manifest.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

export interface StartedService {
  port: number;
  child: ChildProcess;
  /** Spawn → first 200 from /readyz. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * The bundle `npm start` and the image run (dist/main.mjs), rebuilt first if a source is newer: what the
 * measuring scripts start, so their figures are those of the service as shipped. Tests start the sources.
 */
export function serviceBundle(): string {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  return 'dist/main.mjs';
}

/** Starts `entry` (the service's sources unless told otherwise) and waits for its /readyz. */
export async function startService(
  env: Record<string, string>,
  entry = 'src/main.ts',
): Promise<StartedService> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...TS_FLAGS, ...startFlags(), entry], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  const exited = new Promise((done) => child.once('exit', done));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited ${child.exitCode}`);
    if (
      await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    port,
    child,
    readyMs: performance.now() - started,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Current resident set of a process, in MB. */
export function rssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

/** One chat turn over HTTP; resolves with its status once the whole reply has arrived. */
export async function chatOnce(port: number, message = 'tablets under 400 dollars'): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  await response.text();
  return response.status;
}

export interface BenchPostgres {
  /** A new, empty database on the server for each caller. */
  database(): Promise<string>;
  stop(): void;
}

/** A throwaway PostgreSQL cluster (the same the tests use): fsync off, on a free port. */
export async function throwawayPostgres(): Promise<BenchPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries (initdb) on this machine');
  const server = await startPostgres(bin);
  let n = 0;
  return {
    database: () => createDatabase(server.url, `bench_${process.pid}_${n++}`),
    stop: () => server.stop(),
  };
}
