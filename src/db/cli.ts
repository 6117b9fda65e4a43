/**
 * @module db/cli
 * `npm run db:migrate`, `npm run db:status`, `npm run db:rollback [-- --steps N] [--yes]`.
 * Uses DATABASE_URL when set, else the embedded data directory (stop the service first: PGlite is single-process).
 * A rollback drops tables and their data, so it asks first; without a terminal it needs `--yes`.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run.ts';
import { loadConfig } from '../config/env.ts';
import { applyMigrations, migrationStatus, rollbackMigrations } from './migrations.ts';
import { openConfiguredStore } from './open.ts';

await runCli(async (out) => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { steps: { type: 'string', default: '1' }, yes: { type: 'boolean', default: false } },
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
        const applied = (await migrationStatus(store)).filter((m) => m.state === 'applied');
        const valid = Number.isInteger(steps) && steps >= 1;
        const targets = valid
          ? applied
              .slice(-steps)
              .map((m) => m.tag)
              .reverse()
          : [];
        if (targets.length > 0 && !values.yes) {
          const warning = `rolling back ${targets.join(', ')} undoes their schema changes and drops the data they held`;
          if (!process.stdin.isTTY) {
            process.stderr.write(`error: ${warning}; run again with --yes to confirm\n`);
            return 1;
          }
          const prompt = createInterface({ input: process.stdin, output: process.stdout });
          const answer = await prompt.question(`${warning}. Type "yes" to go on: `);
          prompt.close();
          if (answer.trim().toLowerCase() !== 'yes') {
            out('rollback cancelled; nothing was changed');
            return 1;
          }
        }
        const rolledBack = await rollbackMigrations(store, { steps });
        out(rolledBack.length ? `rolled back: ${rolledBack.join(', ')}` : 'nothing to roll back');
        return 0;
      }
      default:
        out('usage: db/cli.ts migrate | status | rollback [--steps N] [--yes]');
        return 2;
    }
  } finally {
    await store.close();
  }
});
