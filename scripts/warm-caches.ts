/**
 * postinstall (and the image build): fills the caches a start would otherwise fill itself, where the service
 * looks by default (see config/env):
 * - the trained NLU model (`node_modules/.cache/shopyverse-nlu`), so no start trains it;
 * - the pre-initialised embedded data directory (`node_modules/.cache/shopyverse-pglite`, db/template), so a
 *   fresh data directory is unpacked instead of running PGlite's initdb.
 * Best effort: what cannot be written here, the first start does the slow way.
 */
import { loadConfig } from '../src/config/env.ts';
import { writeTemplate } from '../src/db/template.ts';
import { NluEngine } from '../src/nlu/engine.ts';

const { nluCacheDir, storeTemplateDir } = loadConfig({});
let started = performance.now();
const took = () => `${Math.round(performance.now() - started)} ms`;
NluEngine.cached({
  dir: nluCacheDir,
  onCache: (event) =>
    console.log(
      `NLU model ${event.kind === 'hit' ? 'already cached' : event.kind} (${event.file}, ${took()})`,
    ),
});
started = performance.now();
try {
  const { file, written } = await writeTemplate(storeTemplateDir);
  console.log(
    `embedded data directory template ${written ? 'written' : 'already there'} (${file}, ${took()})`,
  );
} catch (error) {
  console.log(`embedded data directory template not written: ${String(error)} (first starts run initdb)`);
}
