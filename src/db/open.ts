/**
 * @module db/open
 * Opens the store the configuration names.
 */
import type { Config } from '../config/env.ts';
import { openStore, type Store } from './store.ts';

export function openConfiguredStore(config: Config): Promise<Store> {
  return openStore(config.database);
}
