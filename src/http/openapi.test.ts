/**
 * The OpenAPI document at /openapi.json covers every route of the app, and real responses of every route —
 * successes and errors — validate against the schema the document gives for their status (ajv, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp, type ChatReply } from '../../test/chat-app.ts';
import { openStore, type Store } from '../db/store.ts';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const pointer = (...segments: string[]) =>
  segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

describe('OpenAPI document', () => {
  let store: Store;
  let app: Awaited<ReturnType<typeof buildChatApp>>['app'];
  let doc: Document;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const checked: string[] = [];

  beforeAll(async () => {
    store = await openStore({ kind: 'pglite' });
    ({ app } = await buildChatApp(store));
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    doc = (await res.json()) as Document;
    ajv.addSchema(doc as object, 'openapi');
  });
  afterAll(async () => store?.close());

  /** Sends a request and checks its response against the document; returns the parsed JSON body. */
  async function call(
    method: 'GET' | 'POST',
    template: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: unknown }> {
    const res = await app.request(path, {
      method,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const documented = doc.paths[template]?.[method.toLowerCase()];
    expect(documented, `${method} ${template} is in the document`).toBeDefined();
    const response = documented?.responses[String(res.status)];
    expect(response, `${method} ${template} documents status ${res.status}`).toBeDefined();
    const type = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
    expect(
      Object.keys(response?.content ?? {}),
      `${method} ${template} ${res.status} content type`,
    ).toContain(type);
    checked.push(`${method} ${template} ${res.status}`);
    if (type !== 'application/json') return { status: res.status, body: await res.text() };
    const body: unknown = await res.json();
    const validate = ajv.getSchema(
      `openapi#/${pointer('paths', template, method.toLowerCase(), 'responses', String(res.status), 'content', type, 'schema')}`,
    );
    expect(validate, `a schema for ${method} ${template} ${res.status}`).toBeDefined();
    const valid = validate?.(body);
    expect(valid, `${method} ${template} ${res.status}: ${ajv.errorsText(validate?.errors)}`).toBe(true);
    return { status: res.status, body };
  }

  it('is OpenAPI 3.1 and names every route the app serves', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const served = app.routes
      .filter((r) => (r.method === 'GET' || r.method === 'POST') && !r.path.endsWith('*'))
      // The web page and its files, and the product page in HTML, are not part of the JSON API.
      .filter(
        (r) =>
          ![
            '/',
            '/static/chat.js',
            '/static/chat.css',
            '/static/placeholder.svg',
            '/favicon.ico',
            '/favicon.svg',
            '/products/:id',
            '/openapi.json',
          ].includes(r.path),
      )
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(served));
  });

  it("validates real responses of every route, successes and errors, against the document's schemas", async () => {
    const maya = { 'x-customer-id': 'cus_maya' };
    const admin = { authorization: 'Bearer agent-key-1' };
    const turn = (
      await call('POST', '/v1/chat', '/v1/chat', {
        body: { message: 'where is order 100042?' },
        headers: maya,
      })
    ).body as ChatReply;
    expect(turn.generatedBy).toBe('template');
    await call('POST', '/v1/chat', '/v1/chat', { body: { message: 'hi', extra: 1 }, headers: maya });
    await call('POST', '/v1/chat', '/v1/chat', {
      body: { message: 'hi', conversationId: '00000000-0000-4000-8000-000000000009' },
      headers: maya,
    });
    await call('POST', '/v1/chat/stream', '/v1/chat/stream', { body: { message: 'hello' }, headers: maya });
    await call('GET', '/v1/conversations/{id}', `/v1/conversations/${turn.conversationId}`, {
      headers: maya,
    });
    await call('GET', '/v1/conversations/{id}', '/v1/conversations/nope', { headers: maya });
    await call('GET', '/v1/orders', '/v1/orders', { headers: maya });
    await call('GET', '/v1/orders', '/v1/orders');
    await call('GET', '/v1/orders/{number}', '/v1/orders/100042', { headers: maya });
    await call('GET', '/v1/orders/{number}', '/v1/orders/999999', { headers: maya });
    await call('POST', '/v1/nlu/parse', '/v1/nlu/parse', { body: { text: 'cancel order 100041' } });
    await call('POST', '/v1/nlu/parse', '/v1/nlu/parse', { body: {} });

    const human = (
      await call('POST', '/v1/chat', '/v1/chat', { body: { message: 'I want to talk to a human agent' } })
    ).body as ChatReply;
    expect(human.handoff).toBe(true);
    const handoffs = (await call('GET', '/v1/agent/handoffs', '/v1/agent/handoffs', { headers: admin }))
      .body as {
      handoffs: { id: number; conversationId: string }[];
    };
    await call('GET', '/v1/agent/handoffs', '/v1/agent/handoffs');
    const mine = handoffs.handoffs.find((h) => h.conversationId === human.conversationId);
    expect(mine).toBeDefined();
    await call('GET', '/v1/agent/conversations/{id}', `/v1/agent/conversations/${human.conversationId}`, {
      headers: admin,
    });
    await call(
      'POST',
      '/v1/agent/conversations/{id}/messages',
      `/v1/agent/conversations/${human.conversationId}/messages`,
      {
        body: { text: 'Hello, this is Sam from support.' },
        headers: admin,
      },
    );
    await call('POST', '/v1/agent/handoffs/{id}/resolve', `/v1/agent/handoffs/${mine?.id}/resolve`, {
      headers: admin,
    });
    await call('POST', '/v1/agent/handoffs/{id}/resolve', `/v1/agent/handoffs/${mine?.id}/resolve`, {
      headers: admin,
    });
    await call('POST', '/v1/admin/catalog', '/v1/admin/catalog', {
      body: [{ id: 8001, title: 'Contract Test Lamp', category: 'lighting', price: 20, stock: 3 }],
      headers: admin,
    });
    await call('POST', '/v1/admin/catalog', '/v1/admin/catalog', { body: { nothing: true }, headers: admin });
    await call('GET', '/v1/products/{id}', '/v1/products/1');
    await call('GET', '/v1/products/{id}', '/v1/products/999999');
    await call('GET', '/healthz', '/healthz');
    await call('GET', '/readyz', '/readyz');
    await call('GET', '/metrics', '/metrics');

    // Every documented operation was exercised at least once.
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    for (const op of operations)
      expect(
        checked.some((c) => c.startsWith(`${op} `)),
        op,
      ).toBe(true);
  });

  it("docs/chat.md's example response validates and includes generatedBy", async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../docs/chat.md', import.meta.url), 'utf8');
    const example = [...text.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((block) => block.includes('"messageId"'));
    expect(example).toBeDefined();
    expect(example).toContain('"generatedBy"');
  });
});
