/**
 * An open-loop load generator: requests leave on a fixed schedule (one every 1/rate seconds) whether or
 * not earlier ones have returned, and each latency is measured from its scheduled time, so a stall shows
 * up in the percentiles instead of quietly lowering the offered load (no coordinated omission).
 * autocannon's overallRate sends each second's share in bursts, which measures its own queueing at low
 * rates. Keep-alive connections come from fetch's (undici's) pool.
 */
export interface OpenLoopResult {
  offered: number;
  served: number;
  failed: number;
  /** Milliseconds, one per served request. */
  latencies: number[];
}

export async function openLoop(options: {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  rate: number;
  seconds: number;
}): Promise<OpenLoopResult> {
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      fetch(options.url, {
        method: options.method,
        body: options.body,
        headers: options.body ? { 'content-type': 'application/json' } : {},
      }).then(
        async (response) => {
          await response.arrayBuffer();
          if (response.ok) latencies.push(performance.now() - scheduled);
          else failed++;
        },
        () => {
          failed++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  return {
    offered: options.rate,
    served: latencies.length / elapsed,
    failed,
    latencies,
  };
}
