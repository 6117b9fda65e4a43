/**
 * @module catalog/cli
 * `npm run catalog:import -- FILE [--replace]`: validates and imports a DummyJSON product file, in batches of
 * 500 rows inside one transaction (all or nothing), printing progress for big files.
 * Migrates the store first, so it also works on a fresh database.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run.ts';
import { loadConfig } from '../config/env.ts';
import { applyMigrations } from '../db/migrations.ts';
import { openConfiguredStore } from '../db/open.ts';
import { describeProblems, ImportError, importCatalog, parseCatalogJson } from './import.ts';

/** Files with fewer products import in a blink and print no progress. */
const PROGRESS_FROM = 5000;

await runCli(async (out) => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file) {
    out('usage: npm run catalog:import -- FILE [--replace]');
    return 2;
  }
  let document: unknown;
  try {
    document = parseCatalogJson(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ImportError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const store = await openConfiguredStore(loadConfig(process.env));
  try {
    await applyMigrations(store);
    const started = performance.now();
    let reported = 0;
    const result = await importCatalog(store.db, document, {
      replace: values.replace,
      // A line about every 10 % of a big file (none for a small one), so a long import shows it is moving.
      onProgress: (done, total) => {
        if (total < PROGRESS_FROM || (done < total && done - reported < total / 10)) return;
        reported = done;
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        out(`  ${done} of ${total} products written (${seconds} s)`);
      },
    });
    out(
      `imported ${result.total} products from ${file}: ${result.inserted} new, ${result.updated} updated` +
        (values.replace ? `, ${result.deactivated} taken off sale` : ''),
    );
    return 0;
  } catch (error) {
    if (error instanceof ImportError && error.problems.length) {
      for (const line of describeProblems(error.problems)) out(line);
    }
    throw error;
  } finally {
    await store.close();
  }
});
