/**
 * The NLU model for the measuring scripts: the one `npm ci` trained into the project's cache (the one the
 * service starts from), trained and cached here when the phrases or options changed.
 */
import { loadConfig } from '../../src/config/env.ts';
import { NluEngine, type NluOptions } from '../../src/nlu/engine.ts';

export function projectNlu(options: NluOptions = {}): NluEngine {
  return NluEngine.cached({
    ...options,
    dir: loadConfig({}).nluCacheDir,
  });
}
