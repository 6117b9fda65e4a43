/**
 * @module delivery/load
 * Synthetic traffic for gated releases in environments with too little real traffic for a gate to judge
 * (Flagger's most reported problem: "no data"). One `send` per tick at a fixed rate, never more than
 * `maxRequests`, stopped by the signal; a `send` that is still running does not delay the next tick, and at
 * most `ratePerSecond × 10` run at once so a hanging service cannot pile them up.
 */

export interface LoadOptions {
  send: () => Promise<boolean>;
  ratePerSecond: number;
  maxRequests: number;
  sleep: (ms: number) => Promise<void>;
  signal: AbortSignal;
}

export interface LoadReport {
  sent: number;
  failed: number;
}

export async function generateLoad(options: LoadOptions): Promise<LoadReport> {
  const { send, ratePerSecond, maxRequests, sleep, signal } = options;
  if (!(ratePerSecond > 0)) throw new Error('load needs a rate above 0');
  const tickMs = 1000 / ratePerSecond;
  const maxInFlight = Math.max(1, Math.ceil(ratePerSecond * 10));
  const inFlight = new Set<Promise<void>>();
  const report: LoadReport = { sent: 0, failed: 0 };
  while (!signal.aborted && report.sent < maxRequests) {
    if (inFlight.size < maxInFlight) {
      report.sent++;
      const one: Promise<void> = send()
        .then((ok) => {
          if (!ok) report.failed++;
        })
        .catch(() => {
          report.failed++;
        })
        .finally(() => inFlight.delete(one));
      inFlight.add(one);
    }
    await sleep(tickMs);
  }
  await Promise.all(inFlight);
  return report;
}
