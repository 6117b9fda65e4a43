/**
 * @module http/response-headers
 * The headers every response carries: its request id and the security headers (what hono's `secureHeaders`
 * sets by default, with our Content-Security-Policy). Served by Node, they are set on Node's own response
 * before the route runs: Node merges them into whatever the route answers (errors, pages, streams, and a
 * route's own value of one of them wins). Setting them on the route's web `Response` instead made
 * @hono/node-server build a `Headers` object for every response and read it back, about 15 µs a request,
 * a twentieth of a chat turn. In memory (`app.request`, the tests) there is no Node response, and they go
 * on the route's `Response`.
 */
import type { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';

/** Request ids from clients are used only when short and plain, so they are safe to log and echo. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Product images come from the catalog's image host (DummyJSON's CDN, a storefront's own).
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = [
  ['content-security-policy', CONTENT_SECURITY_POLICY],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=15552000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

/** Node's response for this request, when @hono/node-server serves it. */
function nodeResponse(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing && typeof (outgoing as ServerResponse).setHeader === 'function'
    ? (outgoing as ServerResponse)
    : undefined;
}

/** The request's id (the client's when safe, else a new one) as `c.var.requestId`, and every fixed header. */
export function responseHeaders(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async function fixedHeaders(c, next) {
    const given = c.req.header('x-request-id');
    const id = given && SAFE_REQUEST_ID.test(given) ? given : `req-${crypto.randomUUID()}`;
    c.set('requestId', id);
    const outgoing = nodeResponse(c);
    if (outgoing) {
      outgoing.setHeader('x-request-id', id);
      for (const [name, value] of SECURITY_HEADERS) outgoing.setHeader(name, value);
      return next();
    }
    await next();
    const headers = c.res.headers;
    headers.set('x-request-id', id);
    for (const [name, value] of SECURITY_HEADERS) if (!headers.has(name)) headers.set(name, value);
  };
}
