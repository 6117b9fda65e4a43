/**
 * @module test/chat-app
 * Builds the whole app — store with demo data, NLU, retrieval, chat engine — as main.ts does.
 */
import { afterAll, beforeAll } from 'vitest';
import { reindexInto } from '../src/catalog/sync.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { listActiveProducts } from '../src/db/repositories/products.ts';
import type { Store } from '../src/db/store.ts';
import { ChatEngine } from '../src/dialogue/engine.ts';
import { createApp } from '../src/http/app.ts';
import { loadDocuments } from '../src/knowledge/documents.ts';
import { Readiness } from '../src/lifecycle/readiness.ts';
import { type IndexFactory, Retrieval } from '../src/retrieval/retrieval.ts';
import { seedDemoData } from '../src/seed/index.ts';
import { createLogger } from '../src/telemetry/logger.ts';
import { Metrics } from '../src/telemetry/metrics.ts';
import { openTestStore } from './databases.ts';
import { sharedNlu } from './shared-nlu.ts';

export { sharedNlu };

export async function buildChatApp(
  store: Store,
  {
    adminKeys = ['agent-key-1'],
    security,
    generator,
    indexes,
    revision,
    web,
    logger = createLogger({ level: 'silent' }),
  }: {
    /** The web page's options (its developer sign-in box is off unless asked for). */
    web?: Parameters<typeof createApp>[0]['web'];
    /** Where the app logs (silent unless a test reads the log). */
    logger?: ReturnType<typeof createLogger>;
    indexes?: IndexFactory;
    /** The Knative revision the metrics are labelled with. */
    revision?: string;
    adminKeys?: string[];
    security?: Parameters<typeof createApp>[0]['security'];
    generator?: ConstructorParameters<typeof ChatEngine>[0]['generator'];
  } = {},
) {
  await applyMigrations(store);
  await seedDemoData(store.db);
  const nlu = sharedNlu();
  const catalog = await listActiveProducts(store.db);
  nlu.setCatalog(catalog);
  const metrics = new Metrics({ pool: () => store.poolStats(), revision });
  const retrieval = await Retrieval.create(catalog, loadDocuments(), { metrics, indexes });
  const engine = new ChatEngine({ store, nlu, retrieval, metrics, generator });
  const app = createApp({
    logger,
    readiness: new Readiness(),
    nlu,
    metrics,
    chat: { store, engine, retrieval, adminKeys },
    security,
    web,
  });
  // What a catalog reload does on a replica: new indexes and the NLU's lexicon.
  const reindex = reindexInto(nlu, retrieval);
  return { app, metrics, retrieval, reindex };
}

/**
 * The whole app on a throwaway embedded store with the demo data, for the tests of one file: opened before
 * them and closed after. Its fields are set once the file's `beforeAll` has run.
 */
export function demoChatAppForFile(): { app: ReturnType<typeof createApp>; store: Store } {
  const demo = {} as { app: ReturnType<typeof createApp>; store: Store };
  beforeAll(async () => {
    demo.store = await openTestStore('pglite');
    ({ app: demo.app } = await buildChatApp(demo.store));
  });
  afterAll(async () => demo.store?.close());
  return demo;
}

export interface ChatReply {
  conversationId: string;
  messageId: string;
  reply: string;
  intent: { name: string; confidence: number };
  entities: { type: string; value: string | number }[];
  products: {
    id: number;
    title: string;
    category: string;
    finalPrice: number;
    stock: number;
    inStock: boolean;
  }[];
  sources: { kind: string; id: string; title: string }[];
  actions: { type: string; [k: string]: unknown }[];
  state: { pending?: { type: string }; lastOrder?: string };
  handoff: boolean;
  generatedBy: string;
}

/** A conversation helper: `say(text)` posts to /v1/chat, continuing the same conversation. */
export function conversation(app: ReturnType<typeof createApp>, customerId?: string) {
  let conversationId: string | undefined;
  return {
    get id() {
      return conversationId;
    },
    async say(message: string, extra: Record<string, unknown> = {}): Promise<ChatReply> {
      const res = await app.request('/v1/chat', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(customerId ? { 'x-customer-id': customerId } : {}),
        },
        body: JSON.stringify({ message, ...(conversationId ? { conversationId } : {}), ...extra }),
      });
      const body = (await res.json()) as ChatReply & { error?: unknown };
      if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${JSON.stringify(body)}`);
      conversationId = body.conversationId;
      return body;
    },
  };
}
