/**
 * @module delivery/smoke
 * A smoke test of a running deployment over real HTTP: liveness, readiness, and one chat turn answered in
 * the API contract's shape. Used on a blue-green candidate's tag URL before it takes traffic, by the Dagger
 * `smoke` function and by `npm run smoke`.
 */
import { z } from 'zod';

export interface SmokeCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SmokeResult {
  ok: boolean;
  checks: SmokeCheck[];
}

export interface SmokeOptions {
  apiKey?: string;
  timeoutMs?: number;
}

const chatReply = z.object({
  conversationId: z.uuid(),
  reply: z.string().min(1),
  intent: z.object({ name: z.string(), confidence: z.number().min(0).max(1) }),
});

async function check(name: string, run: () => Promise<string>): Promise<SmokeCheck> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

export async function smokeTest(baseUrl: string, options: SmokeOptions = {}): Promise<SmokeResult> {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new Error(`smoke URL must be http(s): ${baseUrl}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const auth: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const call = async (path: string, init: RequestInit = {}) => {
    const started = performance.now();
    const response = await fetch(new URL(path, base), { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const ms = Math.round(performance.now() - started);
    return { response, ms };
  };
  const expectStatus = async (path: string) => {
    const { response, ms } = await call(path);
    await response.body?.cancel();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return `200 in ${ms} ms`;
  };
  const checks = [
    await check('liveness /healthz', () => expectStatus('/healthz')),
    await check('readiness /readyz', () => expectStatus('/readyz')),
    await check('chat turn POST /v1/chat', async () => {
      const { response, ms } = await call('/v1/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          message: 'What is your return policy?',
          clientMessageId: `smoke-${Date.now()}`,
        }),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`answered ${response.status}: ${text.slice(0, 200)}`);
      const body = chatReply.parse(JSON.parse(text));
      return `200 in ${ms} ms, intent ${body.intent.name}`;
    }),
  ];
  return { ok: checks.every((c) => c.ok), checks };
}

export function formatSmoke(url: string, result: SmokeResult): string {
  const lines = result.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  return [`smoke ${url}: ${result.ok ? 'passed' : 'FAILED'}`, ...lines].join('\n');
}
