/**
 * The postgres driver is patched at install (scripts/patch-dependencies.mjs): without the guard, a connection
 * closing under load crashes the process (see the concurrent outage test in src/http/db-outage.test.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('postgres driver patch', () => {
  it('is applied to every build of the driver that npm installed', () => {
    const entry = createRequire(import.meta.url).resolve('postgres');
    const root = entry.slice(0, entry.lastIndexOf('/postgres/') + '/postgres'.length);
    for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
      expect(readFileSync(join(root, file), 'utf8'), file).toContain('shopyverse-patch: postgres#1208');
    }
  });
});
