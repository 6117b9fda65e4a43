/**
 * The NLU model for the measuring scripts: the one `npm ci` trained into the project's cache (the one the
 * service starts from), trained and cached here when the phrases or options changed.
 */
import { resolve } from 'node:path';
import { NluEngine, type NluOptions } from '../../src/nlu/engine.ts';

export function projectNlu(options: NluOptions = {}): NluEngine {
  return NluEngine.cached({
    ...options,
    dir: resolve(import.meta.dirname, '../../node_modules/.cache/shopyverse-nlu'),
  });
}
