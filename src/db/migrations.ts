/**
 * @module db/migrations
 * Applies drizzle's migration history, reports its status and rolls it back with hand-written down files.
 *
 * Up migrations are drizzle-kit's `drizzle/NNNN_tag.sql` with `meta/_journal.json`; the down migration of
 * each lives in `drizzle/down/NNNN_tag.sql`. Applied migrations are the rows of drizzle's own table
 * `drizzle.__drizzle_migrations (hash, created_at)`, where `created_at` is the journal's `when`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { z } from 'zod';
import type { Schema, Store } from './store.ts';

/** The `drizzle/` folder shipped with the service. */
export const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../../drizzle');

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), when: z.number(), tag: z.string() })),
});

export interface MigrationFile {
  tag: string;
  when: number;
  hash: string;
  downPath: string;
}

export type MigrationState = 'applied' | 'pending' | 'modified' | 'out-of-order';

export interface MigrationStatus {
  tag: string;
  when: number;
  state: MigrationState;
  hasDown: boolean;
}

/** Thrown when the history cannot be applied or rolled back safely. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Reads the journal, the SQL hashes (computed as drizzle does) and the down-file paths. */
export function readMigrations(folder = MIGRATIONS_FOLDER): MigrationFile[] {
  const journal = journalSchema.parse(JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')));
  const files = readMigrationFiles({ migrationsFolder: folder });
  return journal.entries.map((entry, i) => ({
    tag: entry.tag,
    when: entry.when,
    hash: files[i]?.hash ?? '',
    downPath: join(folder, 'down', `${entry.tag}.sql`),
  }));
}

interface AppliedRow extends Record<string, unknown> {
  hash: string;
  created_at: string | number;
}

async function readApplied(store: Store): Promise<AppliedRow[]> {
  const [exists] = await store.rows<{ ok: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  if (!exists?.ok) return [];
  return store.rows<AppliedRow>(
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at asc`,
  );
}

/**
 * Compares the files with the database. `out-of-order` marks a migration older than the newest applied one
 * that was never applied: drizzle's migrator would skip it silently.
 */
export async function migrationStatus(store: Store, folder = MIGRATIONS_FOLDER): Promise<MigrationStatus[]> {
  const files = readMigrations(folder);
  const applied = await readApplied(store);
  const byWhen = new Map(applied.map((row) => [Number(row.created_at), row.hash]));
  const newestApplied = applied.reduce((max, row) => Math.max(max, Number(row.created_at)), -1);
  return files.map((file) => {
    const appliedHash = byWhen.get(file.when);
    let state: MigrationState;
    if (appliedHash !== undefined) state = appliedHash === file.hash ? 'applied' : 'modified';
    else state = file.when <= newestApplied ? 'out-of-order' : 'pending';
    return { tag: file.tag, when: file.when, state, hasDown: existsSync(file.downPath) };
  });
}

/** The key of the PostgreSQL advisory lock every migration runner takes (`hashtext` of this name). */
export const MIGRATION_LOCK_NAME = 'chatbot-service:migrations';

/**
 * Applies pending migrations in one transaction; refuses when one would be skipped. On PostgreSQL the
 * transaction first takes a transaction-scoped advisory lock (`pg_advisory_xact_lock`), so of several
 * runners at once (pods starting together, a release step and a pod) one applies and the others wait for
 * its commit, then find nothing pending. The lock is released by the commit or rollback, also when the
 * runner dies, and lives on the one connection that runs the migrations.
 */
export async function applyMigrations(store: Store, folder = MIGRATIONS_FOLDER): Promise<string[]> {
  if (store.driver === 'postgres') return applyLocked(store, folder);
  const status = await migrationStatus(store, folder);
  const skipped = status.filter((m) => m.state === 'out-of-order');
  if (skipped.length > 0) {
    throw new MigrationError(
      `migration(s) ${skipped.map((m) => m.tag).join(', ')} are older than the newest applied one and would be skipped; renumber them`,
    );
  }
  const pending = status.filter((m) => m.state === 'pending').map((m) => m.tag);
  if (pending.length === 0) return [];
  // PGlite is one connection in one process (and its data directory is pid-locked): no second runner.
  await migratePglite(store.db as unknown as PgliteDatabase<Schema>, { migrationsFolder: folder });
  return pending;
}

interface AppliedRowList {
  [index: number]: AppliedRow;
  length: number;
}

/**
 * The PostgreSQL path: lock, read what is applied, apply what is pending and record it in drizzle's table
 * (`drizzle.__drizzle_migrations (id serial, hash text, created_at bigint)`, the journal's `when` as
 * `created_at`), all on one connection in one transaction.
 */
async function applyLocked(store: Store, folder: string): Promise<string[]> {
  const files = readMigrations(folder);
  const bodies = readMigrationFiles({ migrationsFolder: folder });
  return store.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${MIGRATION_LOCK_NAME}))`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    );
    const result = (await tx.execute(
      sql`select hash, created_at from drizzle.__drizzle_migrations`,
    )) as unknown as AppliedRowList;
    const applied = Array.from({ length: result.length }, (_, i) => result[i] as AppliedRow);
    const done = new Set(applied.map((row) => Number(row.created_at)));
    const newest = applied.reduce((max, row) => Math.max(max, Number(row.created_at)), -1);
    const pending = files.flatMap((file, i) => (done.has(file.when) ? [] : [{ file, body: bodies[i] }]));
    const skipped = pending.filter(({ file }) => file.when <= newest);
    if (skipped.length > 0) {
      throw new MigrationError(
        `migration(s) ${skipped.map(({ file }) => file.tag).join(', ')} are older than the newest applied one and would be skipped; renumber them`,
      );
    }
    for (const { file, body } of pending) {
      for (const statement of body?.sql ?? []) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${file.hash}, ${file.when})`,
      );
    }
    return pending.map(({ file }) => file.tag);
  });
}

/**
 * Runs the down migrations of the newest `steps` applied migrations, newest first, in one transaction.
 * Refuses before touching anything when a down file is missing.
 */
export async function rollbackMigrations(
  store: Store,
  { steps = 1, folder = MIGRATIONS_FOLDER }: { steps?: number; folder?: string } = {},
): Promise<string[]> {
  if (!Number.isInteger(steps) || steps < 1) throw new MigrationError('steps must be a whole number ≥ 1');
  const files = new Map(readMigrations(folder).map((file) => [file.when, file]));
  const applied = (await readApplied(store)).map((row) => Number(row.created_at)).sort((a, b) => b - a);
  const targets = applied.slice(0, steps).map((when) => {
    const file = files.get(when);
    if (!file) throw new MigrationError(`applied migration ${when} has no file in ${folder}`);
    if (!existsSync(file.downPath)) throw new MigrationError(`no down migration for ${file.tag}`);
    return file;
  });
  await store.db.transaction(async (tx) => {
    if (store.driver === 'postgres')
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${MIGRATION_LOCK_NAME}))`);
    for (const file of targets) {
      for (const statement of splitStatements(readFileSync(file.downPath, 'utf8'))) {
        await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${file.when}`);
    }
  });
  return targets.map((file) => file.tag);
}

/** Splits on drizzle's statement marker and drops empty or comment-only parts. */
export function splitStatements(text: string): string[] {
  return text
    .split('--> statement-breakpoint')
    .map((part) => part.trim())
    .filter((part) => part.replace(/--.*$/gm, '').trim().length > 0);
}
