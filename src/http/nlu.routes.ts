/**
 * @module http/nlu.routes
 * `POST /v1/nlu/parse` — the shape Rasa users know from `/model/parse`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { NluEngine } from '../nlu/engine.ts';
import { readJson } from './json-body.ts';
import { messageText } from './text.ts';

const parseBody = z.object({ text: messageText }).strict();

export function nluRoutes(nlu: NluEngine): Hono {
  const app = new Hono();
  app.post('/v1/nlu/parse', async (c) => {
    const { text } = await readJson(c, parseBody);
    const result = nlu.parse(text);
    return c.json({
      text: result.text,
      intent: result.intent,
      ranking: result.ranking,
      entities: result.entities,
    });
  });
  return app;
}
