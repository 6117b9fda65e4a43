/**
 * @module test/databases
 * Gives each test file its own database: a fresh one on the shared PostgreSQL server, or in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
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
