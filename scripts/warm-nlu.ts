/**
 * postinstall: trains the NLU model once and writes it where the service looks by default
 * (`node_modules/.cache/shopyverse-nlu`, see config/env), so no start, even on a fresh data directory,
 * trains it again. Best effort: when it cannot run, the first start trains and caches the model instead.
 */
import { loadConfig } from '../src/config/env.ts';
import { NluEngine } from '../src/nlu/engine.ts';

const { nluCacheDir } = loadConfig({});
const started = performance.now();
NluEngine.cached({
  dir: nluCacheDir,
  onCache: (event) =>
    console.log(
      `NLU model ${event.kind === 'hit' ? 'already cached' : event.kind} (${event.file}, ${Math.round(performance.now() - started)} ms)`,
    ),
});
