/**
 * @module test/prometheus-bin
 * Finds Debian's prometheus and promtool: on PATH, in PROMETHEUS_BIN_DIR, or where `.ci/run` unpacks the
 * package (`~/.cache/chatbot-ci/prometheus/usr/bin`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

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
