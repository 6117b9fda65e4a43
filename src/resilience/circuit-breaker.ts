/**
 * @module resilience/circuit-breaker
 * A circuit breaker for remote dependencies (Hugging Face, Qdrant). After `failureThreshold` consecutive
 * failures it opens: calls fail fast with `CircuitOpenError` for `cooldownMs`, so customers get the local
 * fallback at once instead of each waiting out a timeout. Then it lets one trial call through
 * (half-open). The trial's success closes the circuit, and its failure opens it again.
 */

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Gauge values of `chatbot_circuit_breaker_state`: 0 closed, 1 half-open, 2 open. */
export const STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError';
}

export interface CircuitBreakerOptions {
  /** The dependency, as it appears in logs and metrics. */
  name: string;
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
  onStateChange?: (change: { name: string; from: CircuitState; to: CircuitState; failures: number }) => void;
}

export class CircuitBreaker {
  readonly name: string;
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  readonly #onStateChange: CircuitBreakerOptions['onStateChange'];
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #trialRunning = false;

  constructor(options: CircuitBreakerOptions) {
    this.name = options.name;
    this.#threshold = options.failureThreshold ?? 5;
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    this.#onStateChange = options.onStateChange;
  }

  /** The state as a call made now would see it (an open circuit past its cooldown is half-open). */
  get state(): CircuitState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.#cooldownMs) return 'half-open';
    return this.#state;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.#trialRunning)) {
      throw new CircuitOpenError(`${this.name} circuit is open; not calling it for now`);
    }
    const trial = state === 'half-open';
    if (trial) {
      this.#trialRunning = true;
      this.#move('half-open');
    }
    try {
      const result = await call();
      this.#failures = 0;
      this.#move('closed');
      return result;
    } catch (error) {
      this.#failures++;
      if (trial || this.#failures >= this.#threshold) {
        this.#openedAt = this.#now();
        this.#move('open');
      }
      throw error;
    } finally {
      if (trial) this.#trialRunning = false;
    }
  }

  #move(to: CircuitState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    this.#onStateChange?.({ name: this.name, from, to, failures: this.#failures });
  }
}
