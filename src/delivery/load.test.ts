import { describe, expect, it } from 'vitest';
import { generateLoad } from './load.ts';

describe('synthetic load for gates', () => {
  it('sends at most maxRequests, one per tick of 1000 / rate ms, and counts failures', async () => {
    const ticks: number[] = [];
    let n = 0;
    const report = await generateLoad({
      send: async () => ++n % 3 !== 0,
      ratePerSecond: 4,
      maxRequests: 9,
      sleep: async (ms) => {
        ticks.push(ms);
      },
      signal: new AbortController().signal,
    });
    expect(report).toEqual({ sent: 9, failed: 3 });
    expect(new Set(ticks)).toEqual(new Set([250]));
  });

  it('stops when aborted, and waits for the requests in flight', async () => {
    const controller = new AbortController();
    let finished = 0;
    const report = await generateLoad({
      send: async () => {
        await Promise.resolve();
        finished++;
        return true;
      },
      ratePerSecond: 1,
      maxRequests: 1000,
      sleep: async () => {
        if (finished >= 2) controller.abort();
      },
      signal: controller.signal,
    });
    expect(report.sent).toBeLessThan(1000);
    expect(finished).toBe(report.sent);
  });

  it('never runs more than rate × 10 at once against a hanging service', async () => {
    let release: () => void = () => {};
    const hang = new Promise<boolean>((resolve) => {
      release = () => resolve(false);
    });
    let inFlight = 0;
    let peak = 0;
    let ticks = 0;
    const running = generateLoad({
      send: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        const ok = await hang;
        inFlight--;
        return ok;
      },
      ratePerSecond: 2,
      maxRequests: 100,
      sleep: async () => {
        if (++ticks === 50) release();
      },
      signal: new AbortController().signal,
    });
    const report = await running;
    expect(peak).toBe(20);
    expect(report.sent).toBe(100);
  });

  it('refuses a rate of 0', async () => {
    await expect(
      generateLoad({
        send: async () => true,
        ratePerSecond: 0,
        maxRequests: 1,
        sleep: async () => {},
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(/rate above 0/);
  });
});
