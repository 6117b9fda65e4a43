/**
 * SIGKILL under load, on a file-backed embedded (PGlite) store and on PostgreSQL: the real service process
 * takes concurrent turns with clientMessageIds from 50 clients (each client's first one opening its
 * conversation; concurrent turns share group-committed writes), is killed mid-load, restarted on the same
 * data, and every message is sent again. Every message acknowledged before the kill must be stored exactly
 * once and answered with the same reply; the rest are stored once too.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startService } from '../../scripts/lib/service.ts';
import { createPostgresDatabase, hasPostgres, postgresSkipReason } from '../../test/databases.ts';

interface Reply {
  conversationId: string;
  messageId: string;
}

const CLIENTS = 50;
const MESSAGES = 4;
const text = (client: number, i: number) =>
  `what payment methods do you accept? (client ${client}, message ${i})`;

async function send(
  port: number,
  client: number,
  i: number,
  conversationId?: string,
): Promise<Reply | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: text(client, i), clientMessageId: `c${client}-m${i}`, conversationId }),
      // A guard against a hang, not a speed limit: a stuck request fails the test with its message id.
      signal: AbortSignal.timeout(120_000),
    });
    return res.status === 200 ? ((await res.json()) as Reply) : undefined;
  } catch {
    return undefined; // the process died under us
  }
}

describe.each([
  ['embedded', true],
  ['PostgreSQL', hasPostgres()],
] as const)('SIGKILL under load on the %s store', (kind, available) => {
  it.skipIf(!available)(
    `keeps every acknowledged message exactly once across a kill and restart${
      available ? '' : ` (skipped: ${postgresSkipReason()})`
    }`,
    {
      timeout: 600_000,
    },
    async () => {
      const env = {
        CHATBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'kill-')),
        CHATBOT_RATE_LIMIT_PER_MINUTE: '1000000',
        LOG_LEVEL: 'silent',
        ...(kind === 'PostgreSQL' ? { DATABASE_URL: await createPostgresDatabase() } : {}),
      };
      const first = await startService(env);
      const acknowledged = new Map<string, Reply>();
      const conversations = new Map<number, string>();
      let killed = false;
      const client = async (k: number) => {
        for (let i = 0; i < MESSAGES && !killed; i++) {
          const reply = await send(first.port, k, i, conversations.get(k));
          if (!reply) return;
          acknowledged.set(`c${k}-m${i}`, reply);
          conversations.set(k, reply.conversationId);
          // Kill once a third of all messages are in, with the other clients' turns in flight.
          if (!killed && acknowledged.size >= (CLIENTS * MESSAGES) / 3) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)));
      // Killed by a signal, a child has no exit code: once its signal code is set, 'exit' has already fired.
      await new Promise((resolve) =>
        first.child.exitCode !== null || first.child.signalCode !== null
          ? resolve(null)
          : first.child.once('exit', resolve),
      );
      expect(killed).toBe(true);
      expect(acknowledged.size).toBeGreaterThanOrEqual((CLIENTS * MESSAGES) / 3);

      // Same data directory: the stale lock of the killed process must not block the restart.
      const second = await startService(env);
      try {
        for (let k = 0; k < CLIENTS; k++) {
          for (let i = 0; i < MESSAGES; i++) {
            const id = `c${k}-m${i}`;
            const reply = await send(second.port, k, i, conversations.get(k));
            expect(reply, `resend of ${id}`).toBeDefined();
            const before = acknowledged.get(id);
            // An acknowledged message is answered with its stored reply, not run again.
            if (before)
              expect(reply).toMatchObject({
                conversationId: before.conversationId,
                messageId: before.messageId,
              });
            if (reply) conversations.set(k, reply.conversationId);
          }
        }
        for (let k = 0; k < CLIENTS; k++) {
          const res = await fetch(`http://127.0.0.1:${second.port}/v1/conversations/${conversations.get(k)}`);
          expect(res.status).toBe(200);
          const history = (await res.json()) as { messages: { id: string; role: string; text: string }[] };
          const asked = history.messages.filter((m) => m.role === 'customer').map((m) => m.text);
          // Each message stored once, in a single conversation per client.
          expect(asked).toEqual(Array.from({ length: MESSAGES }, (_, i) => text(k, i)));
          const botIds = new Set(history.messages.filter((m) => m.role === 'bot').map((m) => m.id));
          for (let i = 0; i < MESSAGES; i++) {
            const before = acknowledged.get(`c${k}-m${i}`);
            if (before) expect(botIds.has(before.messageId)).toBe(true);
          }
        }
      } finally {
        await second.stop();
      }
    },
  );
});
