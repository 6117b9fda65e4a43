/**
 * @module http/json-body
 * Reads a JSON request body and validates it with a zod schema, turning every failure into a clear 4xx.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { bodyText } from './body.ts';
import { ApiError } from './errors.ts';

/** Parses the body as JSON and checks it against `schema`; throws ApiError(400/415) otherwise. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(await bodyText(c));
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    const first = details[0];
    throw new ApiError(
      400,
      'validation_error',
      first ? `${first.path || 'body'}: ${first.message}` : 'invalid body',
      { details },
    );
  }
  return parsed.data;
}
