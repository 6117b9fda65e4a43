/**
 * @module db/template
 * A pre-initialised embedded data directory. PGlite's initdb is 5–6 s of WebAssembly on every fresh data
 * directory; the template is that initdb plus the migrations, run once by `npm ci`'s postinstall and by the
 * image build and kept as a gzipped tarball (about 5 MB). A fresh data directory is unpacked from it in
 * about a second (see `openStore`). The file's name is a hash of PGlite's version and the migrations, so
 * a changed schema or engine never unpacks an old template; without one, a start runs initdb as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { applyMigrations, MIGRATIONS_FOLDER, readMigrations } from './migrations.ts';
import { openStore } from './store.ts';

/** The installed PGlite's version (its manifest is not exported, so it is found beside its entry, in dist/). */
function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Where the template for this PGlite and these migrations lives in `dir` (it may not exist yet). */
export function templateFile(dir: string, migrations = MIGRATIONS_FOLDER): string {
  const hash = createHash('sha256').update(pgliteVersion());
  for (const migration of readMigrations(migrations)) hash.update(`${migration.tag}:${migration.hash}\n`);
  return join(dir, `pglite-${hash.digest('hex').slice(0, 24)}.tar.gz`);
}

/**
 * Writes the template unless it is there already: an in-memory PGlite, migrated, dumped. Written to a
 * temporary name and renamed, so a reader never sees half a file.
 */
export async function writeTemplate(
  dir: string,
  migrations = MIGRATIONS_FOLDER,
): Promise<{ file: string; written: boolean }> {
  const file = templateFile(dir, migrations);
  if (existsSync(file)) return { file, written: false };
  const store = await openStore({ kind: 'pglite' });
  try {
    await applyMigrations(store, migrations);
    const dump = await store.dumpDataDir?.();
    if (!dump) throw new Error('this store cannot dump its data directory');
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, dump);
    renameSync(partial, file);
  } finally {
    await store.close();
  }
  return { file, written: true };
}
