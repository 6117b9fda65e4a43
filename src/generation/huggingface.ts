/**
 * @module generation/huggingface
 * The Hugging Face generator: rephrases the grounded reply with a chat model (a TGI endpoint or the HF API)
 * and keeps the rephrasing only if every number and status in it appears in the grounded reply. Its own
 * module so the SDK is loaded only when a token or an endpoint is configured.
 */
import { InferenceClient } from '@huggingface/inference';
import { type CircuitBreaker, CircuitOpenError } from '../resilience/circuit-breaker.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import type { Generator, Phrasing } from './generator.ts';
import { unsupportedClaim } from './grounding.ts';

export interface HuggingFaceOptions {
  token?: string;
  endpointUrl?: string;
  model?: string;
  timeoutMs?: number;
  /** Attempts per reply, counting the first (bounded; the SDK's own 503 retries are off). */
  attempts?: number;
  metrics?: Metrics;
  logger?: Logger;
  /** Stops calling an endpoint that keeps failing; replies keep their template text meanwhile. */
  breaker?: CircuitBreaker;
  /** Injected for tests against a local protocol simulator. */
  fetch?: typeof fetch;
}

/** The chat model used with HF_ACCESS_TOKEN when no HF_MODEL or HF_ENDPOINT_URL is given. */
export const DEFAULT_HF_MODEL = 'meta-llama/Llama-3.1-8B-Instruct';

const SYSTEM_PROMPT =
  'You are the ShopyVerse customer support assistant. Rewrite the draft answer so it reads naturally and warmly. ' +
  'Use only the facts in the draft: do not add, change or drop any number, price, date, order number or status. ' +
  'Answer in at most three sentences.';

export class HuggingFaceGenerator implements Generator {
  readonly name = 'huggingface';
  readonly #client: InferenceClient;
  readonly #options: HuggingFaceOptions;

  constructor(options: HuggingFaceOptions) {
    this.#options = options;
    this.#client = new InferenceClient(options.token, {
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async phrase({ question, grounded }: { question: string; grounded: string }): Promise<Phrasing> {
    const { metrics, logger, timeoutMs = 4000, attempts = 2, breaker } = this.#options;
    let fallback: Phrasing['fallback'] = 'error';
    const call = () => {
      metrics?.huggingfaceRequests.add(1, metrics.labels({ task: 'chat' }));
      return this.#client.chatCompletion(
        {
          ...(this.#options.model ? { model: this.#options.model } : {}),
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: `Customer: ${question}\nDraft answer: ${grounded}` },
          ],
          max_tokens: 200,
          temperature: 0.2,
        },
        { signal: AbortSignal.timeout(timeoutMs), retry_on_error: false },
      );
    };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const out = await (breaker ? breaker.run(call) : call());
        const text = out.choices?.[0]?.message?.content?.trim() ?? '';
        const claim = text ? unsupportedClaim(text, grounded) : 'empty answer';
        if (!claim) return { text, by: 'huggingface' };
        logger?.warn({ claim }, 'generated reply rejected by the grounding check');
        return { text: grounded, by: 'template', fallback: 'unsupported_claim' };
      } catch (error) {
        if (error instanceof CircuitOpenError)
          return { text: grounded, by: 'template', fallback: 'circuit_open' };
        metrics?.huggingfaceErrors.add(1, metrics.labels({ task: 'chat' }));
        fallback =
          (error as Error).name === 'TimeoutError' || /aborted|timeout/i.test(String(error))
            ? 'timeout'
            : 'error';
        logger?.warn({ attempt, error: String(error).slice(0, 200) }, 'hugging face call failed');
        // A timeout already cost the whole budget: do not double the customer's wait.
        if (fallback === 'timeout') break;
      }
    }
    return { text: grounded, by: 'template', fallback };
  }
}
