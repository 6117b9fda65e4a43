/**
 * @module dialogue/engine
 * One chat turn: load the conversation, understand the message, decide what to do from the intent and the
 * dialogue state (slot filling, confirmations, context), run the action, and store message, reply and state
 * together before answering. Model output never triggers an action: only the NLU intent and a confirmation do.
 */
import { randomUUID } from 'node:crypto';
import { askRefund, confirmRefund, invoices, trackRefund } from '../actions/billing.ts';
import { answerFromDocuments, answersFromDocuments } from '../actions/knowledge.ts';
import {
  applyNewAddress,
  askNewAddress,
  askToCancel,
  changeOrder,
  confirmCancel,
  trackOrder,
} from '../actions/orders.ts';
import { placeOrder, products } from '../actions/shopping.ts';
import { SMALL_TALK } from '../actions/small-talk.ts';
import { complaint, handoff, newsletter, orderForComplaint, review } from '../actions/support.ts';
import type { Action, ActionContext, ActionResult, Source } from '../actions/types.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { GroupCommit, GroupCommitFullError } from '../db/group-commit.ts';
import { NeedsTransaction, readOnlyStore } from '../db/read-only.ts';
import {
  createConversation,
  findReplyTo,
  findReplyToOpening,
  loadConversation,
  lockConversation,
  openingKey,
  saveTurn,
  type TurnRecord,
  updateBotReply,
} from '../db/repositories/conversations.ts';
import { type TurnWrite, writeTurns } from '../db/repositories/turns.ts';
import type { Database, Store } from '../db/store.ts';
import { type Generator, TemplateGenerator } from '../generation/generator.ts';
import { ApiError } from '../http/errors.ts';
import { type NluEngine, type NluResult, wordCount } from '../nlu/engine.ts';
import type { Entity } from '../nlu/entities.ts';
import { type IntentName, isSupportIntent } from '../nlu/intents.ts';
import type { ProductCard } from '../retrieval/catalog.ts';
import type { Retrieval } from '../retrieval/retrieval.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import { inTopicOf, onlyNamesAnOrder, requestForOrder } from './context.ts';
import { ASKS_ABOUT_PRODUCT, resolveReference } from './references.ts';
import { type DialogueState, readState } from './state.ts';

/** Pointing at one of the products shown: "the second one", "the cheaper one", "the last". */
const ORDINAL =
  /\b(first|second|third|fourth|fifth|last|1st|2nd|3rd|cheaper|cheapest|pricier|priciest|more expensive|other one)\b/i;

/** Words that narrow a product search already made: a colour, a size, a price direction. */
const REFINES =
  /\b(colou?rs?|red|blue|black|white|green|pink|silver|gold|grey|gray|purple|yellow|size|small|smaller|large|larger|bigger|cheaper|wireless|waterproof)\b/i;

/** An ordinal in a request about orders or the account is not about the products shown. */
const STORE_REQUEST = /\b(order|refund|cancel|invoice|account|password|deliver|address|subscri)/i;
/** Deciding to buy: "I'll take it", "add the second one to my cart", "I want to order that one". */
const BUY_IT =
  /\b(?:i['’]?ll|i will|i['’]?d like to|i would like to|i want to|let me|gonna) (?:take|buy|get|have|order|purchase)\b(?! (?:it |them )?(?:back|off|away|out|apart|home)\b)|\badd (?:it|that|this|them|the .{1,60}?) to (?:my |the )?(?:cart|basket|bag)\b|^\W*(?:buy|order) (?:it|that|this|them|the \w+ one)\b/i;
/** Talk of an order already placed: "get it delivered", "take it back", "cancel it". */
const ABOUT_AN_ORDER = /\b(?:deliver|ship|send|return|refund|cancel|exchange|address|invoice|track)/i;
/** Asking for another kind of product after a search: "ok, what about sleeping bags?", "any tents?". */
const ANOTHER_SEARCH =
  /^\W*(?:(?:ok|okay|so|and|hmm|right|cool|also|then)\W+)*(?:what|how) about\b|^\W*(?:(?:and|also|ok|okay)\W+)*(?:any|got any|do you (?:have|sell|do|stock))\b/i;
