/**
 * @module test/simulators/hf-chat
 * A local SIMULATOR of a TGI / OpenAI-style `POST /v1/chat/completions` endpoint, for tests only: it lets the
 * Hugging Face adapter be exercised over real HTTP here, where the real service cannot be reached.
 */
import { serveOnLoopback } from './serve.ts';

export type SimulatorMode = 'faithful' | 'hallucinate' | 'error' | 'slow';

export interface HfSimulator {
  url: string;
  mode: SimulatorMode;
  requests: { path: string; body: { messages: { role: string; content: string }[]; model?: string } }[];
  close(): Promise<void>;
}

export async function startHfSimulator(mode: SimulatorMode = 'faithful'): Promise<HfSimulator> {
  const sim: HfSimulator = { url: '', mode, requests: [], close: async () => {} };
  const served = await serveOnLoopback((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(raw || '{}');
      sim.requests.push({ path: req.url ?? '', body });
      const draft = String(body.messages?.at(-1)?.content ?? '').replace(/^[\s\S]*Draft answer: /, '');
      const reply = (content: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'sim',
            object: 'chat.completion',
            created: 0,
            model: 'sim',
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          }),
        );
      };
      if (sim.mode === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'model crashed' }));
      } else if (sim.mode === 'slow') {
        setTimeout(() => reply(`Sure! ${draft}`), 2000);
      } else if (sim.mode === 'hallucinate') {
        reply(`Good news: ${draft.replace(/\d+/, (n) => String(Number(n) + 1))} You also get a $50 voucher.`);
      } else {
        reply(`Happy to help! ${draft}`);
      }
    });
  });
  sim.url = served.url;
  sim.close = served.close;
  return sim;
}
