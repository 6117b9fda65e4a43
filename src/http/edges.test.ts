/**
 * The HTTP edges over real sockets on 127.0.0.1 (the in-memory `app.request` cannot hang up, dribble a
 * body or send from an address): a client that aborts its upload, a body that never finishes, an early 413
 * while the client is still uploading, X-Forwarded-For against TRUST_PROXY, and concurrent copies of a
 * conversation's first message.
 */
import { once } from 'node:events';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, type ChatReply } from '../../test/chat-app.ts';
import { openStore, type Store } from '../db/store.ts';
import { type RunningServer, startServer } from '../lifecycle/server.ts';
import { createLogger } from '../telemetry/logger.ts';
import { SECURITY_HEADERS } from './response-headers.ts';

interface LogLine {
  level: string;
  message: string;
  status?: number;
}

const security = (over: object = {}) => ({
  apiKeys: [],
  rateLimits: { perCustomer: 1e9, perKey: 1e9 },
  corsOrigins: [],
  bodyTimeoutMs: 300,
  ...over,
});

/** Resolves once `check` is true, looking again on every turn of the event loop (no fixed sleeps). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Everything the server sends on a raw socket until it closes it. */
function readAll(socket: Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks).toString())));
}

function parseResponse(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const i = line.indexOf(':');
      return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('HTTP edges over real sockets', () => {
  let store: Store;
  const logs: LogLine[] = [];
  const arrived: string[] = [];
  let main: RunningServer;
  let limited: RunningServer;
  let proxied: RunningServer;
  let metricsText: () => Promise<string>;

  beforeAll(async () => {
    store = await openStore({ kind: 'pglite' });
    const logger = createLogger(
      { level: 'info' },
      { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
    );
    const built = await buildChatApp(store, { logger, security: security() });
    metricsText = () => built.metrics.render();
    main = await startServer(
      (request: Request, env?: unknown) => {
        arrived.push(new URL(request.url).pathname);
        return built.app.fetch(request, env);
      },
      { port: 0, host: '127.0.0.1' },
    );
    const limit = { rateLimits: { perCustomer: 2, perKey: 1e9 } };
    limited = await startServer((await buildChatApp(store, { security: security(limit) })).app.fetch, {
      port: 0,
      host: '127.0.0.1',
    });
    const behindOneProxy = security({ ...limit, trustProxy: { hops: 1 } });
    proxied = await startServer((await buildChatApp(store, { security: behindOneProxy })).app.fetch, {
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    for (const server of [main, limited, proxied]) await server?.close({ timeoutMs: 1000 });
    await store?.close();
  });

  const openSocket = async (port: number) => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return socket;
  };
  const chatHead = (extra: string) =>
    `POST /v1/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}\r\n`;

  it.each([
    ['a declared length', 'Content-Length: 1000\r\n', '{"message":"hel'],
    ['a chunked body', 'Transfer-Encoding: chunked\r\n', 'f\r\n{"message":"hel\r\n'],
  ])(
    'a client that hangs up mid-body (%s) is a client event: logged as info, 499, no 5xx',
    async (_, header, part) => {
      const before = { logs: logs.length, arrived: arrived.length };
      const socket = await openSocket(main.port);
      socket.write(chatHead(header) + part);
      await until(() => arrived.length > before.arrived);
      socket.resetAndDestroy();
      await until(() => logs.slice(before.logs).some((l) => l.message === 'request'));
      const mine = logs.slice(before.logs);
      expect(mine.find((l) => l.message === 'request')).toMatchObject({ level: 'warn', status: 499 });
      expect(mine.some((l) => /client closed the connection/.test(l.message) && l.level === 'info')).toBe(
        true,
      );
      expect(mine.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
      expect(await metricsText()).not.toMatch(/http_requests_total\{[^}]*status="5\d\d"/);
    },
  );

  it('a body that never finishes gets 408 with Connection: close, not a 503', async () => {
    const socket = await openSocket(main.port);
    const response = readAll(socket);
    socket.write(`${chatHead('Content-Length: 100\r\n')}{"message":`);
    const { status, headers, body } = parseResponse(await response);
    expect(status).toBe(408);
    expect(headers.connection).toBe('close');
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'request_timeout' } });
  });

  it('an early 413 while the client still uploads says Connection: close; the next pooled request works', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = Buffer.alloc(2_000_000, 'a');
      const first = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = httpRequest(
          {
            agent,
            host: '127.0.0.1',
            port: main.port,
            method: 'POST',
            path: '/v1/chat',
            headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
          },
          resolve,
        );
        // The server may close while we are still writing: the response has arrived by then.
        req.on('error', (error) => (req.socket?.destroyed ? undefined : reject(error)));
        req.write(big.subarray(0, 64 * 1024));
        setImmediate(() => req.end(big.subarray(64 * 1024)));
      });
      expect(first.statusCode).toBe(413);
      expect(first.headers.connection).toBe('close');
      first.resume();
      await once(first, 'end');
      const next = await new Promise<IncomingMessage>((resolve, reject) => {
        httpRequest({ agent, host: '127.0.0.1', port: main.port, path: '/healthz' }, resolve)
          .on('error', reject)
          .end();
      });
      expect(next.statusCode).toBe(200);
      next.resume();
    } finally {
      agent.destroy();
    }
  });

  it('sends the request id and the security headers on every response, errors and streams included', async () => {
    const sent = [
      await fetch(`http://127.0.0.1:${main.port}/healthz`, { headers: { 'x-request-id': 'edge-1' } }),
      await fetch(`http://127.0.0.1:${main.port}/no/such/route`),
      await fetch(`http://127.0.0.1:${main.port}/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"message":',
      }),
      await fetch(`http://127.0.0.1:${main.port}/v1/chat/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'a b <script>' },
        body: JSON.stringify({ message: 'hello' }),
      }),
    ];
    expect(sent.map((r) => r.status)).toEqual([200, 404, 400, 200]);
    const bodies = [];
    for (const response of sent) {
      bodies.push(await response.text());
      // Once each (a header sent twice reads "v, v" here).
      for (const [name, value] of SECURITY_HEADERS) expect(response.headers.get(name)).toBe(value);
    }
    expect(sent[0]?.headers.get('x-request-id')).toBe('edge-1');
    expect(sent[1]?.headers.get('x-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(sent[3]?.headers.get('x-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(sent[3]?.headers.get('content-type')).toContain('text/event-stream');
    // A JSON body's length is sent, not chunked.
    expect(sent[1]?.headers.get('content-type')).toBe('application/json');
    expect(sent[1]?.headers.get('content-length')).toBe(String(Buffer.byteLength(bodies[1] ?? '')));
  });

  const conversationsWith = (port: number, forwardedFor: string) =>
    fetch(`http://127.0.0.1:${port}/v1/conversations/00000000-0000-4000-8000-000000000000`, {
      headers: { 'x-forwarded-for': forwardedFor },
    }).then((r) => r.status);

  it('a new X-Forwarded-For per request does not escape the anonymous rate limit by default', async () => {
    const statuses = [];
    for (const address of ['1.1.1.1', '2.2.2.2', '3.3.3.3'])
      statuses.push(await conversationsWith(limited.port, address));
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('behind TRUST_PROXY=1 the address our proxy appended is the client', async () => {
    // Different clients (as our proxy saw them) have their own budget, whatever they put in front.
    const distinct = [];
    for (const address of ['9.9.9.9, 4.4.4.1', '9.9.9.9, 4.4.4.2', '9.9.9.9, 4.4.4.3'])
      distinct.push(await conversationsWith(proxied.port, address));
    expect(distinct).toEqual([404, 404, 404]);
    // One client varying the part it controls still shares one budget.
    const spoofing = [];
    for (const address of ['1.1.1.1, 5.5.5.5', '2.2.2.2, 5.5.5.5', '3.3.3.3, 5.5.5.5'])
      spoofing.push(await conversationsWith(proxied.port, address));
    expect(spoofing).toEqual([404, 404, 429]);
  });

  it('three concurrent copies of a first message over sockets are one conversation', async () => {
    const send = () =>
      fetch(`http://127.0.0.1:${main.port}/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          message: 'I want to file a complaint about my order',
          clientMessageId: 'sock-1',
        }),
      });
    const responses = await Promise.all([send(), send(), send()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const replies = (await Promise.all(responses.map((r) => r.json()))) as ChatReply[];
    expect(new Set(replies.map((r) => r.conversationId)).size).toBe(1);
    expect(new Set(replies.map((r) => r.messageId)).size).toBe(1);
  });

  it('the HTTP catalog import accepts a UTF-8 byte-order mark, as the CLI does', async () => {
    const catalog = {
      products: [{ id: 7001, title: 'Byte Order Mug', category: 'kitchen', price: 12, stock: 4 }],
    };
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(catalog))]);
    const res = await fetch(`http://127.0.0.1:${main.port}/v1/admin/catalog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer agent-key-1' },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ total: 1, inserted: 1 });
  });
});
