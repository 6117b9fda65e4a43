/**
 * @module http/health.routes
 * `GET /healthz` (the process answers) and `GET /readyz` (store reachable, migrations applied, indexes loaded).
 */
import { Hono } from 'hono';
import type { Readiness } from '../lifecycle/readiness.ts';
import { json } from './respond.ts';

export function healthRoutes(readiness: Readiness): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => json(c, { status: 'ok' }));
  app.get('/readyz', async (c) => {
    const report = await readiness.report();
    if (!report.ready) c.header('Retry-After', '5');
    return json(
      c,
      { status: report.ready ? 'ready' : 'not_ready', checks: report.checks },
      report.ready ? 200 : 503,
    );
  });
  return app;
}
