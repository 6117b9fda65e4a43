/**
 * @module db/cli
 * `npm run db:migrate`, `npm run db:status`, `npm run db:rollback [-- --steps N]`.
 * Uses DATABASE_URL when set, else the embedded data directory (stop the service first: PGlite is single-process).
 */
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run.ts';
import { loadConfig } from '../config/env.ts';
import { applyMigrations, migrationStatus, rollbackMigrations } from './migrations.ts';
import { openConfiguredStore } from './open.ts';

await runCli(async (out) => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { steps: { type: 'string', default: '1' } },
  });
  const command = positionals[0];
  const store = await openConfiguredStore(loadConfig(process.env));
  try {
    switch (command) {
      case 'migrate': {
        const applied = await applyMigrations(store);
        out(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply');
        return 0;
      }
      case 'status': {
        const status = await migrationStatus(store);
        for (const m of status)
          out(`${m.state.padEnd(13)} ${m.tag}${m.hasDown ? '' : '  (no down migration)'}`);
        const bad = status.filter((m) => m.state === 'modified' || m.state === 'out-of-order');
        if (bad.length) out(`${bad.length} migration(s) need attention: modified or out of order`);
        return bad.length ? 1 : 0;
      }
      case 'rollback': {
        const steps = Number(values.steps);
        const rolledBack = await rollbackMigrations(store, { steps });
        out(rolledBack.length ? `rolled back: ${rolledBack.join(', ')}` : 'nothing to roll back');
        return 0;
      }
      default:
        out('usage: db/cli.ts migrate | status | rollback [--steps N]');
        return 2;
    }
  } finally {
    await store.close();
  }
});
