/**
 * @module http/respond
 * JSON responses with their Content-Length set, so the size metric reads it instead of buffering the body.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { madeJsonText } from '../db/json-text.ts';

export function json(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  // A chat reply's text was made already, when its turn was stored.
  const text = madeJsonText(body) ?? JSON.stringify(body);
  return c.body(text, status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
  });
}
