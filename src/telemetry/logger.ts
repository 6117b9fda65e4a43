/**
 * @module telemetry/logger
 * One JSON object per line with the field names the operations guide fixes:
 * `timestamp, level, request_id, message, intent, latency_ms, pod, namespace` (+ `revision`).
 */
import { type DestinationStream, pino } from 'pino';
import type { Config } from '../config/env.ts';

export type Logger = pino.Logger;

/** Field paths that must never reach a log line. */
const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'apiKey',
  'token',
  'password',
  'email',
  'customer_email',
];

export function createLogger(
  options: { level: Config['logLevel']; runtime?: Config['runtime'] },
  destination?: DestinationStream,
): Logger {
  const { runtime = {} } = options;
  return pino(
    {
      level: options.level,
      messageKey: 'message',
      base: {
        pod: runtime.pod ?? null,
        namespace: runtime.namespace ?? null,
        revision: runtime.revision ?? null,
      },
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
