/**
 * @module monitoring/render
 * Renders the committed monitoring manifests from their sources: the PrometheusRule from the plain rules
 * file (which promtool tests), the Grafana dashboard from `dashboard.ts`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { buildDashboard } from './dashboard.ts';

export const MONITORING_DIR = resolve(import.meta.dirname, '../../knative/monitoring');

export function renderPrometheusRule(): string {
  const rules = parse(readFileSync(resolve(MONITORING_DIR, 'rules/chatbot-slo.rules.yaml'), 'utf8'));
  const manifest = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'chatbot-service-slo',
      namespace: 'monitoring',
      labels: { app: 'chatbot-service', release: 'kube-prometheus-stack' },
    },
    spec: rules,
  };
  return `# Generated from rules/chatbot-slo.rules.yaml by \`npm run monitoring:render\`; do not edit by hand.\n${stringify(manifest, { lineWidth: 0 })}`;
}

export function renderDashboard(): string {
  return `${JSON.stringify(buildDashboard(), null, 2)}\n`;
}

/** Every file this module renders, by path relative to the monitoring folder. */
export function renderAll(): Record<string, string> {
  return { 'prometheus-rule.yaml': renderPrometheusRule(), 'grafana-dashboard.json': renderDashboard() };
}
