/**
 * @module lifecycle/readiness
 * What `/readyz` reports: named checks that must all pass, and a draining flag set at shutdown.
 */

export type ReadinessCheck = () => Promise<void> | void;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

export class Readiness {
  #checks = new Map<string, ReadinessCheck>();
  #draining = false;

  /** Adds or replaces a check; a check passes by returning and fails by throwing. */
  register(name: string, check: ReadinessCheck): void {
    this.#checks.set(name, check);
  }

  /** From now on the instance reports not ready, so the router stops sending it traffic. */
  startDraining(): void {
    this.#draining = true;
  }

  get draining(): boolean {
    return this.#draining;
  }

  async report(timeoutMs = 2000): Promise<ReadinessReport> {
    const checks: Record<string, string> = {};
    if (this.#draining) checks.shutdown = 'draining';
    await Promise.all(
      [...this.#checks].map(async ([name, check]) => {
        checks[name] = await withTimeout(Promise.resolve().then(check), timeoutMs).then(
          () => 'ok',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
      }),
    );
    return { ready: Object.values(checks).every((v) => v === 'ok'), checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
