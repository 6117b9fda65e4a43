/**
 * @module http/guard/auth
 * Caller authentication. With CHATBOT_API_KEYS set, a caller proves itself with `Authorization: Bearer <key>`
 * or `X-API-Key: <key>` (several keys allow rotation; compared in constant time). Only an authenticated
 * caller may say which customer is signed in (`X-Customer-Id`); an unauthenticated request is an anonymous
 * shopper. Without any keys (local development, loopback only) every caller is trusted.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares against every configured key in constant time (hashing makes the lengths equal). */
export function keyMatches(given: string, keys: string[]): boolean {
  const g = digest(given);
  let ok = false;
  for (const key of keys) ok = timingSafeEqual(g, digest(key)) || ok;
  return ok;
}

/** The key a request presents, from `Authorization: Bearer` or `X-API-Key`. */
export function presentedKey(header: (name: string) => string | undefined): string | undefined {
  return header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? header('x-api-key') ?? undefined;
}

export type CallerKind = 'trusted' | 'anonymous';

/**
 * Sets `caller` to `trusted` (valid key, or no keys configured) or `anonymous`. A wrong key is refused;
 * `requireKey` routes refuse anonymous callers too; an anonymous caller naming a customer is refused.
 */
export function authenticate({
  apiKeys,
  adminKeys,
  requireKey,
}: {
  apiKeys: string[];
  adminKeys: string[];
  requireKey: boolean;
}): MiddlewareHandler {
  const accepted = [...apiKeys, ...adminKeys];
  return async function authenticateCaller(c, next) {
    if (apiKeys.length === 0) {
      c.set('caller', 'trusted');
      return next();
    }
    const key = presentedKey((name) => c.req.header(name));
    if (key !== undefined && !keyMatches(key, accepted))
      throw new ApiError(401, 'invalid_api_key', 'the API key is not valid');
    const caller: CallerKind = key !== undefined ? 'trusted' : 'anonymous';
    if (caller === 'anonymous') {
      if (requireKey)
        throw new ApiError(401, 'unauthorized', 'send an API key (Authorization: Bearer <key>)');
      if (c.req.header('x-customer-id')) {
        throw new ApiError(
          401,
          'unauthorized',
          'X-Customer-Id is accepted only from an authenticated caller',
        );
      }
    }
    c.set('caller', caller);
    await next();
  };
}

/** Agent and admin routes: an admin key (CHATBOT_ADMIN_KEYS) in `Authorization: Bearer`; caller keys are refused. */
export function requireAdmin(adminKeys: string[]): MiddlewareHandler {
  return async function admin(c, next) {
    if (adminKeys.length === 0)
      throw new ApiError(403, 'agent_routes_disabled', 'set CHATBOT_ADMIN_KEYS to use the agent routes');
    const given = presentedKey((name) => c.req.header(name));
    if (!given) throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer <admin key>');
    if (!keyMatches(given, adminKeys))
      throw new ApiError(403, 'forbidden', 'this key may not use the agent routes');
    await next();
  };
}
