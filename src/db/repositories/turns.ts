/**
 * @module db/repositories/turns
 * A chat turn's write as one statement: the conversation (opened, or its state swapped if nobody changed it
 * meanwhile) and both messages, for any number of turns at once. Used by the turn writer (db/group-commit) on
 * the path where the reply was decided without writing anything else.
 */
import { sql } from 'drizzle-orm';
import { jsonText } from '../json-text.ts';
import type { Store } from '../store.ts';
import type { TurnRecord } from './conversations.ts';

export interface TurnWrite extends TurnRecord {
  /** Opens the conversation; otherwise the stored state must still equal `expectedState`. */
  open?: { customerId: string | null; openKey: string | null };
  /** The state the reply was decided on, exactly as it was read (a compare-and-swap, not a lock). */
  expectedState?: unknown;
}

/** One row of the statement's `jsonb_to_recordset` input. */
function row(turn: TurnWrite, at: number) {
  return {
    conversation_id: turn.conversationId,
    is_new: turn.open !== undefined,
    customer_id: turn.open?.customerId ?? null,
    open_key: turn.open?.openKey ?? null,
    expected_state: turn.expectedState ?? null,
    state: turn.state,
    status: turn.status ?? null,
    customer_message_id: turn.customerMessage.id,
    customer_text: turn.customerMessage.text,
    client_message_id: turn.customerMessage.clientMessageId,
    intent: turn.customerMessage.intent,
    confidence: turn.customerMessage.confidence,
    bot_message_id: turn.botMessage.id,
    bot_text: turn.botMessage.text,
    payload: turn.botMessage.payload,
    // The reply sorts after the message it answers.
    asked_at: new Date(at).toISOString(),
    answered_at: new Date(at + 1).toISOString(),
  };
}

/**
 * Writes the turns in one statement and returns the ids of the conversations written. A continued
 * conversation whose state changed since it was read is left alone (its id is missing from the result), so
 * its turn can be decided again. The caller keeps one turn per conversation in a batch: an UPDATE touches a
 * row once. Any unique violation (a retried message, a retried opening) fails the whole statement.
 */
export async function writeTurns(store: Store, turns: readonly TurnWrite[]): Promise<Set<string>> {
  const now = Date.now();
  // Each reply's payload goes in as the text the response body is sent as (`jsonText`), not serialised again.
  const input = `[${turns
    .map((turn) => {
      const { payload, ...rest } = row(turn, now);
      return `${JSON.stringify(rest).slice(0, -1)},"payload":${payload ? jsonText(payload) : 'null'}}`;
    })
    .join(',')}]`;
  const rows = await store.rows<{ id: string }>(sql`
    with t as (
      select * from jsonb_to_recordset(${input}::jsonb) as t(
        conversation_id text, is_new boolean, customer_id text, open_key text, expected_state jsonb,
        state jsonb, status conversation_status, customer_message_id text, customer_text text,
        client_message_id text, intent text, confidence double precision, bot_message_id text,
        bot_text text, payload jsonb, asked_at timestamptz, answered_at timestamptz)
    ),
    opened as (
      insert into conversations (id, customer_id, open_key, state, status)
      select conversation_id, customer_id, open_key, state, coalesce(status, 'open') from t where is_new
      returning id
    ),
    continued as (
      update conversations c
      set state = t.state, status = coalesce(t.status, c.status), updated_at = now()
      from t
      where not t.is_new and c.id = t.conversation_id and c.state = t.expected_state
      returning c.id
    ),
    written as (select id from opened union all select id from continued),
    stored as (
      insert into messages
        (id, conversation_id, role, text, client_message_id, intent, confidence, reply_to, payload, created_at)
      select customer_message_id, conversation_id, 'customer'::message_role, customer_text, client_message_id,
        intent, confidence, null::text, null::jsonb, asked_at
      from t join written w on w.id = t.conversation_id
      union all
      select bot_message_id, conversation_id, 'bot'::message_role, bot_text, null::text, null::text,
        null::double precision, customer_message_id, payload, answered_at
      from t join written w on w.id = t.conversation_id
      returning 1
    )
    select id from written`);
  return new Set(rows.map((r) => r.id));
}
