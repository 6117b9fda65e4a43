/**
 * @module db/pool-gate
 * A counting semaphore the size of the connection pool around every query and transaction.
 * postgres.js exposes no pool statistics; with the gate the same size as its pool, "available" and
 * "waiting" are exact (it would queue exactly where the gate queues).
 */

export interface PoolStats {
  size: number;
  available: number;
  waiting: number;
}

export class PoolGate {
  readonly size: number;
  #active = 0;
  #queue: (() => void)[] = [];

  constructor(size: number) {
    this.size = size;
  }

  get stats(): PoolStats {
    return { size: this.size, available: this.size - this.#active, waiting: this.#queue.length };
  }

  async run<T>(work: () => PromiseLike<T> | T): Promise<T> {
    if (this.#active >= this.size) await new Promise<void>((resolve) => this.#queue.push(resolve));
    else this.#active++;
    try {
      return await work();
    } finally {
      const next = this.#queue.shift();
      // The slot passes straight to the next waiter, so #active stays the same.
      if (next) next();
      else this.#active--;
    }
  }
}