/** Entities that say what to search for. */
const PRODUCT_MENTIONS = new Set(['product', 'brand', 'category', 'need']);
const NAMES_A_PRODUCT = new Set(['product', 'brand', 'category']);
/** A word that points at a product shown before. */
const REFERS = /\b(?:it|that|this|them|those|these|one)\b/i;

export interface ChatRequest {
  customerId: string | null;
  text: string;
  conversationId?: string;
  clientMessageId?: string;
  /** Who sends it (see http/chat.routes); with clientMessageId it makes a retried first message one message. */
  caller?: string;
  /** The id a new conversation gets, chosen early so a timeout reply can name it. */
  newConversationId?: string;
}

/** The retry key of a message that may open a conversation; none without a clientMessageId. */
const openKeyOf = (request: ChatRequest): string | null =>
  request.clientMessageId
    ? openingKey(request.caller ?? `customer:${request.customerId}`, request.clientMessageId)
    : null;

export interface ChatResponse {
  conversationId: string;
  messageId: string;
  reply: string;
  intent: { name: IntentName; confidence: number };
  entities: Entity[];
  products: ProductCard[];
  sources: Source[];
  actions: ActionResult['actions'] & object;
  state: DialogueState;
  handoff: boolean;
  /** `template` (grounded) or `huggingface` (rephrased by a model and checked against the grounded reply). */
  generatedBy: 'template' | 'huggingface';
}

const ROUTES: Partial<Record<IntentName, Action>> = {
  track_order: trackOrder,
  cancel_order: askToCancel,
  change_order: changeOrder,
  change_shipping_address: askNewAddress,
  check_invoice: invoices,
  get_invoice: invoices,
  get_refund: askRefund,
  track_refund: trackRefund,
  complaint,
  review,
  contact_human_agent: handoff,
  newsletter_subscription: newsletter,
  product_inquiry: products,
  place_order: placeOrder,
};

/** The customer's message and the reply that answers it, with the reply's state, as one record to store. */
function turnRecord(request: ChatRequest, response: ChatResponse): TurnRecord {
  return {
    conversationId: response.conversationId,
    customerMessage: {
      id: randomUUID(),
      text: request.text,
      clientMessageId: request.clientMessageId ?? null,
      intent: response.intent.name,
      confidence: response.intent.confidence,
    },
    botMessage: {
      id: response.messageId,
      text: response.reply,
      payload: response as unknown as Record<string, unknown>,
    },
    state: response.state,
    ...(response.handoff ? { status: 'handoff' as const } : {}),
  };
}

/** One customer message on its way through the engine. */
interface Turn {
  request: ChatRequest;
  conversationId: string;
  isNew: boolean;
  nlu: NluResult;
  /** The dialogue state the turn is decided on. */
  state: DialogueState;
  /** The conversation's state exactly as read, which the one-statement write compares before it swaps. */
  storedState?: unknown;
}

/** Intents a follow-up question about the product just shown tends to be read as. */
const PRODUCT_FOLLOW_UP_INTENTS = new Set<IntentName>([
  'out_of_scope',
  'bot_capabilities',
  'affirm',
  'deny',
  'product_inquiry',
  'delivery_period',
  'delivery_options',
  'check_refund_policy',
  'check_payment_methods',
]);

/** Asking for another version of what was shown: "does it come in blue?", "do they come in a bigger size?". */
const COMES_IN = /\b(?:does|do|can) (?:it|they|that|this|these|those)(?: one| ones)? (?:come|comes|go) in\b/i;

/** A message this sure of a new intent abandons a pending question instead of answering it. */
const SWITCH_CONFIDENCE = 0.8;

export class ChatEngine {
  readonly #store: Store;
  readonly #nlu: NluEngine;
  readonly #retrieval: Retrieval;
  readonly #metrics?: Metrics;
  readonly #generator: Generator;
  readonly #writer: GroupCommit<TurnWrite, boolean>;

