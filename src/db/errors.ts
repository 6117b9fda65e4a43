/**
 * @module db/errors
 * Classifies database errors by their code, wherever drizzle or the driver put it in the cause chain.
 */

/** Connection-level failures of PostgreSQL: server down, restarting, connection lost. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '08000',
  '08001',
  '08003',
  '08006',
]);

const UNIQUE_VIOLATION = new Set(['23505']);

/** True when the error, or one of its causes, carries one of these codes. */
function hasCode(error: unknown, codes: ReadonlySet<string>): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export const isDatabaseUnavailable = (error: unknown): boolean => hasCode(error, UNAVAILABLE_CODES);
export const isUniqueViolation = (error: unknown): boolean => hasCode(error, UNIQUE_VIOLATION);
