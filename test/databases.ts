/**
 * @module test/databases
 * Gives each test file its own database: a fresh one on the shared PostgreSQL server, or in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject, it } from 'vitest';
import { applyMigrations } from '../src/db/migrations.ts';
import { openStore, type Store } from '../src/db/store.ts';
import { createDatabase } from './postgres-server.ts';

/** True when a real PostgreSQL server is available to this run. */
export const hasPostgres = (): boolean => inject('postgresUrl') !== '';
export const postgresSkipReason = (): string => inject('postgresSkipReason');

/** Creates an empty database on the test server and returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  return createDatabase(inject('postgresUrl'), `t_${randomBytes(6).toString('hex')}`);
}

/** Opens a store of the given kind on a fresh, empty database. */
export async function openTestStore(kind: 'postgres' | 'pglite'): Promise<Store> {
  if (kind === 'pglite') return openStore({ kind: 'pglite' });
  return openStore({ kind: 'postgres', url: await createPostgresDatabase(), poolMax: 4 });
}

/** The stores a store test runs on: embedded PGlite always, PostgreSQL when this run has a server. */
export const storeKinds = () => [['pglite', true] as const, ['postgres', hasPostgres()] as const];

/** A test's name, saying why it is skipped when its store is not available. */
export const onStore = (name: string, available: boolean): string =>
  `${name}${available ? '' : ` (skipped: ${postgresSkipReason()})`}`;

/** `it` for a store that may be unavailable: skipped then, with the reason in its name. */
export const storeTest =
  (available: boolean) =>
  (name: string, fn: () => Promise<void>): void => {
    it.skipIf(!available)(onStore(name, available), fn);
  };

/**
 * A migrated store of the given kind for the tests of one `describe` block, opened before them and closed
 * after; the getter returns it inside a test (not when the store is unavailable).
 */
export function migratedStore(kind: 'postgres' | 'pglite', available: boolean): () => Store {
  let store: Store | undefined;
  beforeAll(async () => {
    if (!available) return;
    store = await openTestStore(kind);
    await applyMigrations(store);
  });
  afterAll(async () => store?.close());
  return () => store as Store;
}