  constructor(deps: {
    store: Store;
    nlu: NluEngine;
    retrieval: Retrieval;
    metrics?: Metrics;
    generator?: Generator;
  }) {
    this.#generator = deps.generator ?? new TemplateGenerator();
    this.#store = deps.store;
    this.#nlu = deps.nlu;
    this.#retrieval = deps.retrieval;
    this.#metrics = deps.metrics;
    const store = deps.store;
    this.#writer = new GroupCommit(
      async (turns) => {
        const written = await writeTurns(store, turns);
        return turns.map((t) => written.has(t.conversationId));
      },
      (turn) => turn.conversationId,
      // PGlite has one connection; PostgreSQL gets a second statement in flight so one commit's flush does
      // not stall the next batch.
      { maxBatch: 64, maxQueue: 2000, concurrency: store.driver === 'pglite' ? 1 : 2 },
    );
  }

  async handle(request: ChatRequest): Promise<ChatResponse> {
    const db = this.#store.db;
    const openKey = openKeyOf(request);
    const { conversation, storedReply } = request.conversationId
      ? await loadConversation(db, request.conversationId, request.clientMessageId)
      : {};
    // An unknown conversationId with a clientMessageId is the retry of a first message whose reply timed out
    // (the 503 names the conversation it was opening, which may still be committing): it opens that id.
    const continuing = request.conversationId !== undefined && (conversation !== undefined || !openKey);
    if (continuing) {
      // Someone else's conversation looks exactly like a missing one.
      if (!conversation || conversation.customerId !== request.customerId) {
        throw new ApiError(404, 'conversation_not_found', 'no such conversation');
      }
      if (storedReply?.payload) return storedReply.payload as unknown as ChatResponse;
      if (conversation.status === 'handoff')
        return this.#whileWithAgent(request, conversation.id, readState(conversation.state));
    }
    const turn: Turn = {
      request,
      conversationId: conversation?.id ?? request.conversationId ?? request.newConversationId ?? randomUUID(),
      // A retried first message is not looked up first: opening its conversation again is a unique
      // violation, answered below with what the first copy stored.
      isNew: !continuing,
      nlu: this.#nlu.parse(request.text),
      state: continuing ? readState(conversation?.state) : { turns: 0 },
      storedState: conversation?.state,
    };
    try {
      const response = (await this.#turnInOneWrite(turn)) ?? (await this.#turnInTransaction(turn));
      // Counted once stored: a retried message answered from storage below is not counted again.
      this.#metrics?.countIntent(turn.nlu.intent.name);
      this.#metrics?.chatMessages.add(1, this.#metrics.labels());
      return await this.#phrase(request.text, response);
    } catch (error) {
      // Two copies of one retried message raced: the loser returns what the winner stored.
      if (request.clientMessageId && isUniqueViolation(error)) {
        const stored =
          turn.isNew && openKey
            ? await findReplyToOpening(db, openKey, request.clientMessageId)
            : await findReplyTo(db, turn.conversationId, request.clientMessageId);
        if (stored?.payload) return stored.payload as unknown as ChatResponse;
      }
      throw error;
    }
  }

  /**
   * Lets the generator rephrase the stored, grounded reply (outside the transaction: a model call must not
   * hold a database connection). A checked rephrasing replaces the stored text; otherwise the grounded reply stands.
   */
  async #phrase(question: string, response: ChatResponse): Promise<ChatResponse> {
    if (this.#generator.name === 'template' || response.handoff) return response;
    const phrased = await this.#generator.phrase({ question, grounded: response.reply });
    if (phrased.by !== 'huggingface') return response;
    const updated: ChatResponse = { ...response, reply: phrased.text, generatedBy: 'huggingface' };
    await updateBotReply(
      this.#store.db,
      response.messageId,
      phrased.text,
      updated as unknown as Record<string, unknown>,
    );
    return updated;
  }

  /**
   * The common turn: decided on a read-only view of the store (retrieval and the reply outside any
   * transaction), then stored — conversation, both messages and state — in one statement shared with the
   * turns that arrive meanwhile. Undefined when the turn must run in a transaction instead: its action
   * writes, or another turn of this conversation changed the state it was decided on.
   */
  async #turnInOneWrite(turn: Turn): Promise<ChatResponse | undefined> {
    let result: ActionResult;
    try {
      result = await this.#decide(readOnlyStore(this.#store), turn);
    } catch (error) {
      if (error instanceof NeedsTransaction) return undefined;
      throw error;
    }
    const answer = this.#answer(turn, result);
    const record = turnRecord(turn.request, answer);
    let written: boolean;
    try {
      written = await this.#writer.submit({
        ...record,
        ...(turn.isNew
          ? { open: { customerId: turn.request.customerId, openKey: openKeyOf(turn.request) } }
          : { expectedState: turn.storedState }),
      });
    } catch (error) {
      if (error instanceof GroupCommitFullError)
        throw new ApiError(503, 'overloaded', 'too many messages at once; please retry shortly');
      throw error;
    }
    return written ? answer : undefined;
  }

  /** The action's writes, the two messages and the new state commit together or not at all. */
  #turnInTransaction(turn: Turn): Promise<ChatResponse> {
    const { request, conversationId } = turn;
    return this.#store.db.transaction(async (tx) => {
      const store: Store = { ...this.#store, db: tx as unknown as Database };
      let state = turn.state;
      if (turn.isNew)
        await createConversation(store.db, conversationId, request.customerId, openKeyOf(request));
      // Turns of one conversation take turns: each decides on the state the previous one stored.
      else state = readState((await lockConversation(store.db, conversationId))?.state ?? state);
      const result = await this.#decide(store, { ...turn, state });
      const answer = this.#answer({ ...turn, state }, result);
      await saveTurn(store.db, turnRecord(request, answer));
      return answer;
    });
  }

  /** The reply to a decided turn, with the state it leaves behind. */
  #answer({ conversationId, nlu, state }: Turn, result: ActionResult): ChatResponse {
    const next: DialogueState = {
      ...state,
      pending: result.pending === undefined ? state.pending : (result.pending ?? undefined),
      lastOrder: result.lastOrder ?? state.lastOrder,
      lastProductId: result.lastProductId ?? state.lastProductId,
      shown: result.shown ?? state.shown,
      lastQuery: result.lastQuery?.slice(0, 500) ?? state.lastQuery,
      lastIntent: result.intent ?? nlu.intent.name,
      turns: state.turns + 1,
    };
    for (const key of ['pending', 'shown', 'lastQuery'] as const)
      if (next[key] === undefined) delete next[key];
    return {
      conversationId,
      messageId: randomUUID(),
      reply: result.reply,
      intent: result.intent
        ? { name: result.intent, confidence: Math.max(nlu.intent.confidence, 0.5) }
        : nlu.intent,
      entities: nlu.entities,
      products: result.products ?? [],
      sources: result.sources ?? [],
      actions: result.actions ?? [],
      state: next,
      handoff: result.handoff ?? false,
      generatedBy: 'template',
    };
  }

  async #decide(store: Store, { request, conversationId, nlu, state }: Turn): Promise<ActionResult> {
    const orderEntity = nlu.entities.find((e) => e.type === 'order_id');
    const ctx: ActionContext = {
      store,
      catalog: this.#retrieval.catalog,
      knowledge: this.#retrieval.knowledge,
      customerId: request.customerId,
      conversationId,
      text: request.text,
      nlu,
      entities: nlu.entities,
      // "#0000000000100042" is order 100042.
      orderNumber: orderEntity
        ? String(orderEntity.value)
            .replace(/^#/, '')
            .replace(/^0+(?=\d)/, '')
        : undefined,
      lastProductId: state.lastProductId,
    };
    const intent = nlu.intent.name;
    const pending = state.pending;
    const switching =
      intent !== 'affirm' &&
      intent !== 'deny' &&
      intent !== 'out_of_scope' &&
      nlu.intent.confidence >= SWITCH_CONFIDENCE;

    if (pending?.type === 'confirm') {
      if (intent === 'affirm') {
        return pending.action === 'cancel_order'
          ? confirmCancel(ctx, pending.orderNumber)
          : confirmRefund(ctx, pending.orderNumber);
      }
      if (intent === 'deny')
        return { reply: `OK, I won't change anything on order ${pending.orderNumber}.`, pending: null };
      // A clear new request leaves the question unanswered (nothing changes); only noise asks again.
      if (intent === 'out_of_scope' && !switching) {
        const what = pending.action === 'cancel_order' ? 'cancel' : 'request a refund for';
        return {
          reply: `Shall I ${what} order ${pending.orderNumber}? Please answer yes or no — or ask me something else.`,
          pending,
        };
      }
      const result = await this.#route(intent, ctx);
      return { ...result, pending: result.pending ?? null };
    }
    // An answer to the assistant's question ("100041" after "which order?") is reported as the request it
    // completes, not as what the classifier makes of a bare number or an address.
    // "it's order 100041" answers "which order?", however sure the classifier is that it asks to track one.
    const givesTheNumber = ctx.orderNumber !== undefined && onlyNamesAnOrder(request.text);
    if (pending?.type === 'order_number' && (!switching || givesTheNumber)) {
      const asked = pending.intent as IntentName;
      if (ctx.orderNumber) return { ...(await this.#route(asked, ctx)), intent: asked };
      if (intent === 'deny') return { reply: 'No problem. What else can I do for you?', pending: null };
      return {
        reply:
          'I need the order number to continue — it has digits only, like 100042. Or say "cancel" to stop.',
        pending,
        intent: asked,
      };
    }
    if (pending?.type === 'address' && !switching) {
      if (intent === 'deny')
        return { reply: `OK, order ${pending.orderNumber} keeps its current address.`, pending: null };
      return { ...(await applyNewAddress(ctx, pending.orderNumber)), intent: 'change_shipping_address' };
    }
    if (pending?.type === 'email' && !switching) {
      const asked = 'newsletter_subscription';
      if (nlu.entities.some((e) => e.type === 'email')) return { ...(await newsletter(ctx)), intent: asked };
      return {
        reply: 'Please type the email address, for example jane@example.com.',
        pending,
        intent: asked,
      };
    }
    // The review or complaint the assistant asked for; a clear other support request, or "never mind", instead.
    if (pending?.type === 'ticket') {
      const other = switching && isSupportIntent(intent) && intent !== pending.kind;
      if (intent === 'deny')
        return { reply: 'Alright, nothing recorded. What else can I do for you?', pending: null };
      if (!other) {
        const act = pending.kind === 'complaint' ? complaint : review;
        return { ...(await act(ctx)), intent: pending.kind };
      }
    }
    // "I'll take the first one", "add it to my cart": how to buy the product meant, and what it costs.
    if (BUY_IT.test(request.text) && !ABOUT_AN_ORDER.test(request.text)) {
      const meant = this.#productMeant(ctx, state, nlu);
      if (meant) return { ...(await placeOrder({ ...ctx, referenced: meant })), intent: 'place_order' };
    }
    // "is it in stock?", "how much is the second one?", "what about in blue?": about what was just shown.
    const followUp = this.#followUp(ctx, state, nlu);
    if (followUp) return { ...(await products(followUp)), intent: 'product_inquiry' };
    // An order number with nothing pending ("for order 100050 please" after the invoices): the request the
    // conversation was making, for that order; with none, show the order.
    if (ctx.orderNumber && onlyNamesAnOrder(request.text)) {
      const asked = requestForOrder(state.lastIntent);
      const act = asked === 'complaint' ? orderForComplaint(ctx) : this.#route(asked, ctx);
      return { ...(await act), intent: asked };
    }
    // "cancel it", "where is it": the order from earlier in the conversation.
    if (
      !ctx.orderNumber &&
      state.lastOrder &&
      (ROUTES[intent] || intent === 'delivery_period') &&
      /\b(it|that|this one|the order|my order)\b/i.test(request.text)
    ) {
      ctx.orderNumber = state.lastOrder;
    }
    // A need described in words no list knows: products whose descriptions meet it, if the catalog has any.
    if (intent === 'out_of_scope' && nlu.entities.some((e) => e.type === 'need')) {
      const found = await products(ctx);
      if ((found.products ?? []).length > 0) return { ...found, intent: 'product_inquiry' };
    }
    const continued = await this.#continued(ctx, state);
    if (continued) return continued;
    return this.#route(intent, ctx);
  }

  /**
   * A short message the classifier cannot place alone, read as the continuation of the previous turn:
   * "what about sleeping bags?" after a product search is another search, "he likes cooking" narrows it;
   * "and how do I delete it?" after account help is about the account. Undefined when it is not one.
   */
  async #continued(ctx: ActionContext, state: DialogueState): Promise<ActionResult | undefined> {
    const { nlu, text } = ctx;
    const intent = nlu.intent.name;
    const unsure = intent === 'out_of_scope' || intent === 'bot_capabilities' || nlu.intent.confidence < 0.5;
    if (state.lastIntent === 'product_inquiry' && wordCount(text) <= 12 && !STORE_REQUEST.test(text)) {
      if (unsure && ANOTHER_SEARCH.test(text)) return { ...(await products(ctx)), intent: 'product_inquiry' };
      const narrowed =
        state.lastQuery && (unsure || intent === 'product_inquiry')
          ? await this.#narrowed(ctx, state.lastQuery)
          : undefined;
      if (narrowed) return narrowed;
    }
    // A product named is a product question; a need read into "I don't get the reset email" is not.
    if (unsure && wordCount(text) <= 10 && !nlu.entities.some((e) => NAMES_A_PRODUCT.has(e.type))) {
      const said = inTopicOf(text, state.lastIntent);
      const again = said === undefined ? undefined : this.#nlu.parse(said);
      if (again && isSupportIntent(again.intent.name) && again.intent.confidence >= 0.6) {
        const topical: ActionContext = { ...ctx, text: said as string, nlu: again, entities: again.entities };
        return { ...(await this.#route(again.intent.name, topical)), intent: again.intent.name };
      }
    }
    return undefined;
  }

  /**
   * "he likes cooking" after "a gift for my dad": the last search with this message added, when the message
   * adds something to search for and the message alone finds nothing. A product question that finds nothing
   * either way is answered as such (searched once).
   */
  async #narrowed(ctx: ActionContext, lastQuery: string): Promise<ActionResult | undefined> {
    const alone = ctx.nlu.intent.name === 'product_inquiry' ? await products(ctx) : undefined;
    if (alone && (alone.products ?? []).length > 0) return { ...alone, intent: 'product_inquiry' };
    const before = this.#nlu.parse(lastQuery);
    const both = this.#nlu.parse(`${lastQuery} ${ctx.text}`);
    const known = new Set(before.entities.map((e) => `${e.type}:${e.value}`));
    const adds = both.entities.some(
      (e) => PRODUCT_MENTIONS.has(e.type) && !known.has(`${e.type}:${e.value}`),
    );
    const found = adds
      ? await products({ ...ctx, text: both.text, nlu: both, entities: both.entities })
      : undefined;
    if (found && (found.products ?? []).length > 0) return { ...found, intent: 'product_inquiry' };
    return alone && { ...alone, intent: 'product_inquiry' };
  }

  /** The product a message names, or refers to by a word ("it", "the second one") among those shown. */
  #productMeant(ctx: ActionContext, state: DialogueState, nlu: NluResult): ProductCard | undefined {
    const catalog = this.#retrieval.catalog;
    const named = nlu.entities.filter((e) => e.type === 'product' && typeof e.id === 'number');
    if (named.length === 1) return catalog.get(named[0]?.id as number);
    if (named.length > 1 || !REFERS.test(ctx.text)) return undefined;
    const { shown, focus } = this.#onShow(state);
    return resolveReference(ctx.text, shown, focus);
  }

  /** The products the conversation last showed, in order, and the one it last spoke of. */
  #onShow(state: DialogueState): { shown: ProductCard[]; focus: ProductCard | undefined } {
    const catalog = this.#retrieval.catalog;
    const shown = (state.shown ?? []).map((id) => catalog.get(id)).filter((p) => p !== undefined);
    const focus = state.lastProductId === undefined ? undefined : catalog.get(state.lastProductId);
    return { shown, focus };
  }

  /** The products context a follow-up question refers to, or undefined when the message starts afresh. */
  #followUp(ctx: ActionContext, state: DialogueState, nlu: NluResult): ActionContext | undefined {
    const intent = nlu.intent.name;
    // "is the third one rated well?" refers back whatever it was read as, unless a support request is sure.
    const ordinal = ORDINAL.test(ctx.text) && !STORE_REQUEST.test(ctx.text);
    const mentions = nlu.entities.filter((e) => ['product', 'brand', 'category'].includes(e.type));
    const text = ctx.text;
    // "and in black?" narrows the last search whatever the classifier made of three words ("change_order").
    const refines =
      state.lastQuery !== undefined &&
      (/^\W*(?:and|what about|how about|any|in|from|with|only)\b/i.test(text) || COMES_IN.test(text)) &&
      wordCount(text) <= 8 &&
      (mentions.length > 0 || REFINES.test(text) || nlu.entities.some((e) => e.type.startsWith('price')));
    const refinesAnyway = refines && !STORE_REQUEST.test(text);
    if (!PRODUCT_FOLLOW_UP_INTENTS.has(intent) && !ordinal && !refinesAnyway) return undefined;
    const { shown, focus } = this.#onShow(state);
    if (shown.length === 0 && !focus) return undefined;
    if (mentions.length === 0) {
      const referenced = resolveReference(text, shown, focus);
      // "how long would delivery take?" after the sofa is about the sofa; "…for my order?" is not.
      const aboutOrder = /\b(?:my|the|an?) (?:order|purchase|parcel|package)\b|#?\d{4,}/i.test(text);
      if (referenced && !aboutOrder && (ordinal || ASKS_ABOUT_PRODUCT.test(text)))
        return { ...ctx, referenced };
    }
    // "what about in blue?", "and from Apple?", "any cheaper ones?", "does it come in blue?": the last search,
    // refined.
    if (refines && state.lastQuery) {
      const refined = this.#nlu.parse(`${state.lastQuery} ${text.replace(COMES_IN, ' ')}`);
      return { ...ctx, text: refined.text, nlu: refined, entities: refined.entities };
    }
    return undefined;
  }

  #route(intent: IntentName, ctx: ActionContext): Promise<ActionResult> {
    const action = ROUTES[intent];
    if (action) return action(ctx);
    if (answersFromDocuments(intent)) {
      // "how long until order 100042 arrives" is about an order, not the policy.
      if (intent === 'delivery_period' && ctx.orderNumber) return trackOrder(ctx);
      return answerFromDocuments(ctx);
    }
    const talk = SMALL_TALK[intent] ?? SMALL_TALK.out_of_scope;
    return Promise.resolve((talk as () => ActionResult)());
  }

  /** While an agent owns the conversation the bot only stores the message and says so. */
  async #whileWithAgent(
    request: ChatRequest,
    conversationId: string,
    state: DialogueState,
  ): Promise<ChatResponse> {
    const response: ChatResponse = {
      conversationId,
      messageId: randomUUID(),
      reply: 'A human agent has this conversation and will answer here. Your message is saved for them.',
      intent: { name: 'contact_human_agent', confidence: 1 },
      entities: [],
      products: [],
      sources: [],
      actions: [{ type: 'queued_for_agent' }],
      state,
      handoff: true,
      generatedBy: 'template',
    };
    await saveTurn(this.#store.db, turnRecord(request, response));
    return response;
  }
}
