/**
 * @module http/errors
 * The API's error shape: `{ error: { code, message } }` with the matching status.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { json } from './respond.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error a handler throws on purpose; the app turns it into its JSON response. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly options: { details?: unknown; retryAfterSeconds?: number };
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { details?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.options = options;
  }
}

export function errorResponse(c: Context, error: ApiError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.options.details !== undefined) body.error.details = error.options.details;
  if (error.options.retryAfterSeconds !== undefined)
    c.header('Retry-After', String(error.options.retryAfterSeconds));
  return json(c, body, error.status);
}
