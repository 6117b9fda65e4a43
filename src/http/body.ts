/**
 * @module http/body
 * Reads a request body completely before the handler runs, so every way an upload can go wrong is answered
 * here and for what it is: too large → 413, too slow → 408, both with `Connection: close` (the client may
 * still be sending; it must not reuse this connection); abandoned by the client → `ClientAbortError`, a
 * client event rather than a server or database error.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { json } from './respond.ts';

/** The client closed the connection before its body arrived; nobody is left to answer. */
export class ClientAbortError extends Error {
  override name = 'ClientAbortError';
}

/** Status recorded for a request its client abandoned (nginx's "client closed request"). */
export const CLIENT_CLOSED_REQUEST = 499 as ContentfulStatusCode;

function refuse(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  c.header('Connection', 'close');
  return json(c, { error: { code, message } }, status);
}

/** Bodies read by `readBody`, by request. */
const bodies = new WeakMap<Request, Buffer>();

/** The request's body as text: the buffered one when `readBody` ran, else read now. */
export async function bodyText(c: Context): Promise<string> {
  return bodies.get(c.req.raw)?.toString('utf8') ?? c.req.text();
}

type Chunks = () => Promise<IteratorResult<Uint8Array>>;

/**
 * The body's chunks. Under @hono/node-server straight from Node's request stream: the web stream the
 * Request would build around it costs more than the rest of a small request's reading.
 */
function chunksOf(c: Context): Chunks | undefined {
  const incoming = (c.env as { incoming?: AsyncIterable<Uint8Array> } | undefined)?.incoming;
  if (incoming && Symbol.asyncIterator in incoming) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return undefined;
    const iterator = incoming[Symbol.asyncIterator]();
    return () => iterator.next();
  }
  const body = c.req.raw.body;
  if (!body) return undefined;
  const reader = body.getReader();
  return () => reader.read() as Promise<IteratorResult<Uint8Array>>;
}

/**
 * Buffers the body of a request, refusing more than `maxSize` bytes (413) and a body not complete within
 * `timeoutMs` (408); the handler then reads it from memory with `bodyText`.
 *
 * @example
 * app.use('/v1/*', readBody({ maxSize: 64 * 1024, timeoutMs: 10_000 }));
 */
export function readBody({ maxSize, timeoutMs }: { maxSize: number; timeoutMs: number }): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    refuse(c, 413, 'payload_too_large', `the body is larger than ${maxSize} bytes`);
  return async function readWholeBody(c, next) {
    const declared = Number(c.req.header('content-length'));
    if (declared > maxSize) return tooLarge(c);
    const read = chunksOf(c);
    if (!read) return next();
    const chunks: Uint8Array[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      for (;;) {
        // The stream is never cancelled: that would destroy the socket before the refusal is written.
        const step = await Promise.race([read(), deadline]).catch((error: unknown) => {
          throw new ClientAbortError('the client closed the connection while sending the body', {
            cause: error,
          });
        });
        if (step === 'late')
          return refuse(c, 408, 'request_timeout', `the body did not arrive within ${timeoutMs} ms`);
        if (step.done) break;
        size += step.value.byteLength;
        if (size > maxSize) return tooLarge(c);
        chunks.push(step.value);
      }
    } finally {
      clearTimeout(timer);
    }
    const [only] = chunks;
    bodies.set(c.req.raw, chunks.length === 1 && Buffer.isBuffer(only) ? only : Buffer.concat(chunks));
    await next();
  };
}
