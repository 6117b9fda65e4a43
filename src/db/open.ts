/**
 * @module db/open
 * Opens the store the configuration names.
 */
import type { Config } from '../config/env.ts';
import { openStore, type Store } from './store.ts';

export function openConfiguredStore(config: Config): Promise<Store> {
  return config.database.kind === 'postgres'
    ? openStore({ kind: 'postgres', url: config.database.url, poolMax: config.database.poolMax })
    : openStore({ kind: 'pglite', dataDir: config.database.dataDir });
}
