/**
 * @module db/open
 * Opens the store the configuration names; a fresh embedded data directory starts from the template.
 */
import type { Config } from '../config/env.ts';
import { openStore, type Store } from './store.ts';
import { templateFile } from './template.ts';

export function openConfiguredStore(config: Config): Promise<Store> {
  const options = config.database;
  if (options.kind === 'postgres') return openStore(options);
  return openStore({ ...options, template: templateFile(config.storeTemplateDir) });
}
