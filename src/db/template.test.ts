import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from './migrations.ts';
import { openStore } from './store.ts';
import { templateFile, writeTemplate } from './template.ts';

describe('the pre-initialised embedded data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'template-'));
  let file: string;

  beforeAll(async () => {
    ({ file } = await writeTemplate(dir));
  }, 120_000);

  it('is written once, under a name keyed by PGlite and the migrations', async () => {
    expect(file).toBe(templateFile(dir));
    expect(await writeTemplate(dir)).toEqual({ file, written: false });
    expect(readdirSync(dir)).toEqual([file.split('/').pop()]);
  });

  it('starts a fresh data directory already migrated, and a restart resumes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'from-template-'));
    const store = await openStore({ kind: 'pglite', dataDir, template: file });
    try {
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      // Nothing pending: the tables came with the template.
      expect(await applyMigrations(store)).toEqual([]);
      await store.rows(sql`insert into customers (id, email, name) values ('c-1', 'a@example.com', 'A')`);
    } finally {
      await store.close();
    }
    const again = await openStore({ kind: 'pglite', dataDir, template: file });
    try {
      const rows = await again.rows<{ n: number }>(sql`select count(*)::int as n from customers`);
      expect(rows[0]?.n).toBe(1);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('falls back to initdb when the template cannot be unpacked', async () => {
    const broken = join(dir, 'broken.tar.gz');
    writeFileSync(broken, 'not a tarball');
    const dataDir = mkdtempSync(join(tmpdir(), 'broken-template-'));
    const store = await openStore({ kind: 'pglite', dataDir, template: broken });
    try {
      expect((await applyMigrations(store)).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }, 60_000);
});
