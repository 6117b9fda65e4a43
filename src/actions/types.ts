/**
 * @module actions/types
 * What an action receives and returns. Actions do the work against the store and say what happened;
 * they never read the message text for decisions the NLU already made.
 */
import type { Store } from '../db/store.ts';
import type { Pending } from '../dialogue/state.ts';
import type { NluResult } from '../nlu/engine.ts';
import type { Entity } from '../nlu/entities.ts';
import type { IntentName } from '../nlu/intents.ts';
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
  /** The product a follow-up refers to ("the second one"), resolved by the dialogue from what was shown. */
  referenced?: ProductCard;
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
  /** Products shown, in order, and the search that found them (for follow-ups). */
  shown?: number[];
  lastQuery?: string;
  /** The intent this turn actually answered, when it differs from the NLU's reading (a follow-up). */
  intent?: IntentName;
  handoff?: boolean;
}

export type Action = (ctx: ActionContext) => Promise<ActionResult>;

export const SIGN_IN_FIRST =
  'I can only look at orders for a signed-in customer. Please sign in to your ShopyVerse account and ask me again.';
