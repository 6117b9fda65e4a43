/** `npm run monitoring:render`: writes knative/monitoring/prometheus-rule.yaml and grafana-dashboard.json. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MONITORING_DIR, renderAll } from '../src/monitoring/render.ts';

for (const [file, text] of Object.entries(renderAll())) {
  writeFileSync(resolve(MONITORING_DIR, file), text);
  console.log(`wrote knative/monitoring/${file}`);
}
