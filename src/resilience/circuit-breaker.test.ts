import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError, type CircuitState } from './circuit-breaker.ts';

function setup(threshold = 3, cooldownMs = 1000) {
  let now = 0;
  const changes: Array<[CircuitState, CircuitState]> = [];
  const breaker = new CircuitBreaker({
    name: 'dep',
    failureThreshold: threshold,
    cooldownMs,
    now: () => now,
    onStateChange: ({ from, to }) => changes.push([from, to]),
  });
  let calls = 0;
  const fail = () =>
    breaker.run(async () => {
      calls++;
      throw new Error('down');
    });
  const succeed = () =>
    breaker.run(async () => {
      calls++;
      return 'ok';
    });
  return { breaker, changes, fail, succeed, calls: () => calls, advance: (ms: number) => (now += ms) };
}

describe('circuit breaker', () => {
  it('opens after consecutive failures and then fails fast without calling', async () => {
    const t = setup(3);
    for (let i = 0; i < 3; i++) await expect(t.fail()).rejects.toThrow('down');
    expect(t.breaker.state).toBe('open');
    await expect(t.succeed()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(t.calls()).toBe(3);
    expect(t.changes).toEqual([['closed', 'open']]);
  });

  it('a success between failures resets the count', async () => {
    const t = setup(3);
    await expect(t.fail()).rejects.toThrow();
    await expect(t.fail()).rejects.toThrow();
    await t.succeed();
    await expect(t.fail()).rejects.toThrow();
    expect(t.breaker.state).toBe('closed');
  });

  it('lets one trial through after the cooldown: success closes, failure reopens for another cooldown', async () => {
    const t = setup(1, 1000);
    await expect(t.fail()).rejects.toThrow();
    t.advance(999);
    await expect(t.succeed()).rejects.toBeInstanceOf(CircuitOpenError);
    t.advance(1);
    expect(t.breaker.state).toBe('half-open');
    await expect(t.fail()).rejects.toThrow('down');
    expect(t.breaker.state).toBe('open');
    t.advance(1000);
    expect(await t.succeed()).toBe('ok');
    expect(t.breaker.state).toBe('closed');
    expect(t.changes).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
  });

  it('allows a single trial at a time while half-open', async () => {
    const t = setup(1, 10);
    await expect(t.fail()).rejects.toThrow();
    t.advance(10);
    let release: (v: string) => void = () => {};
    const trial = t.breaker.run(() => new Promise<string>((resolve) => (release = resolve)));
    await expect(t.succeed()).rejects.toBeInstanceOf(CircuitOpenError);
    release('done');
    expect(await trial).toBe('done');
    expect(t.breaker.state).toBe('closed');
  });
});
