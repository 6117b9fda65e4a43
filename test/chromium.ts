/**
 * @module test/chromium
 * Debian's Chromium for browser tests (playwright-core drives it; no browser download).
 */
import { spawnSync } from 'node:child_process';

export function findChromium(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim().split('\n')[0] : undefined;
}

export function chromiumSkipReason(): string {
  if (findChromium()) return '';
  if (process.env.CI) throw new Error('CI needs Debian chromium for the web page tests; .ci/run installs it');
  return 'chromium not installed (apt-get install chromium)';
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
