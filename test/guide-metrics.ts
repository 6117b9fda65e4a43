/**
 * @module test/guide-metrics
 * The metrics the operations guide names, with the Prometheus type each must have.
 */

/** Every metric the operations guide names, with the Prometheus type it must have. */
export const GUIDE_METRICS: Record<string, string> = {
  http_request_duration_seconds: 'histogram',
  http_requests_total: 'counter',
  http_request_size_bytes: 'histogram',
  http_response_size_bytes: 'histogram',
  chat_messages_total: 'counter',
  chat_intent_distribution: 'gauge',
  chatbot_db_pool_available_connections: 'gauge',
  chatbot_db_pool_waiting_requests: 'gauge',
  huggingface_api_requests_total: 'counter',
  huggingface_api_errors_total: 'counter',
  process_cpu_seconds_total: 'counter',
  process_resident_memory_bytes: 'gauge',
};

export function typesOf(exposition: string): Record<string, string> {
  return Object.fromEntries([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
}
