import { describe, expect, it } from 'vitest';
import { PoolGate } from './pool-gate.ts';

describe('PoolGate', () => {
  it('counts available slots and waiting work exactly, in order', async () => {
    const gate = new PoolGate(2);
    const releases: (() => void)[] = [];
    const order: number[] = [];
    const job = (n: number) =>
      gate.run(
        () =>
          new Promise<void>((resolve) => {
            order.push(n);
            releases.push(resolve);
          }),
      );
    const jobs = [job(1), job(2), job(3), job(4)];
    await Promise.resolve();
    expect(gate.stats).toEqual({ size: 2, available: 0, waiting: 2 });
    releases.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(gate.stats).toEqual({ size: 2, available: 0, waiting: 1 });
    while (releases.length) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(jobs);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(gate.stats).toEqual({ size: 2, available: 2, waiting: 0 });
  });

  it('frees the slot when the work fails', async () => {
    const gate = new PoolGate(1);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.stats.available).toBe(1);
    expect(await gate.run(() => 42)).toBe(42);
  });
});
