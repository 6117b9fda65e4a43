// postinstall: applies the project's patches to installed dependencies, refusing loudly if the code to patch
// is not exactly what the patch was written for (a new version must be checked by hand, not patched blindly).
//
// postgres 3.4.9 (latest on npm): a small write is flushed from a setImmediate; when the connection closes
// first, `socket` is null and the flush throws an uncaught TypeError that kills the process
// (porsager/postgres#1154, #1208; unmerged fixes #1168, #1176, #1209). Our concurrent outage test
// (src/http/db-outage.test.ts) reproduced it. The guard below is the one of #1209: settle the pending
// queries with CONNECTION_CLOSED, which our store reports as "database unavailable" (503), instead of
// crashing or dropping the write silently.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARK = 'shopyverse-patch: postgres#1208';
const ORIGINAL = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const PATCHED = `  function nextWrite(fn) {
    if (socket === null) { // ${MARK}
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;

// drizzle-orm (ESM, "type": "module"): Node 24 looks up the nearest package.json of every module file it
// loads, and re-reads drizzle's 447-entry manifest for each of its files: importing drizzle-orm/postgres-js
// took 1.9 s of a 2.3 s start. A one-line package.json with the same type in each of its folders is what
// Node finds first instead (the manifest still answers the package's exports). Semantics are unchanged:
// the folders' .js files were modules already, and .cjs files do not read "type".
const drizzle = join(root, 'node_modules/drizzle-orm');
if (existsSync(join(drizzle, 'package.json'))) {
  const { type } = JSON.parse(readFileSync(join(drizzle, 'package.json'), 'utf8'));
  if (type !== 'module') {
    console.error(
      `patch-dependencies: drizzle-orm is no longer "type": "module"; check the folder manifests`,
    );
    process.exit(1);
  }
  let written = 0;
  for (const entry of readdirSync(drizzle, { recursive: true, withFileTypes: true })) {
    const manifest = join(entry.parentPath, entry.name, 'package.json');
    if (!entry.isDirectory() || existsSync(manifest)) continue;
    writeFileSync(manifest, '{"type":"module"}\n');
    written++;
  }
  if (written) console.log(`patch-dependencies: ${written} folder manifests in drizzle-orm`);
}

const pkg = join(root, 'node_modules/postgres/package.json');
if (!existsSync(pkg)) process.exit(0); // not installed (e.g. a partial install): nothing to patch
const { version } = JSON.parse(readFileSync(pkg, 'utf8'));
if (version !== '3.4.9') {
  console.error(
    `patch-dependencies: postgres ${version} is not the version the patch was written for (3.4.9); check whether it still needs it`,
  );
  process.exit(1);
}
for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const path = join(root, 'node_modules/postgres', file);
  const text = readFileSync(path, 'utf8');
  if (text.includes(MARK)) continue;
  if (!text.includes(ORIGINAL)) {
    console.error(`patch-dependencies: ${file} does not contain the code the patch replaces`);
    process.exit(1);
  }
  writeFileSync(path, text.replace(ORIGINAL, PATCHED));
  console.log(`patch-dependencies: guarded nextWrite in postgres/${file}`);
}
