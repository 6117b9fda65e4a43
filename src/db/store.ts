/**
 * @module db/store
 * One store, two drivers: postgres.js when `DATABASE_URL` is set, embedded PGlite otherwise.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { acquireDirectoryLock, LOCK_FILE } from './lock.ts';
import { PoolGate, type PoolStats } from './pool-gate.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The drizzle database both drivers share; repositories take this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type StoreOptions =
  | { kind: 'postgres'; url: string; poolMax?: number; prepare?: boolean }
  | {
      kind: 'pglite';
      dataDir?: string;
      /** A gzipped data directory (see db/template) to unpack into a fresh `dataDir` instead of initdb. */
      template?: string;
    };

export interface Store {
  readonly driver: 'postgres' | 'pglite';
  readonly db: Database;
  /** Runs a trivial query; rejects when the database cannot be reached. */
  ping(): Promise<void>;
  /** Raw rows of a SQL statement, the same shape on both drivers. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** LISTENs on a channel; resolves with the function that stops listening. */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** Connections free and requests waiting for one (PGlite: a pool of one). */
  poolStats(): PoolStats;
  /** PGlite only: the whole data directory as a gzipped tarball (the template a fresh directory starts from). */
  dumpDataDir?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Opens the store described by `options`. PGlite in-memory when no data dir is given (tests). */
export async function openStore(options: StoreOptions): Promise<Store> {
  return options.kind === 'postgres'
    ? openPostgres(options.url, options.poolMax ?? 10, options.prepare ?? true)
    : openPglite(options);
}

function openPostgres(url: string, poolMax: number, prepare: boolean): Store {
  const client = postgres(url, {
    max: poolMax,
    onnotice: () => {},
    connect_timeout: 10,
    // Named prepared statements: parsed and planned once per connection (DB_PREPARE; see config/env for poolers).
    prepare,
  });
  const gate = new PoolGate(poolMax);
  // drizzle only calls unsafe() (awaited, or .values()) and begin() on the client; each goes through the gate.
  const gated = {
    options: client.options,
    unsafe: (query: string, params?: unknown[], opts?: object) => {
      // drizzle asks for a prepared statement only for queries given a name. Unprepared, postgres.js sends
      // every query with parameters twice (describe, then execute): two round trips instead of one.
      const make = () => client.unsafe(query, params as never, { ...opts, prepare } as never);
      return {
        values: () => gate.run(() => make().values()),
        // biome-ignore lint/suspicious/noThenProperty: drizzle awaits the query object itself
        then: <A, B>(ok?: (v: unknown) => A, fail?: (e: unknown) => B) =>
          gate.run(() => make()).then(ok, fail),
      };
    },
    begin: (work: (tx: postgres.TransactionSql) => Promise<unknown>) => gate.run(() => client.begin(work)),
  };
  const db = drizzlePostgres(gated as unknown as postgres.Sql, { schema }) as unknown as Database;
  return {
    driver: 'postgres',
    db,
    poolStats: () => gate.stats,
    ping: async () => {
      await gate.run(() => client`select 1`);
    },
    rows: async <T extends Record<string, unknown>>(query: SQL) =>
      (await db.execute(query)) as unknown as T[],
    // postgres.js keeps one extra connection for LISTEN and re-subscribes after it reconnects.
    listen: async (channel, onNotify) => {
      const { unlisten } = await client.listen(channel, () => onNotify());
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(options: { dataDir?: string; template?: string }): Promise<Store> {
  let release = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    // PGlite is single-process: two processes on one data directory would corrupt it.
    release = acquireDirectoryLock(options.dataDir);
  }
  // Loaded on demand: production (postgres.js) should not pay for the WebAssembly PostgreSQL.
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  let client: InstanceType<typeof PGlite>;
  try {
    // drizzle's own parsers, registered once: passed per query, PGlite copies all ~300 of its parsers into a
    // new object on every statement (the hot path's largest cost outside the database itself).
    const parsers = drizzleParsers();
    client = options.dataDir
      ? await createOnDisk(PGlite, options.dataDir, { parsers }, options.template)
      : await PGlite.create({ parsers });
  } catch (error) {
    release();
    throw error;
  }
  const gate = new PoolGate(1);
  const pg = client;
  const plain = withoutParsers(pg);
  const gated = Object.assign(Object.create(pg) as typeof pg, {
    query: (...args: Parameters<typeof pg.query>) => gate.run(() => plain.query(...args)),
    transaction: (work: Parameters<typeof pg.transaction>[0]) =>
      gate.run(() => pg.transaction((tx) => work(withoutParsers(tx)))),
  });
  const db = drizzlePglite(gated, { schema }) as unknown as Database;
  return {
    driver: 'pglite',
    db,
    poolStats: () => gate.stats,
    ping: async () => {
      await gate.run(() => pg.query('select 1'));
    },
    rows: async <T extends Record<string, unknown>>(query: SQL) =>
      ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    listen: (channel, onNotify) => gate.run(() => pg.listen(channel, () => onNotify())),
    dumpDataDir: () =>
      gate.run(async () => new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer())),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

type PGliteClass = typeof import('@electric-sql/pglite').PGlite;

/**
 * Opens PGlite on a data directory. A fresh directory (no PG_VERSION) is unpacked from the template when
 * there is one, which skips initdb; if unpacking fails, what it left is removed and initdb runs instead.
 */
async function createOnDisk(
  PGlite: PGliteClass,
  dataDir: string,
  options: { parsers: Record<number, (value: string) => string> },
  template: string | undefined,
): Promise<InstanceType<PGliteClass>> {
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (!fresh || !template || !existsSync(template)) return PGlite.create(dataDir, options);
  try {
    // Unzipped here: PGlite's own gunzip lets a corrupt file's error escape as an unhandled rejection.
    const loadDataDir = new Blob([gunzipSync(readFileSync(template))], { type: 'application/x-tar' });
    return await PGlite.create(dataDir, { ...options, loadDataDir });
  } catch {
    for (const entry of readdirSync(dataDir)) {
      if (entry !== LOCK_FILE) rmSync(join(dataDir, entry), { recursive: true, force: true });
    }
    return PGlite.create(dataDir, options);
  }
}

/** The type parsers drizzle's PGlite session passes with every query: dates, intervals and numeric arrays as text. */
function drizzleParsers(): Record<number, (value: string) => string> {
  const asText = (value: string) => value;
  // timestamp, timestamptz, interval, date, numeric[], timestamp[], timestamptz[], interval[], date[]
  return Object.fromEntries(
    [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, asText]),
  );
}

type Queryable = {
  query: (query: string, params?: unknown[], options?: Record<string, unknown>) => Promise<unknown>;
};

/**
 * The same client, whose `query` drops the per-query `parsers` (registered at create instead). Only drizzle's
 * own parser map is dropped; anything else a caller passes is kept.
 */
function withoutParsers<T extends Queryable>(client: T): T {
  const query = client.query.bind(client);
  return Object.assign(Object.create(client) as T, {
    query: (sql: string, params?: unknown[], options?: Record<string, unknown>) => {
      if (!options?.parsers) return query(sql, params, options);
      const { parsers: _drizzle, ...rest } = options;
      return query(sql, params, rest);
    },
  });
}
