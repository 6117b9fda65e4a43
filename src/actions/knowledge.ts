/**
 * @module actions/knowledge
 * Policy and FAQ answers, extracted from the shipped documents and cited.
 */
import type { IntentName } from '../nlu/intents.ts';
import type { Action, ActionResult } from './types.ts';

/**
 * The section that answers each informational intent outright. If a section is renamed, retrieval answers
 * instead, ranking that section's document first.
 */
export const TOPIC_SECTION: Partial<Record<IntentName, string>> = {
  check_cancellation_fee: 'cancellation#cancellation-fees',
  check_payment_methods: 'payments#payment-methods',
  payment_issue: 'payments#payment-problems',
  check_refund_policy: 'returns#how-long-you-have',
  delivery_options: 'delivery#delivery-options-and-times',
  delivery_period: 'delivery#delivery-options-and-times',
  contact_customer_service: 'contact#contacting-shopyverse',
  create_account: 'account#creating-an-account',
  delete_account: 'account#deleting-your-account',
  edit_account: 'account#editing-your-account',
  recover_password: 'account#forgotten-password',
  registration_problems: 'account#problems-signing-up',
  switch_account: 'account#several-accounts',
  set_up_shipping_address: 'account#editing-your-account',
};

/**
 * Questions under an intent that another section of the same topic answers better than its default: "how long
 * does a refund take?" is read as asking the refund policy, and wants when the money comes back, not how long
 * there is to send a thing back.
 */
const ASKED_SECTION: { intent: IntentName; asks: RegExp; section: string }[] = [
  {
    intent: 'check_refund_policy',
    asks: /\b(?:how long|when|how many (?:business )?days|how soon|how quickly)\b.{0,40}\b(?:refunds?|money back|refunded|my money)\b|\b(?:refunds?|money back)\b.{0,30}\b(?:take|takes|taking|arrive|come through|show up|reach)\b/i,
    section: 'refunds#when-you-get-your-money-back',
  },
];

/** The section that answers the intent outright for this question, if any. */
export function sectionFor(intent: IntentName, text: string): string | undefined {
  return (
    ASKED_SECTION.find((a) => a.intent === intent && a.asks.test(text))?.section ?? TOPIC_SECTION[intent]
  );
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;

/**
 * Tables and lists read poorly in a chat bubble: a list item becomes "• item", a table row "• Standard — $4.99 —
 * 3–5 business days." (its header row dropped: the section's heading says what the table is), all on one
 * line, cut to about `max` characters.
 */
export function excerpt(text: string, max = 600): string {
  const lines = text.split('\n');
  const flat = lines
    .map((line, i) => {
      if (TABLE_RULE.test(line)) return '';
      if (TABLE_ROW.test(line)) {
        if (TABLE_RULE.test(lines[i + 1] ?? '')) return '';
        const cells = line
          .trim()
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((cell) => cell.trim())
          .filter(Boolean);
        const row = cells.join(' — ');
        return `• ${/[.!?]$/.test(row) ? row : `${row}.`}`;
      }
      return line.replace(/^\s*[-*]\s+/, '• ').trim();
    })
    .filter(Boolean)
    .join(' ')
    .replace(/\*\*/g, '');
  return flat.length > max ? `${flat.slice(0, flat.lastIndexOf(' ', max))} …` : flat;
}

/** Whether the intent is answered from the policy documents. */
export const answersFromDocuments = (intent: IntentName): boolean => intent in TOPIC_SECTION;

export const answerFromDocuments: Action = async (ctx): Promise<ActionResult> => {
  const intent = ctx.nlu.intent.name;
  const exact = sectionFor(intent, ctx.text);
  const preferDocument = exact?.split('#')[0];
  const section =
    (exact ? ctx.knowledge.section(exact) : undefined) ??
    (await ctx.knowledge.find(ctx.text, { preferDocument, limit: 1 }))[0];
  if (!section) {
    return {
      reply: "I don't have a document that answers this. Would you like me to hand you to a human agent?",
      pending: null,
    };
  }
  return {
    reply: `${section.heading === section.documentTitle ? '' : `${section.heading}: `}${excerpt(section.text)}`,
    sources: [{ kind: 'policy', id: section.id, title: `${section.documentTitle} — ${section.heading}` }],
    pending: null,
  };
};
