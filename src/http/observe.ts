/**
 * @module http/observe
 * Per-request metrics and the JSON access log. Probes and the scrape itself are left out of the SLO
 * metrics: they would drown the latency of real traffic.
 */
import type { MiddlewareHandler } from 'hono';
import type { Readiness } from '../lifecycle/readiness.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { Metrics } from '../telemetry/metrics.ts';

const UNOBSERVED = new Set(['/healthz', '/readyz', '/metrics']);

/** Route label: the matched pattern, never the raw path (which would explode the series count). */
function routeOf(routePath: string): string {
  return routePath === '/*' || routePath === '*' ? 'unmatched' : routePath;
}

export function observe({
  logger,
  metrics,
  readiness,
}: {
  logger: Logger;
  metrics?: Metrics;
  readiness: Readiness;
}): MiddlewareHandler {
  return async function observeRequest(c, next) {
    const started = performance.now();
    await next();
    // A draining instance asks clients to reconnect elsewhere rather than reuse this connection.
    if (readiness.draining) c.header('Connection', 'close');
    const route = routeOf(c.req.routePath);
    if (UNOBSERVED.has(route)) return;
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    if (metrics) {
      const labels = metrics.labels({ method: c.req.method, route, status: String(status) });
      metrics.httpDuration.record(seconds, labels);
      metrics.httpRequests.add(1, labels);
      metrics.httpRequestSize.record(Number(c.req.header('content-length') ?? 0) || 0, labels);
      // JSON responses declare their length (see respond.ts); a stream's size is unknown and not recorded.
      const length = c.res.headers.get('content-length');
      if (length !== null) metrics.httpResponseSize.record(Number(length), labels);
    }
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    logger[level](
      {
        request_id: c.get('requestId'),
        method: c.req.method,
        route,
        status,
        intent: c.get('intent') ?? null,
        latency_ms: Math.round(seconds * 100_000) / 100,
      },
      'request',
    );
  };
}
