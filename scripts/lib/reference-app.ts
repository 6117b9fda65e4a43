/**
 * The in-run reference for `npm run bench`: the smallest program that does a chat turn's essential work —
 * read a JSON message over HTTP, store it and a reply as two rows in one transaction, answer with JSON — on
 * the same store as the service (postgres.js with DATABASE_URL, else PGlite in REFERENCE_DATA_DIR). Its
 * throughput is the physical limit the service's chat route is compared with.
 *
 * Run as a child process: `node --experimental-strip-types scripts/lib/reference-app.ts` with PORT set.
 */
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const DDL = `create table if not exists reference_messages (
  id text primary key, conversation_id text not null, role text not null, text text not null,
  created_at timestamptz not null default now())`;
const INSERT = `insert into reference_messages (id, conversation_id, role, text) values
  ($1, $2, 'customer', $3), ($4, $2, 'bot', $5)`;

type StoreTurn = (params: string[]) => Promise<void>;

async function openStore(): Promise<StoreTurn> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import('postgres');
    const sql = postgres(url, { max: Number(process.env.DB_POOL_MAX ?? 10), onnotice: () => {} });
    await sql.unsafe(DDL);
    return async (params) => {
      await sql.begin((tx) => tx.unsafe(INSERT, params));
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create(process.env.REFERENCE_DATA_DIR ?? 'memory://');
  await pg.exec(DDL);
  return async (params) => {
    await pg.transaction((tx) => tx.query(INSERT, params));
  };
}

const storeTurn = await openStore();
const app = new Hono();
app.get('/readyz', (c) => c.json({ status: 'ready' }));
app.post('/v1/chat', async (c) => {
  const body = (await c.req.json()) as { message?: unknown };
  if (typeof body.message !== 'string') return c.json({ error: 'message is required' }, 400);
  const conversationId = randomUUID();
  const messageId = randomUUID();
  const reply = `You said: ${body.message}`;
  await storeTurn([randomUUID(), conversationId, body.message, messageId, reply]);
  return c.json({ conversationId, messageId, reply });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3999), hostname: '127.0.0.1' });
