/**
 * @module config
 * The only place that reads the process environment. Everything else receives a typed `Config`.
 */

import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim().length > 0 ? value.trim() : undefined));

const httpUrl = optionalString.refine(
  (value) => value === undefined || /^https?:\/\/[^\s/]+/.test(value),
  'expected an http(s) URL',
);

const postgresUrl = optionalString.refine((value) => {
  if (value === undefined) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}, 'expected a postgres:// or postgresql:// URL with a host');

const intInRange = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? String(fallback) : value.trim()))
    .refine((value) => /^\d+$/.test(value), `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `expected a whole number from ${min} to ${max}`);

const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? String(fallback) : value.trim()))
    .refine((value) => /^(true|false|1|0|yes|no)$/i.test(value), 'expected true or false')
    .transform((value) => /^(true|1|yes)$/i.test(value));

/** `hops`: that many proxies in front of us append to X-Forwarded-For; `cidrs`: peers in these ranges are proxies. */
export type TrustProxy = { hops: number } | { cidrs: string[] };

/** True when `entry` is an IP address or a CIDR range. */
export function isAddressOrCidr(entry: string): boolean {
  const [network = '', prefix, extra] = entry.split('/');
  const version = isIP(network);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** `TRUST_PROXY`: empty (trust nobody), a hop count, or a comma list of proxy addresses / CIDR ranges. */
const trustProxy = z
  .string()
  .optional()
  .transform((value) => (value ?? '').trim())
  .refine(
    (value) =>
      value === '' || /^\d{1,2}$/.test(value) || value.split(',').every((e) => isAddressOrCidr(e.trim())),
    'expected a hop count (0–99) or a comma list of IP addresses / CIDR ranges',
  )
  .transform((value): TrustProxy => {
    if (value === '') return { hops: 0 };
    if (/^\d+$/.test(value)) return { hops: Number(value) };
    return { cidrs: value.split(',').map((e) => e.trim()) };
  });

/** A cache beside the installed dependencies, where `npm ci`'s postinstall and the image build write it. */
const dependencyCache = (name: string) => resolve(import.meta.dirname, '../../node_modules/.cache', name);
const DEFAULT_NLU_CACHE_DIR = dependencyCache('shopyverse-nlu');
const DEFAULT_STORE_TEMPLATE_DIR = dependencyCache('shopyverse-pglite');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: intInRange(1, 65535, 3001),
  HOST: optionalString,
  DATABASE_URL: postgresUrl,
  /** The database password kept apart from DATABASE_URL (a Kubernetes Secret key, `db-password`). */
  DB_PASSWORD: optionalString,
  DB_POOL_MAX: intInRange(1, 200, 10),
  /**
   * Named prepared statements on PostgreSQL. Off for PgBouncer in statement mode, or in transaction mode
   * before 1.21 (1.21+ needs max_prepared_statements > 0); session mode and direct connections keep it on.
   */
  DB_PREPARE: booleanFlag(true),
  CHATBOT_DATA_DIR: z.string().default('./.data'),
  NLU_CACHE_DIR: optionalString,
  STORE_TEMPLATE_DIR: optionalString,
  CHATBOT_SEED_DEMO: booleanFlag(true),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  CHATBOT_API_KEYS: csv,
  CHATBOT_ADMIN_KEYS: csv,
  HF_ACCESS_TOKEN: optionalString,
  HF_ENDPOINT_URL: httpUrl,
  HF_MODEL: optionalString,
  HF_TIMEOUT_MS: intInRange(100, 120_000, 4000),
  /** Embeddings for the Qdrant index: a TEI endpoint, or a hosted model used with HF_ACCESS_TOKEN. */
  HF_EMBEDDING_ENDPOINT_URL: httpUrl,
  HF_EMBEDDING_MODEL: optionalString,
  QDRANT_URL: httpUrl,
  QDRANT_API_KEY: optionalString,
  /** Consecutive failures of Hugging Face or Qdrant that open its circuit, and how long it stays open. */
  CIRCUIT_FAILURE_THRESHOLD: intInRange(1, 1000, 5),
  CIRCUIT_COOLDOWN_MS: intInRange(100, 3_600_000, 30_000),
  SHUTDOWN_TIMEOUT_MS: intInRange(0, 600_000, 10_000),
  SHUTDOWN_DRAIN_MS: intInRange(0, 600_000, 0),
  METRICS_ENABLED: booleanFlag(true),
  CHATBOT_RATE_LIMIT_PER_MINUTE: intInRange(1, 1_000_000, 60),
  CHATBOT_KEY_RATE_LIMIT_PER_MINUTE: intInRange(1, 10_000_000, 6000),
  /** Where rate limits are counted: `postgres` (shared by replicas; default with DATABASE_URL) or `memory`. */
  RATE_LIMIT_STORE: z.enum(['memory', 'postgres']).optional(),
  CORS_ORIGINS: csv,
  TRUST_PROXY: trustProxy,
  REQUEST_TIMEOUT_MS: intInRange(100, 600_000, 15_000),
  CATALOG_POLL_MS: intInRange(0, 3_600_000, 2000),
  REQUEST_BODY_TIMEOUT_MS: intInRange(100, 600_000, 10_000),
  K_SERVICE: optionalString,
  K_REVISION: optionalString,
  POD_NAME: optionalString,
  POD_NAMESPACE: optionalString,
  HOSTNAME: optionalString,
});

/** Typed, validated service configuration. */
export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  host: string;
  database:
    | { kind: 'postgres'; url: string; poolMax: number; prepare: boolean }
    | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  /**
   * Where the pre-initialised embedded data directory is kept (db/template): beside the installed
   * dependencies by default, written by `npm ci`'s postinstall and built into the image.
   */
  storeTemplateDir: string;
  /**
   * Where the trained NLU model is kept between starts. The default is beside the installed dependencies
   * (`node_modules/.cache/shopyverse-nlu`, written by `npm ci`'s postinstall and so built into the image),
   * shared by every data directory: a file's name is the hash of everything it was trained from.
   */
  nluCacheDir: string;
  seedDemoData: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  apiKeys: string[];
  adminKeys: string[];
  huggingFace: {
    token?: string;
    endpointUrl?: string;
    model?: string;
    timeoutMs: number;
    embeddingEndpointUrl?: string;
    embeddingModel?: string;
  };
  qdrant: { url?: string; apiKey?: string };
  circuitBreaker: { failureThreshold: number; cooldownMs: number };
  shutdownTimeoutMs: number;
  /** How long to keep serving (not ready) after SIGTERM before closing the listener. */
  shutdownDrainMs: number;
  metricsEnabled: boolean;
  /** Requests per minute per signed-in customer (or client address), and per API key. */
  rateLimits: { perCustomer: number; perKey: number; shared: boolean };
  corsOrigins: string[];
  /** Which peers' X-Forwarded-For is believed when finding the client address (default: none). */
  trustProxy: TrustProxy;
  requestTimeoutMs: number;
  /** How often each replica compares the stored catalog's version with its own (0: NOTIFY only). */
  catalogPollMs: number;
  /** Longest a request body may take to arrive (408 after that). */
  bodyTimeoutMs: number;
  runtime: { service?: string; revision?: string; pod?: string; namespace?: string };
}

/** Thrown when the environment is invalid; its message is one readable line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment into a `Config`, or throws a `ConfigError` naming every bad variable.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const value = env[name];
      const shown = value === undefined ? '' : ` (got ${JSON.stringify(redact(name, value))})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if ((e.NODE_ENV === 'production' || e.K_SERVICE) && e.CHATBOT_API_KEYS.length === 0) {
    throw new ConfigError(
      'invalid configuration: CHATBOT_API_KEYS is required in production (NODE_ENV=production or under Knative)',
    );
  }
  const databaseUrl = withPassword(e.DATABASE_URL, e.DB_PASSWORD);
  const dataDir = resolve(e.CHATBOT_DATA_DIR);
  if (e.RATE_LIMIT_STORE === 'postgres' && !databaseUrl) {
    throw new ConfigError('invalid configuration: RATE_LIMIT_STORE=postgres needs DATABASE_URL');
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    // Without API keys nobody is authenticated, so the default stays on loopback (see README).
    host: e.HOST ?? (e.CHATBOT_API_KEYS.length > 0 || e.K_SERVICE ? '0.0.0.0' : '127.0.0.1'),
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl, poolMax: e.DB_POOL_MAX, prepare: e.DB_PREPARE }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') },
    dataDir,
    nluCacheDir: resolve(e.NLU_CACHE_DIR ?? DEFAULT_NLU_CACHE_DIR),
    storeTemplateDir: resolve(e.STORE_TEMPLATE_DIR ?? DEFAULT_STORE_TEMPLATE_DIR),
    seedDemoData: e.CHATBOT_SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    apiKeys: e.CHATBOT_API_KEYS,
    adminKeys: e.CHATBOT_ADMIN_KEYS,
    huggingFace: {
      token: e.HF_ACCESS_TOKEN,
      endpointUrl: e.HF_ENDPOINT_URL,
      model: e.HF_MODEL,
      timeoutMs: e.HF_TIMEOUT_MS,
      embeddingEndpointUrl: e.HF_EMBEDDING_ENDPOINT_URL,
      embeddingModel: e.HF_EMBEDDING_MODEL,
    },
    qdrant: { url: e.QDRANT_URL, apiKey: e.QDRANT_API_KEY },
    circuitBreaker: { failureThreshold: e.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: e.CIRCUIT_COOLDOWN_MS },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    metricsEnabled: e.METRICS_ENABLED,
    rateLimits: {
      perCustomer: e.CHATBOT_RATE_LIMIT_PER_MINUTE,
      perKey: e.CHATBOT_KEY_RATE_LIMIT_PER_MINUTE,
      shared: (e.RATE_LIMIT_STORE ?? (databaseUrl ? 'postgres' : 'memory')) === 'postgres',
    },
    corsOrigins: e.CORS_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    catalogPollMs: e.CATALOG_POLL_MS,
    bodyTimeoutMs: e.REQUEST_BODY_TIMEOUT_MS,
    runtime: {
      service: e.K_SERVICE,
      revision: e.K_REVISION,
      pod: e.POD_NAME ?? e.HOSTNAME,
      namespace: e.POD_NAMESPACE,
    },
  };
}

/** Keeps secrets and passwords out of error messages. */
/** Puts DB_PASSWORD into DATABASE_URL (URL-encoded); a URL that already carries a password is a conflict. */
function withPassword(url: string | undefined, password: string | undefined): string | undefined {
  if (!url || password === undefined) {
    if (password !== undefined)
      throw new ConfigError('invalid configuration: DB_PASSWORD is set without DATABASE_URL');
    return url;
  }
  const parsed = new URL(url);
  if (parsed.password) {
    throw new ConfigError(
      'invalid configuration: DATABASE_URL already has a password; drop it or DB_PASSWORD',
    );
  }
  if (!parsed.username)
    throw new ConfigError('invalid configuration: DB_PASSWORD needs a user name in DATABASE_URL');
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

function redact(name: string, value: string): string {
  if (/KEY|TOKEN|SECRET|PASSWORD/.test(name)) return '***';
  if (name === 'DATABASE_URL') return value.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  return value;
}
