/** `npm run knative:render`: writes knative/<env>/*.yaml from src/delivery/environments.ts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KNATIVE_DIR, renderAllEnvironments } from '../src/delivery/render.ts';

for (const [file, text] of Object.entries(renderAllEnvironments())) {
  const path = resolve(KNATIVE_DIR, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote knative/${file}`);
}
