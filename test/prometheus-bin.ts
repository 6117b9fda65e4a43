/**
 * @module test/prometheus-bin
 * Finds Debian's prometheus and promtool: on PATH, in PROMETHEUS_BIN_DIR, or where `.ci/run` unpacks the
 * package (`~/.cache/chatbot-ci/prometheus/usr/bin`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres-server.ts';

export function findPrometheusTool(name: 'prometheus' | 'promtool'): string | undefined {
  const dirs = [
    process.env.PROMETHEUS_BIN_DIR,
    join(homedir(), '.cache/chatbot-ci/prometheus/usr/bin'),
  ].filter((d): d is string => Boolean(d));
  for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** Skip reason for tests that need the tool, or '' when it is there. Under CI a missing tool is an error. */
export function prometheusSkipReason(name: 'prometheus' | 'promtool'): string {
  if (findPrometheusTool(name)) return '';
  if (process.env.CI) throw new Error(`CI needs ${name} (Debian's prometheus package); .ci/run installs it`);
  return `${name} not installed`;
}

export interface RunningPrometheus {
  url: string;
  stop(): void;
}

/**
 * Starts a real Prometheus scraping every second. `jobs` maps a job name to its static targets
 * (`host:port`) and the labels they get, e.g. `{ namespace: 'chatbot-staging' }`.
 */
export async function startPrometheus(
  jobs: Record<string, { targets: string[]; labels: Record<string, string> }>,
): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'prom-'));
  const configs = Object.entries(jobs).map(
    ([job, { targets, labels }]) =>
      `  - job_name: ${job}\n    static_configs: [${JSON.stringify({ targets, labels })}]\n`,
  );
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s }\nscrape_configs:\n${configs.join('')}`,
  );
  const port = await freePort();
  const child = spawn(
    findPrometheusTool('prometheus') as string,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGTERM');
      child.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    },
  };
}
