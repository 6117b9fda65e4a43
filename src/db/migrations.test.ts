import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  hasPostgres,
  onStore,
  openTestStore,
  postgresSkipReason,
  storeKinds,
} from '../../test/databases.ts';
import {
  applyMigrations,
  MIGRATION_LOCK_NAME,
  MIGRATIONS_FOLDER,
  MigrationError,
  migrationStatus,
  readMigrations,
  rollbackMigrations,
  splitStatements,
} from './migrations.ts';
import { openStore, type Store } from './store.ts';

const userTables = (store: Store) =>
  store
    .rows<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    )
    .then((rows) => rows.map((row) => row.name));

const userTypes = (store: Store) =>
  store
    .rows<{ name: string }>(
      sql`select t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
          where n.nspname = 'public' and t.typtype = 'e'`,
    )
    .then((rows) => rows.map((row) => row.name));

describe.each(storeKinds())('migrations on %s', (kind, available) => {
  let store: Store;
  beforeAll(async () => {
    if (available) store = await openTestStore(kind);
  });
  afterAll(async () => store?.close());

  it.skipIf(!available)(onStore('up → down → up leaves the same schema', available), async () => {
    const tags = readMigrations().map((m) => m.tag);
    expect((await migrationStatus(store)).map((m) => m.state)).toEqual(tags.map(() => 'pending'));

    expect(await applyMigrations(store)).toEqual(tags);
    const tablesAfterUp = await userTables(store);
    expect(tablesAfterUp).toEqual(
      expect.arrayContaining(['customers', 'products', 'orders', 'messages', 'handoffs']),
    );
    expect((await migrationStatus(store)).every((m) => m.state === 'applied' && m.hasDown)).toBe(true);
    expect(await applyMigrations(store)).toEqual([]);

    expect(await rollbackMigrations(store, { steps: tags.length })).toEqual([...tags].reverse());
    expect(await userTables(store)).toEqual([]);
    expect(await userTypes(store)).toEqual([]);
    expect((await migrationStatus(store)).every((m) => m.state === 'pending')).toBe(true);

    await applyMigrations(store);
    expect(await userTables(store)).toEqual(tablesAfterUp);
  });
});

describe.skipIf(!hasPostgres())(
  `one migration runner at a time on PostgreSQL${hasPostgres() ? '' : ` (skipped: ${postgresSkipReason()})`}`,
  () => {
    const stores: Store[] = [];
    const open = async (url: string) => {
      const store = await openStore({ kind: 'postgres', url, poolMax: 4 });
      stores.push(store);
      return store;
    };
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
    });

    it('two runners started together: one applies everything, the other waits and finds nothing pending', async () => {
      const url = await createPostgresDatabase();
      const [a, b] = [await open(url), await open(url)];
      const results = await Promise.all([applyMigrations(a), applyMigrations(b)]);
      const tags = readMigrations().map((m) => m.tag);
      expect(results.map((r) => r.length).sort()).toEqual([0, tags.length]);
      const [{ count } = { count: -1 }] = await a.rows<{ count: number }>(
        sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
      );
      expect(count).toBe(tags.length);
    });

    it('a runner waits on the advisory lock while another holds it, then applies', async () => {
      const url = await createPostgresDatabase();
      const [holder, runner] = [await open(url), await open(url)];
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked: () => void = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const holding = holder.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${MIGRATION_LOCK_NAME}))`);
        locked();
        await held;
      });
      await lockTaken;
      const running = applyMigrations(runner);
      // Poll PostgreSQL until the runner's session is seen waiting on the advisory lock (no timing guess).
      const waiting = async () =>
        (
          await holder.rows<{ n: number }>(
            sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
          )
        )[0]?.n ?? 0;
      for (let i = 0; (await waiting()) === 0; i++) {
        if (i > 500) throw new Error('the runner never waited on the lock');
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(await userTables(holder)).toEqual([]);
      release();
      await holding;
      expect(await running).toEqual(readMigrations().map((m) => m.tag));
    });
  },
);

describe('migration status and safety', () => {
  let store: Store;
  let folder: string;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    folder = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    await applyMigrations(store, folder);
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const journalPath = () => join(folder, 'meta/_journal.json');
  const addMigration = (tag: string, when: number, up: string, down?: string) => {
    const journal = JSON.parse(readFileSync(journalPath(), 'utf8'));
    journal.entries.push({ idx: journal.entries.length, version: '7', when, tag, breakpoints: true });
    journal.entries.sort((a: { when: number }, b: { when: number }) => a.when - b.when);
    writeFileSync(journalPath(), JSON.stringify(journal));
    writeFileSync(join(folder, `${tag}.sql`), up);
    if (down !== undefined) writeFileSync(join(folder, 'down', `${tag}.sql`), down);
  };

  it('applies and rolls back a later migration, one step at a time', async () => {
    const first = readMigrations(folder).at(-1);
    addMigration(
      '0001_notes',
      (first?.when ?? 0) + 1000,
      'alter table customers add column notes text;',
      'alter table customers drop column notes;',
    );
    expect(await applyMigrations(store, folder)).toEqual(['0001_notes']);
    expect(await rollbackMigrations(store, { folder })).toEqual(['0001_notes']);
    const states = await migrationStatus(store, folder);
    expect(states.map((m) => [m.tag, m.state])).toEqual([
      ['0000_init', 'applied'],
      ['0001_first_message_key', 'applied'],
      ['0002_shared_rate_limit', 'applied'],
      ['0001_notes', 'pending'],
    ]);
    await applyMigrations(store, folder);
  });

  it('refuses to roll back past a migration with no down file, touching nothing', async () => {
    const last = readMigrations(folder).at(-1);
    addMigration('0002_flag', (last?.when ?? 0) + 1000, 'alter table customers add column vip boolean;');
    await applyMigrations(store, folder);
    await expect(rollbackMigrations(store, { folder })).rejects.toThrow(/no down migration for 0002_flag/);
    expect((await migrationStatus(store, folder)).at(-1)?.state).toBe('applied');
    await expect(rollbackMigrations(store, { folder, steps: 0 })).rejects.toThrow(MigrationError);
  });

  it('flags a modified migration and an out-of-order one, and refuses to skip the latter', async () => {
    writeFileSync(join(folder, '0001_notes.sql'), 'alter table customers add column notes varchar(10);');
    const init = readMigrations(folder)[0];
    addMigration('0000a_late', (init?.when ?? 0) + 1, 'create table late (id int);', 'drop table late;');
    const states = Object.fromEntries((await migrationStatus(store, folder)).map((m) => [m.tag, m.state]));
    expect(states).toEqual({
      '0000_init': 'applied',
      '0001_first_message_key': 'applied',
      '0002_shared_rate_limit': 'applied',
      '0000a_late': 'out-of-order',
      '0001_notes': 'modified',
      '0002_flag': 'applied',
    });
    await expect(applyMigrations(store, folder)).rejects.toThrow(/0000a_late .*would be skipped/);
  });

  it('splits statements and ignores comment-only parts', () => {
    expect(
      splitStatements('-- note\nselect 1;--> statement-breakpoint\n\n--> statement-breakpoint\nselect 2;'),
    ).toEqual(['-- note\nselect 1;', 'select 2;']);
  });
});
