/**
 * @module db/read-only
 * A view of a store that reads but refuses to write. A chat turn first decides its reply on this view, so
 * the common turn (a product question, a policy answer, small talk) stores everything in one statement;
 * the first attempt to write (cancel an order, open a ticket) throws `NeedsTransaction`, and the turn is
 * decided again inside a transaction where the action's writes and the messages commit together.
 */
import type { Database, Store } from './store.ts';

/** Thrown by the read-only view at the first write; nothing has been written when it is thrown. */
export class NeedsTransaction extends Error {
  override name = 'NeedsTransaction';
}

/** drizzle's entry points that write, or may write (raw SQL is assumed to). */
const WRITES = new Set<PropertyKey>([
  'insert',
  'update',
  'delete',
  'execute',
  'transaction',
  'with',
  '$with',
]);

export function readOnlyStore(store: Store): Store {
  const refuse = (what: PropertyKey) => () => {
    throw new NeedsTransaction(`a ${String(what)} needs a transaction`);
  };
  const db = new Proxy(store.db, {
    get(target, prop) {
      if (WRITES.has(prop)) return refuse(prop);
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Database;
  return { ...store, db, rows: refuse('raw statement') };
}
