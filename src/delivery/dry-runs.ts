/**
 * @module delivery/dry-runs
 * The dry runs the runbook shows (docs/dry-run/*.txt), produced by the CLI itself so they cannot go stale:
 * `npm run knative:render` rewrites them and a test compares.
 */
import { resolve } from 'node:path';
import { main } from './cli.ts';
import { DOCUMENTED_DRY_RUNS } from './commands.ts';

export const DRY_RUN_DIR = resolve(import.meta.dirname, '../../docs/dry-run');

export async function renderDryRuns(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [file, args] of Object.entries(DOCUMENTED_DRY_RUNS)) {
    const lines = [`$ npm run rollout -- ${args.join(' ')} --dry-run`];
    const code = await main(
      [...args, '--dry-run'],
      (line) => lines.push(line),
      {},
      () => {
        throw new Error('a documented dry run must not need a cluster');
      },
    );
    if (code !== 0) throw new Error(`dry run ${file} exited ${code}`);
    files[file] = `${lines.join('\n')}\n`;
  }
  return files;
}
