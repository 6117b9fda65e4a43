/**
 * @module catalog/import
 * All-or-nothing catalog import: every record is validated first, then all are upserted in one transaction.
 */
import { sql } from 'drizzle-orm';
import { deactivateProductsExcept, upsertProducts } from '../db/repositories/products.ts';
import type { Database } from '../db/store.ts';
import { productArrayOf, type RecordProblem, toProductRecord, validateProducts } from './dummyjson.ts';
import { CATALOG_CHANNEL } from './sync.ts';

/** Thrown when the file is rejected; nothing has been written. */
export class ImportError extends Error {
  override name = 'ImportError';
  readonly problems: RecordProblem[];
  constructor(message: string, problems: RecordProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

export interface ImportResult {
  total: number;
  inserted: number;
  updated: number;
  /** Products not in the file that were taken off sale (only with `replace`). */
  deactivated: number;
}

/**
 * Parses the text of a catalog file. A leading UTF-8 byte-order mark (which some editors write) is dropped,
 * as a browser or `fetch` would, so the CLI and the HTTP import accept the same files.
 */
export function parseCatalogJson(text: string): unknown {
  return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
}

/**
 * Imports a parsed DummyJSON document. With `replace`, products missing from the file are deactivated,
 * so the file becomes the whole catalog; orders keep their item snapshots.
 */
export async function importCatalog(
  db: Database,
  document: unknown,
  {
    replace = false,
    onProgress,
  }: {
    replace?: boolean;
    /** Rows written so far, after each batch (the transaction commits only after the last). */
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<ImportResult> {
  const records = productArrayOf(document);
  if (!records)
    throw new ImportError('expected a JSON array of products or an object with a "products" array');
  if (records.length === 0) throw new ImportError('the file has no products');
  const checked = validateProducts(records);
  if (!checked.ok) {
    throw new ImportError(
      `${checked.problems.length} problem(s) found; nothing was imported`,
      checked.problems,
    );
  }
  const rows = checked.products.map(toProductRecord);
  return db.transaction(async (tx) => {
    const txDb = tx as unknown as Database;
    const { inserted, updated } = await upsertProducts(txDb, rows, onProgress);
    const deactivated = replace
      ? await deactivateProductsExcept(
          txDb,
          rows.map((r) => r.id as number),
        )
      : 0;
    // Delivered at commit to every replica listening (catalog/sync.ts), whoever ran the import.
    await txDb.execute(sql`select pg_notify(${CATALOG_CHANNEL}, '')`);
    return { total: rows.length, inserted, updated, deactivated };
  });
}

/** Formats problems as `record 12, field price: …` lines for operators. */
export function describeProblems(problems: RecordProblem[], limit = 50): string[] {
  const lines = problems
    .slice(0, limit)
    .map((p) => `record ${p.index}${p.field ? `, field ${p.field}` : ''}: ${p.message}`);
  if (problems.length > limit) lines.push(`… and ${problems.length - limit} more`);
  return lines;
}
