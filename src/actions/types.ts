/**
 * @module actions/types
 * What an action receives and returns. Actions do the work against the store and say what happened;
 * they never read the message text for decisions the NLU already made.
 */
import type { Store } from '../db/store.ts';
import type { Pending } from '../dialogue/state.ts';
import type { NluResult } from '../nlu/engine.ts';
import type { Entity } from '../nlu/entities.ts';
import type { CatalogSearch, ProductCard } from '../retrieval/catalog.ts';
import type { KnowledgeBase } from '../retrieval/knowledge.ts';

export interface Source {
  kind: 'policy' | 'product' | 'order';
  id: string;
  title: string;
}

export interface ActionRecord {
  type: string;
  [key: string]: unknown;
}

export interface ActionContext {
  store: Store;
  catalog: CatalogSearch;
  knowledge: KnowledgeBase;
  customerId: string | null;
  conversationId: string;
  text: string;
  nlu: NluResult;
  /** The order this turn is about: from the message, a pending question, or the conversation context. */
  orderNumber?: string;
  /** The product discussed last in the conversation, for "is it in stock?". */
  lastProductId?: number;
  entities: Entity[];
}

export interface ActionResult {
  reply: string;
  products?: ProductCard[];
  sources?: Source[];
  actions?: ActionRecord[];
  /** Set to ask a follow-up question; `null` clears a pending one. */
  pending?: Pending | null;
  lastOrder?: string;
  lastProductId?: number;
  handoff?: boolean;
}

export type Action = (ctx: ActionContext) => Promise<ActionResult>;

export const SIGN_IN_FIRST =
  'I can only look at orders for a signed-in customer. Please sign in to your ShopyVerse account and ask me again.';
