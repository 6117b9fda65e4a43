/**
 * `npm run knative:render`: writes knative/<env>/*.yaml from src/delivery/environments.ts and the runbook's
 * dry runs (docs/dry-run/*.txt) from the operator CLI.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { DRY_RUN_DIR, renderDryRuns } from '../src/delivery/dry-runs.ts';
import { KNATIVE_DIR, renderAllEnvironments } from '../src/delivery/render.ts';

const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${relative(process.cwd(), path)}`);
};
for (const [file, text] of Object.entries(renderAllEnvironments())) write(resolve(KNATIVE_DIR, file), text);
for (const [file, text] of Object.entries(await renderDryRuns())) write(resolve(DRY_RUN_DIR, file), text);
