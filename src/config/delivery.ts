/**
 * @module config/delivery
 * The operator CLI's environment (`npm run rollout`, `npm run smoke`), read here and nowhere else. The
 * kubeconfig itself is found by the Kubernetes client the way kubectl finds it (KUBECONFIG, ~/.kube/config).
 */
import { z } from 'zod';
import { ConfigError } from './env.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const schema = z.object({
  PROMETHEUS_URL: optional.refine(
    (v) => v === undefined || /^https?:\/\/\S+$/.test(v),
    'expected an http(s) URL',
  ),
  /** API key the smoke test presents (the service requires one in production). */
  CHATBOT_API_KEY: optional,
  KUBE_CONTEXT: optional,
});

export interface DeliveryConfig {
  prometheusUrl?: string;
  apiKey?: string;
  kubeContext?: string;
}

export function loadDeliveryConfig(env: Record<string, string | undefined>): DeliveryConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return {
    prometheusUrl: parsed.data.PROMETHEUS_URL,
    apiKey: parsed.data.CHATBOT_API_KEY,
    kubeContext: parsed.data.KUBE_CONTEXT,
  };
}
