import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  hasPostgres,
  onStore,
  openTestStore,
  storeKinds,
} from '../../test/databases.ts';
import { applyMigrations } from '../db/migrations.ts';
import { countActiveProducts, getProduct } from '../db/repositories/products.ts';
import type { Store } from '../db/store.ts';
import { seedDemoData } from '../seed/index.ts';
import { productArrayOf, validateProducts } from './dummyjson.ts';
import { describeProblems, ImportError, importCatalog, parseCatalogJson } from './import.ts';

const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../test/fixtures/catalog-small.json'), 'utf8'),
);
const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('DummyJSON validation', () => {
  it('accepts both document shapes', () => {
    expect(productArrayOf(fixture)).toHaveLength(2);
    expect(productArrayOf(fixture.products)).toHaveLength(2);
    expect(productArrayOf({ items: [] })).toBeUndefined();
    expect(productArrayOf('nope')).toBeUndefined();
  });

  it('reports every invalid record by index and field', () => {
    const result = validateProducts([
      fixture.products[0],
      { ...fixture.products[1], price: 'cheap' },
      { id: -3, title: '' },
      fixture.products[0],
      null,
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const where = result.problems.map((p) => `${p.index}:${p.field}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '1:price',
        '2:id',
        '2:title',
        '2:category',
        '2:price',
        '2:stock',
        '3:id',
        '4:',
      ]),
    );
    expect(result.problems.find((p) => p.index === 3)?.message).toMatch(
      /duplicate id 9001 \(also record 0\)/,
    );
    expect(describeProblems(result.problems, 2)).toHaveLength(3);
  });
});

describe.each(storeKinds())('catalog import on %s', (kind, available) => {
  let store: Store;
  beforeAll(async () => {
    if (!available) return;
    store = await openTestStore(kind);
    await applyMigrations(store);
    await seedDemoData(store.db);
  });
  afterAll(async () => store?.close());
  const title = onStore('upserts in one transaction', available);

  it.skipIf(!available)(title, async () => {
    const before = await countActiveProducts(store.db);
    expect(await importCatalog(store.db, fixture)).toEqual({
      total: 2,
      inserted: 2,
      updated: 0,
      deactivated: 0,
    });
    const lamp = await getProduct(store.db, 9001);
    expect(lamp).toMatchObject({
      title: 'Testbench Desk Lamp',
      priceCents: 3450,
      category: 'lighting',
      stock: 12,
    });
    const tray = await getProduct(store.db, 9002);
    expect(tray).toMatchObject({ brand: null, stock: 0, discountPercentage: 0, tags: [] });

    const changed = structuredClone(fixture);
    changed.products[0].price = 29.99;
    expect(await importCatalog(store.db, changed)).toMatchObject({ inserted: 0, updated: 2 });
    expect((await getProduct(store.db, 9001))?.priceCents).toBe(2999);
    expect(await countActiveProducts(store.db)).toBe(before + 2);
  });

  it.skipIf(!available)('writes nothing when any record is invalid', async () => {
    const bad = structuredClone(fixture);
    bad.products[0].price = 1;
    bad.products.push({ id: 9003, title: 'Half', category: 'x', price: 1, stock: 'many' });
    await expect(importCatalog(store.db, bad)).rejects.toThrow(ImportError);
    expect((await getProduct(store.db, 9001))?.priceCents).toBe(2999);
    expect(await getProduct(store.db, 9003)).toBeUndefined();
    await expect(importCatalog(store.db, { products: [] })).rejects.toThrow(/no products/);
  });

  it.skipIf(!available)('reports progress after each batch, and only commits after the last', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({
      ...fixture.products[0],
      id: 20_000 + i,
      title: `Batch Lamp ${i}`,
    }));
    const progress: [number, number][] = [];
    const seen: number[] = [];
    await importCatalog(store.db, many, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
    // Every record is validated before the first batch: a bad last record writes no batch at all.
    const broken = [...many.map((p) => ({ ...p, id: p.id + 5000 })), { ...many[0], price: 'x' }];
    await expect(importCatalog(store.db, broken, { onProgress: (done) => seen.push(done) })).rejects.toThrow(
      ImportError,
    );
    expect(seen).toEqual([]);
    expect(await getProduct(store.db, 25_000)).toBeUndefined();
  });

  it.skipIf(!available)('with replace, takes products missing from the file off sale', async () => {
    const result = await importCatalog(store.db, fixture, { replace: true });
    expect(result.deactivated).toBeGreaterThanOrEqual(100);
    expect(await countActiveProducts(store.db)).toBe(2);
  });
});

describe('catalog:import command', () => {
  const shared = resolve(root, '../shared/data/dummyjson/products.json');

  it.skipIf(!hasPostgres())('reports bad records and exits non-zero, writing nothing', async () => {
    const url = await createPostgresDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ ...fixture.products[0], stock: -1 }]));
    const failed = await run(process.execPath, ['--experimental-strip-types', 'src/catalog/cli.ts', file], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stdout).toContain('record 0, field stock:');
    expect(failed.stderr).toContain('nothing was imported');
  });

  it.skipIf(!hasPostgres())('accepts a file that starts with a UTF-8 byte-order mark', async () => {
    const url = await createPostgresDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(fixture)}`);
    const { stdout } = await run(
      process.execPath,
      ['--experimental-strip-types', 'src/catalog/cli.ts', file],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
      },
    );
    expect(stdout).toContain('imported 2 products');
  });

  it('parses catalog text with or without a byte-order mark, and nothing else invisible', () => {
    expect(parseCatalogJson('\uFEFF[1]')).toEqual([1]);
    expect(parseCatalogJson('[1]')).toEqual([1]);
    expect(() => parseCatalogJson('\u200B[1]')).toThrow(SyntaxError);
  });

  it.skipIf(!hasPostgres() || !existsSync(shared))(
    'imports the public DummyJSON catalog when it is beside the project',
    async () => {
      const url = await createPostgresDatabase();
      const { stdout } = await run(
        process.execPath,
        ['--experimental-strip-types', 'src/catalog/cli.ts', shared],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: url },
        },
      );
      const total = (productArrayOf(JSON.parse(readFileSync(shared, 'utf8'))) ?? []).length;
      expect(stdout).toContain(`imported ${total} products`);
    },
  );
});
