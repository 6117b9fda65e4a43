/**
 * @module db/group-commit
 * Concurrent writes share one statement. A write that arrives while the writer is idle goes out after one
 * turn of the event loop (no timed window, so a quiet service pays nothing), with whatever else arrived in
 * that turn; writes that arrive while statements are in flight queue and leave together in the next one. Every caller is answered only after the statement holding its write
 * has committed. When a shared statement fails, each of its writes is retried alone, so one bad write (a
 * retried message's unique violation) fails only its own caller.
 */

export interface GroupCommitOptions {
  /** Writes per statement. */
  maxBatch: number;
  /** Writes waiting beyond this are refused at once (back-pressure instead of an unbounded queue). */
  maxQueue: number;
  /** Statements in flight at once. */
  concurrency: number;
}

/** Refused because the queue is full: the caller should answer "busy, retry" rather than wait. */
export class GroupCommitFullError extends Error {
  override name = 'GroupCommitFullError';
}

interface Entry<T, R> {
  item: T;
  key: string;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R> {
  readonly #write: (items: readonly T[]) => Promise<R[]>;
  readonly #keyOf: (item: T) => string;
  readonly #options: GroupCommitOptions;
  #queue: Entry<T, R>[] = [];
  #inFlight = 0;
  /** Keys of writes in flight: a second write with the same key waits for the first. */
  readonly #busy = new Set<string>();
  #scheduled = false;

  /**
   * `write` stores the items in one statement and returns one result per item, in order. `keyOf` names what
   * an item changes; two items with one key never share a statement, and run in the order they came.
   */
  constructor(
    write: (items: readonly T[]) => Promise<R[]>,
    keyOf: (item: T) => string,
    options: GroupCommitOptions,
  ) {
    this.#write = write;
    this.#keyOf = keyOf;
    this.#options = options;
  }

  get queued(): number {
    return this.#queue.length;
  }

  submit(item: T): Promise<R> {
    if (this.#queue.length >= this.#options.maxQueue)
      return Promise.reject(new GroupCommitFullError(`${this.#queue.length} writes already waiting`));
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, key: this.#keyOf(item), resolve, reject });
      this.#pump();
    });
  }

  /**
   * Sends what is queued after one turn of the event loop, so requests already read off their sockets join
   * the statement. An in-process store (PGlite) blocks the loop while it writes: sent at once, statements
   * carry few turns, and a one-turn write costs PGlite several times more per turn than a batched one
   * (about 1.2–1.7 ms against 0.2–0.45 ms in a quick in-process measurement).
   */
  #pump(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#drain();
    });
  }

  #drain(): void {
    while (this.#inFlight < this.#options.concurrency) {
      const batch = this.#take();
      if (batch.length === 0) return;
      this.#inFlight++;
      for (const entry of batch) this.#busy.add(entry.key);
      void this.#flush(batch).finally(() => {
        this.#inFlight--;
        for (const entry of batch) this.#busy.delete(entry.key);
        this.#pump();
      });
    }
  }

  /** The oldest writes with distinct keys not in flight, up to a batch; the others keep their places. */
  #take(): Entry<T, R>[] {
    const batch: Entry<T, R>[] = [];
    const keys = new Set<string>();
    const rest: Entry<T, R>[] = [];
    for (const entry of this.#queue) {
      // A key already passed over stays blocked, so one key's writes keep their order.
      if (batch.length < this.#options.maxBatch && !keys.has(entry.key) && !this.#busy.has(entry.key)) {
        batch.push(entry);
      } else {
        rest.push(entry);
      }
      keys.add(entry.key);
    }
    this.#queue = rest;
    return batch;
  }

  async #flush(batch: Entry<T, R>[]): Promise<void> {
    try {
      const results = await this.#write(batch.map((e) => e.item));
      batch.forEach((entry, i) => {
        entry.resolve(results[i] as R);
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // Nothing of the failed statement was stored: each write is tried alone for its own answer.
      await Promise.all(
        batch.map((entry) =>
          this.#write([entry.item]).then((results) => entry.resolve(results[0] as R), entry.reject),
        ),
      );
    }
  }
}
