/**
 * @module http/nlu.routes
 * `POST /v1/nlu/parse` — the shape Rasa users know from `/model/parse`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { NluEngine } from '../nlu/engine.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import type { AppEnv } from './app.ts';
import { readJson } from './json-body.ts';
import { json } from './respond.ts';
import { messageText } from './text.ts';

export const parseBody = z.object({ text: messageText }).strict();

export function nluRoutes(nlu: NluEngine, metrics?: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/v1/nlu/parse', async (c) => {
    const { text } = await readJson(c, parseBody);
    const result = nlu.parse(text);
    c.set('intent', result.intent.name);
    metrics?.countIntent(result.intent.name);
    return json(c, {
      text: result.text,
      intent: result.intent,
      ranking: result.ranking,
      entities: result.entities,
    });
  });
  return app;
}
