/**
 * @module http/app
 * `createApp(deps)`: the Hono application, built from what the composition root hands it, so tests build
 * the very same app in memory.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import { CatalogSync, reindexInto } from '../catalog/sync.ts';
import type { TrustProxy } from '../config/env.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import type { Store } from '../db/store.ts';
import type { ChatEngine } from '../dialogue/engine.ts';
import type { Readiness } from '../lifecycle/readiness.ts';
import type { NluEngine } from '../nlu/engine.ts';
import type { Retrieval } from '../retrieval/retrieval.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import { webRoutes } from '../web/routes.ts';
import { adminRoutes, MAX_CATALOG_BYTES } from './admin.routes.ts';
import { agentRoutes } from './agent.routes.ts';
import { CLIENT_CLOSED_REQUEST, ClientAbortError, readBody } from './body.ts';
import { chatRoutes } from './chat.routes.ts';
import { ApiError, errorResponse } from './errors.ts';
import { authenticate, type CallerKind } from './guard/auth.ts';
import { clientAddressResolver } from './guard/client-address.ts';
import { MemoryRateLimiter, rateLimit, SharedRateLimiter } from './guard/rate-limit.ts';
import { healthRoutes } from './health.routes.ts';
import { nluRoutes } from './nlu.routes.ts';
import { observe } from './observe.ts';
import { describeRoutes, serveOpenApi } from './openapi.ts';
import { productRoutes } from './products.routes.ts';
import { json } from './respond.ts';
import { responseHeaders } from './response-headers.ts';

export interface AppDeps {
  logger: Logger;
  readiness: Readiness;
  nlu: NluEngine;
  /** The conversation side; absent in NLU-only apps (tests of the NLU endpoint). */
  chat?: {
    store: Store;
    engine: ChatEngine;
    retrieval: Retrieval;
    adminKeys: string[];
    /** Keeps the catalog in step with the store; without one, imports through this app reload it here only. */
    catalog?: CatalogSync;
  };
  /** The web chat page; `developerOptions` shows its demo sign-in box (NODE_ENV=development only). */
  web?: { developerOptions: boolean };
  /** Absent when metrics are switched off (METRICS_ENABLED=false). */
  metrics?: Metrics;
  /** Caller keys, rate limits and CORS; the defaults are those of local development. */
  security?: {
    apiKeys: string[];
    /**
     * `shared`: count in the chat store's PostgreSQL (one budget for all replicas) instead of in memory;
     * `clock` (tests) is the limiter's time source.
     */
    rateLimits: { perCustomer: number; perKey: number; shared?: boolean; clock?: () => number };
    corsOrigins: string[];
    /** Longest a /v1 request may take before the caller gets 503 (the work itself still completes atomically). */
    requestTimeoutMs?: number;
    /** Longest a request body may take to arrive before the caller gets 408. */
    bodyTimeoutMs?: number;
    /** Whose X-Forwarded-For to believe (TRUST_PROXY); default: nobody's, the socket peer is the client. */
    trustProxy?: TrustProxy;
  };
}

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export type AppEnv = {
  Variables: {
    requestId: string;
    intent?: string;
    caller?: CallerKind;
    /** The client's address as far as TRUST_PROXY lets us see it. */
    clientAddress: string;
    /** The conversation a chat turn is for (set before the turn runs, so a timeout reply can name it). */
    conversationId?: string;
  };
};

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(responseHeaders());
  app.use(observe(deps));
  const addressOf = clientAddressResolver(deps.security?.trustProxy ?? { hops: 0 });
  app.use(async function findClientAddress(c, next) {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    c.set('clientAddress', addressOf(incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for')));
    await next();
  });
  const security = deps.security ?? {
    apiKeys: [],
    rateLimits: { perCustomer: 600, perKey: 60_000 },
    corsOrigins: [],
  };
  if (security.corsOrigins.length > 0) {
    app.use(
      '/v1/*',
      cors({
        origin: security.corsOrigins,
        allowHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Customer-Id', 'X-Request-Id'],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        exposeHeaders: ['X-Request-Id', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }

  const bodyTimeoutMs = security.bodyTimeoutMs ?? 10_000;
  const messageLimit = readBody({ maxSize: MAX_BODY_BYTES, timeoutMs: bodyTimeoutMs });
  const catalogLimit = readBody({ maxSize: MAX_CATALOG_BYTES, timeoutMs: bodyTimeoutMs });
  app.use('/v1/*', (c, next) =>
    c.req.path.startsWith('/v1/admin/') ? catalogLimit(c, next) : messageLimit(c, next),
  );

  app.use(
    '/v1/*',
    timeout(security.requestTimeoutMs ?? 15_000, () => new HTTPException(503, { message: 'timeout' })),
  );
  const { shared, clock, ...perMinute } = security.rateLimits;
  const limiter = rateLimit({
    limiter:
      shared && deps.chat ? new SharedRateLimiter(deps.chat.store.db, clock) : new MemoryRateLimiter(clock),
    ...perMinute,
  });
  const adminKeys = deps.chat?.adminKeys ?? [];
  const shopper = authenticate({ apiKeys: security.apiKeys, adminKeys, requireKey: false });
  const backend = authenticate({ apiKeys: security.apiKeys, adminKeys, requireKey: true });
  for (const path of ['/v1/chat', '/v1/chat/stream', '/v1/conversations/*', '/v1/products/*', '/products/*'])
    app.use(path, shopper, limiter);
  // Not '/v1/orders/*': it matches '/v1/orders' too, and each request would be counted twice.
  for (const path of ['/v1/orders', '/v1/orders/:number', '/v1/nlu/*']) app.use(path, backend, limiter);

  describeRoutes(app);
  app.route('/', healthRoutes(deps.readiness));
  app.route('/', nluRoutes(deps.nlu, deps.metrics));
  if (deps.chat) {
    app.route('/', chatRoutes({ store: deps.chat.store, chat: deps.chat.engine }));
    app.route('/', agentRoutes({ store: deps.chat.store, adminKeys: deps.chat.adminKeys }));
    app.route(
      '/',
      adminRoutes({
        store: deps.chat.store,
        retrieval: deps.chat.retrieval,
        catalog:
          deps.chat.catalog ??
          new CatalogSync({
            store: deps.chat.store,
            apply: reindexInto(deps.nlu, deps.chat.retrieval),
            pollMs: 0,
          }),
        adminKeys: deps.chat.adminKeys,
      }),
    );
    app.route('/', productRoutes({ store: deps.chat.store }));
    app.route('/', webRoutes({ developerOptions: deps.web?.developerOptions ?? false }));
  }
  app.get('/metrics', async (c) => {
    if (!deps.metrics)
      return json(c, { error: { code: 'not_found', message: 'metrics are switched off' } }, 404);
    return c.text(await deps.metrics.render(), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });

  serveOpenApi(app);

  app.notFound((c) =>
    json(c, { error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    // The client hung up mid-upload: its event, not ours (no 5xx, no "database unavailable"); nobody reads this.
    if (error instanceof ClientAbortError) {
      deps.logger.info({ request_id: c.get('requestId'), error: String(error.cause) }, error.message);
      c.header('Connection', 'close');
      return json(
        c,
        { error: { code: 'client_closed_request', message: error.message } },
        CLIENT_CLOSED_REQUEST,
      );
    }
    if (error instanceof HTTPException && error.status === 503 && error.message === 'timeout') {
      return errorResponse(
        c,
        new ApiError(
          503,
          'timeout',
          'the request took too long; retry it with the same clientMessageId (and conversationId, when given)',
          {
            retryAfterSeconds: 2,
            ...(c.get('conversationId') ? { details: { conversationId: c.get('conversationId') } } : {}),
          },
        ),
      );
    }
    if (isDatabaseUnavailable(error)) {
      deps.logger.error({ request_id: c.get('requestId'), error: String(error) }, 'database unavailable');
      return errorResponse(
        c,
        new ApiError(503, 'dependency_unavailable', 'the store is unavailable; try again shortly', {
          retryAfterSeconds: 5,
        }),
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      return json(
        c,
        { error: { code: 'bad_request', message: error.message || 'bad request' } },
        error.status,
      );
    }
    deps.logger.error({ request_id: c.get('requestId'), err: error }, 'unhandled error');
    return json(c, { error: { code: 'internal', message: 'internal error' } }, 500);
  });
  return app;
}
