/**
 * @module monitoring/dashboard
 * The Grafana dashboard for the service, built as data so its queries can be checked with promtool.
 */

export interface Panel {
  title: string;
  unit: string;
  targets: { expr: string; legend: string }[];
}

const ns = 'namespace=~"$namespace"';

export const PANELS: Panel[] = [
  {
    title: 'Request latency P50 / P95 / P99',
    unit: 's',
    targets: [0.5, 0.95, 0.99].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${ns}}[5m])))`,
      legend: `p${Math.round(q * 100)}`,
    })),
  },
  {
    title: 'Requests per second by route and status',
    unit: 'reqps',
    targets: [
      {
        expr: `sum by (route, status) (rate(http_requests_total{${ns}}[5m]))`,
        legend: '{{route}} {{status}}',
      },
    ],
  },
  {
    title: 'Error rate (5xx and 4xx ratio)',
    unit: 'percentunit',
    targets: [
      {
        expr: `sum(rate(http_requests_total{${ns},status=~"5.."}[5m])) / sum(rate(http_requests_total{${ns}}[5m]))`,
        legend: '5xx',
      },
      {
        expr: `sum(rate(http_requests_total{${ns},status=~"4.."}[5m])) / sum(rate(http_requests_total{${ns}}[5m]))`,
        legend: '4xx',
      },
    ],
  },
  {
    title: 'Per revision: P95 latency and 5xx ratio (canary vs stable)',
    unit: 's',
    targets: [
      {
        expr: `histogram_quantile(0.95, sum by (revision, le) (rate(http_request_duration_seconds_bucket{${ns}}[5m])))`,
        legend: 'p95 {{revision}}',
      },
      {
        expr: `sum by (revision) (rate(http_requests_total{${ns},status=~"5.."}[5m])) / sum by (revision) (rate(http_requests_total{${ns}}[5m]))`,
        legend: '5xx ratio {{revision}}',
      },
    ],
  },
  {
    title: 'Chat messages and intent distribution',
    unit: 'short',
    targets: [
      { expr: `sum(rate(chat_messages_total{${ns}}[5m]))`, legend: 'messages/s' },
      { expr: `sum by (intent) (increase(chat_intent_distribution{${ns}}[1h]))`, legend: '{{intent}}' },
    ],
  },
  {
    title: 'Retrieval and Qdrant search latency P95',
    unit: 'ms',
    targets: [
      {
        expr: `histogram_quantile(0.95, sum by (le) (rate(rag_retrieval_latency_ms_bucket{${ns}}[5m])))`,
        legend: 'retrieval p95',
      },
      {
        expr: `histogram_quantile(0.95, sum by (le) (rate(qdrant_search_latency_ms_bucket{${ns}}[5m])))`,
        legend: 'qdrant p95',
      },
    ],
  },
  {
    title: 'Database pool',
    unit: 'short',
    targets: [
      { expr: `sum by (pod) (chatbot_db_pool_available_connections{${ns}})`, legend: 'available {{pod}}' },
      { expr: `sum by (pod) (chatbot_db_pool_waiting_requests{${ns}})`, legend: 'waiting {{pod}}' },
    ],
  },
  {
    title: 'Hugging Face requests and errors',
    unit: 'reqps',
    targets: [
      { expr: `sum(rate(huggingface_api_requests_total{${ns}}[5m]))`, legend: 'requests' },
      { expr: `sum(rate(huggingface_api_errors_total{${ns}}[5m]))`, legend: 'errors' },
    ],
  },
  {
    title: 'CPU (cores) per pod',
    unit: 'short',
    targets: [{ expr: `sum by (pod) (rate(process_cpu_seconds_total{${ns}}[5m]))`, legend: '{{pod}}' }],
  },
  {
    title: 'Resident memory per pod',
    unit: 'bytes',
    targets: [{ expr: `sum by (pod) (process_resident_memory_bytes{${ns}})`, legend: '{{pod}}' }],
  },
];

/** Grafana dashboard JSON (schema 39) with a stable uid and a Prometheus datasource variable. */
export function buildDashboard(): Record<string, unknown> {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's own variable syntax
  const datasource = { type: 'prometheus', uid: '${datasource}' };
  return {
    uid: 'shopyverse-chatbot',
    title: 'ShopyVerse Chatbot Service',
    tags: ['chatbot', 'knative'],
    schemaVersion: 39,
    version: 1,
    editable: true,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus' },
        {
          name: 'namespace',
          label: 'Namespace',
          type: 'query',
          datasource,
          query: 'label_values(http_requests_total, namespace)',
          includeAll: true,
          multi: true,
          current: { text: 'All', value: '$__all' },
        },
      ],
    },
    panels: PANELS.map((panel, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: panel.title,
      datasource,
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      targets: panel.targets.map((t, j) => ({
        refId: String.fromCharCode(65 + j),
        expr: t.expr,
        legendFormat: t.legend,
        datasource,
      })),
    })),
  };
}
