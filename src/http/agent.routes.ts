/**
 * @module http/agent.routes
 * The support agents' side, behind an admin key (`Authorization: Bearer <key>` from CHATBOT_ADMIN_KEYS):
 * list open handoffs, read a conversation, answer in it, resolve the handoff.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  addAgentMessage,
  getConversation,
  listMessages,
  listOpenHandoffs,
  resolveHandoff,
} from '../db/repositories/conversations.ts';
import type { Store } from '../db/store.ts';
import type { AppEnv } from './app.ts';
import { ApiError } from './errors.ts';
import { requireAdmin } from './guard/auth.ts';
import { readJson } from './json-body.ts';
import { json } from './respond.ts';
import { messageText } from './text.ts';

/** The body of `POST /v1/agent/conversations/:id/messages`. */
export const agentMessageBody = z.object({ text: messageText }).strict();

export function agentRoutes({ store, adminKeys }: { store: Store; adminKeys: string[] }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/v1/agent/*', requireAdmin(adminKeys));

  app.get('/v1/agent/handoffs', async (c) => json(c, { handoffs: await listOpenHandoffs(store.db) }));

  const conversationOr404 = async (id: string) => {
    const conversation = z.uuid().safeParse(id).success ? await getConversation(store.db, id) : undefined;
    if (!conversation) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
    return conversation;
  };

  app.get('/v1/agent/conversations/:id', async (c) => {
    const conversation = await conversationOr404(c.req.param('id'));
    const messages = await listMessages(store.db, conversation.id);
    const { openKey: _retryKey, ...shown } = conversation;
    return json(c, { ...shown, messages });
  });

  app.post('/v1/agent/conversations/:id/messages', async (c) => {
    const { text } = await readJson(c, agentMessageBody);
    const conversation = await conversationOr404(c.req.param('id'));
    const id = randomUUID();
    await addAgentMessage(store.db, conversation.id, id, text);
    return json(c, { id, conversationId: conversation.id, role: 'agent', text }, 201);
  });

  app.post('/v1/agent/handoffs/:id/resolve', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id <= 0)
      throw new ApiError(400, 'invalid_id', 'handoff id must be a positive integer');
    const resolved = await resolveHandoff(store.db, id, 'agent');
    if (!resolved) throw new ApiError(404, 'handoff_not_found', 'no open handoff with this id');
    return json(c, resolved);
  });
  return app;
}
