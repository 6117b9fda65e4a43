/**
 * @module telemetry/metrics
 * The operations guide's metrics, through the OpenTelemetry SDK and its Prometheus exporter, served by the
 * app itself on `/metrics` (Knative routes one port). Instruments carry their full Prometheus names; the
 * exporter adds `_total` to counters, so counters are named without it.
 */
import { type Attributes, type Counter, type Histogram, ValueType } from '@opentelemetry/api';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationType, MeterProvider } from '@opentelemetry/sdk-metrics';
import type { PoolStats } from '../db/pool-gate.ts';
import { type CircuitBreaker, STATE_VALUE } from '../resilience/circuit-breaker.ts';

export interface MetricsOptions {
  service?: string;
  revision?: string;
  namespace?: string;
  pod?: string;
  /** Read when `/metrics` is scraped. */
  pool?: () => PoolStats;
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];
const MS_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
const BYTES_BUCKETS = [64, 256, 1024, 4096, 16384, 65536, 262144, 1048576];

export class Metrics {
  readonly #exporter: PrometheusExporter;
  readonly #provider: MeterProvider;
  readonly #serializer: PrometheusSerializer;
  readonly #intents = new Map<string, number>();
  readonly #breakers: CircuitBreaker[] = [];
  readonly #base: Attributes;
  readonly httpDuration: Histogram;
  readonly httpRequests: Counter;
  readonly httpRequestSize: Histogram;
  readonly httpResponseSize: Histogram;
  readonly chatMessages: Counter;
  readonly ragRetrievalLatency: Histogram;
  readonly huggingfaceRequests: Counter;
  readonly huggingfaceErrors: Counter;
  readonly qdrantSearchLatency: Histogram;

  constructor(options: MetricsOptions = {}) {
    this.#exporter = new PrometheusExporter({ preventServerStart: true });
    const bucketsFor = (name: string, boundaries: number[]) => ({
      instrumentName: name,
      aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM as const, options: { boundaries } },
    });
    this.#provider = new MeterProvider({
      resource: resourceFromAttributes({
        'service.name': options.service ?? 'chatbot-service',
        ...(options.namespace ? { 'service.namespace': options.namespace } : {}),
        ...(options.pod ? { 'service.instance.id': options.pod } : {}),
      }),
      readers: [this.#exporter],
      views: [
        bucketsFor('http_request_duration_seconds', SECONDS_BUCKETS),
        bucketsFor('http_request_size_bytes', BYTES_BUCKETS),
        bucketsFor('http_response_size_bytes', BYTES_BUCKETS),
        bucketsFor('rag_retrieval_latency_ms', MS_BUCKETS),
        bucketsFor('qdrant_search_latency_ms', MS_BUCKETS),
      ],
    });
    this.#serializer = new PrometheusSerializer(undefined, false, undefined, false, true);
    // The Knative revision is a label on every series, so canary and stable can be compared side by side.
    this.#base = options.revision ? { revision: options.revision } : {};
    const meter = this.#provider.getMeter('chatbot-service');
    this.httpDuration = meter.createHistogram('http_request_duration_seconds', {
      description: 'HTTP request latency',
      unit: 's',
    });
    this.httpRequests = meter.createCounter('http_requests', {
      description: 'HTTP requests by method, route and status',
    });
    this.httpRequestSize = meter.createHistogram('http_request_size_bytes', {
      description: 'HTTP request body size',
      unit: 'By',
    });
    this.httpResponseSize = meter.createHistogram('http_response_size_bytes', {
      description: 'HTTP response body size',
      unit: 'By',
    });
    this.chatMessages = meter.createCounter('chat_messages', { description: 'Chat messages processed' });
    this.ragRetrievalLatency = meter.createHistogram('rag_retrieval_latency_ms', {
      description: 'Retrieval latency',
      unit: 'ms',
    });
    this.huggingfaceRequests = meter.createCounter('huggingface_api_requests', {
      description: 'Calls to Hugging Face',
    });
    this.huggingfaceErrors = meter.createCounter('huggingface_api_errors', {
      description: 'Failed calls to Hugging Face',
    });
    this.qdrantSearchLatency = meter.createHistogram('qdrant_search_latency_ms', {
      description: 'Qdrant search latency',
      unit: 'ms',
    });
    // Counters start at zero so dashboards and alerts see the series before the first call.
    for (const counter of [this.chatMessages, this.huggingfaceRequests, this.huggingfaceErrors])
      counter.add(0, this.#base);

    meter
      .createObservableGauge('chat_intent_distribution', {
        description: 'Messages classified per intent since the process started (monotonic per intent)',
        valueType: ValueType.INT,
      })
      .addCallback((result) => {
        for (const [intent, n] of this.#intents) result.observe(n, { ...this.#base, intent });
      });
    meter
      .createObservableGauge('chatbot_circuit_breaker_state', {
        description: 'Circuit breaker per remote dependency: 0 closed, 1 half-open, 2 open',
        valueType: ValueType.INT,
      })
      .addCallback((result) => {
        for (const b of this.#breakers)
          result.observe(STATE_VALUE[b.state], { ...this.#base, dependency: b.name });
      });
    const pool = options.pool;
    if (pool) {
      meter
        .createObservableGauge('chatbot_db_pool_available_connections', {
          description: 'Idle database connections',
          valueType: ValueType.INT,
        })
        .addCallback((result) => result.observe(pool().available, this.#base));
      meter
        .createObservableGauge('chatbot_db_pool_waiting_requests', {
          description: 'Queries waiting for a connection',
          valueType: ValueType.INT,
        })
        .addCallback((result) => result.observe(pool().waiting, this.#base));
    }
    meter
      .createObservableCounter('process_cpu_seconds', {
        description: 'User and system CPU time',
        unit: 's',
        valueType: ValueType.DOUBLE,
      })
      .addCallback((result) => {
        const { user, system } = process.cpuUsage();
        result.observe((user + system) / 1e6, this.#base);
      });
    meter
      .createObservableGauge('process_resident_memory_bytes', {
        description: 'Resident set size',
        unit: 'By',
        valueType: ValueType.INT,
      })
      .addCallback((result) => result.observe(process.memoryUsage.rss(), this.#base));
  }

  /** Attributes every series carries (the revision). */
  labels(extra: Attributes = {}): Attributes {
    return { ...this.#base, ...extra };
  }

  /** Reports the breaker's state on `/metrics`. */
  trackCircuit(breaker: CircuitBreaker): void {
    this.#breakers.push(breaker);
  }

  /** Counts one classified message for `chat_intent_distribution`. */
  countIntent(intent: string): void {
    this.#intents.set(intent, (this.#intents.get(intent) ?? 0) + 1);
  }

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<string> {
    const { resourceMetrics, errors } = await this.#exporter.collect();
    if (errors.length) throw new AggregateError(errors, 'metric collection failed');
    return this.#serializer.serialize(resourceMetrics);
  }

  async shutdown(): Promise<void> {
    await this.#provider.shutdown();
  }
}
