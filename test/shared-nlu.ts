/**
 * The full NLU model for tests, trained at most once per run: read from the cache `npm ci` fills (the one the
 * service starts from), or trained and written there by the first caller (the global setup).
 */
import { loadConfig } from '../src/config/env.ts';
import { NluEngine } from '../src/nlu/engine.ts';

/** The service's default model cache (as `scripts/warm-caches.ts` fills it). */
export const TEST_NLU_CACHE = loadConfig({}).nluCacheDir;

let shared: NluEngine | undefined;

/** The full NLU model, loaded once per test file (a test may set its catalog: files do not share it). */
export const sharedNlu = (): NluEngine => {
  shared ??= NluEngine.cached({ dir: TEST_NLU_CACHE });
  return shared;
};
