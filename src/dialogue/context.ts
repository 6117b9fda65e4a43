/**
 * @module dialogue/context
 * Short replies that only make sense after the previous turn: "for order 100050" after the invoices,
 * "and how do I delete it?" after account help, "what about express?" after delivery times. The classifier
 * reads each message alone; these helpers say what the message continues.
 */
import type { IntentName } from '../nlu/intents.ts';

/** Words that may surround an order number in a reply that only names the order. */
const AROUND_AN_ORDER = new Set(
  (
    'for the a an order orders number no nr num id ref reference it its it’s is was that this one my ' +
    'sorry i i’m im meant mean about what how and please pls ok okay yes yeah yep here sure oh actually with ' +
    'of on regarding re thanks thank you then instead same also too hm hmm well so think believe guess ' +
    'probably maybe should be that’s'
  ).split(' '),
);

/**
 * The message's words and numbers, lower case, with one apostrophe ("it’s"), other punctuation dropped; a
 * number keeps its "#" and hyphens ("#100041", "100-041").
 */
export function plainWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replaceAll("'", '’')
      .match(/[a-z’]+|#?\d[\d-]*/g) ?? []
  );
}

const NUMBER = /^#?\d[\d-]*$/;
/** Written as an order number is: four digits or more, or any after "#" (as entities reads them). */
const AN_ORDER_NUMBER = /^#\d|^\d(?:-?\d){3}/;

/**
 * The message names an order and says nothing else: "100041", "it's order #100041", "for order 100050
 * please", "the order was 100044", "sorry, I meant 100045". It answers "which order?", or continues the request
 * the conversation was already making.
 */
export function onlyNamesAnOrder(text: string): boolean {
  const words = plainWords(text);
  if (words.length > 10 || !words.some((w) => AN_ORDER_NUMBER.test(w))) return false;
  return words.every((w) => NUMBER.test(w) || AROUND_AN_ORDER.has(w));
}

/**
 * The request an order number continues, after a turn read as `last`. Asking about a fee or the return
 * policy and then naming an order is asking to cancel or return that order (both ask before doing anything).
 */
export function requestForOrder(last: string | undefined): IntentName {
  switch (last) {
    case 'check_cancellation_fee':
      return 'cancel_order';
    case 'check_refund_policy':
      return 'get_refund';
    case 'cancel_order':
    case 'change_order':
    case 'change_shipping_address':
    case 'check_invoice':
    case 'get_invoice':
    case 'get_refund':
    case 'track_refund':
    case 'delivery_period':
    case 'payment_issue':
    case 'complaint':
      return last;
    default:
      return 'track_order';
  }
}

/** What a support intent is about, as a customer would name it in place of "it". */
const TOPIC: Partial<Record<IntentName, string>> = {
  create_account: 'my account',
  delete_account: 'my account',
  edit_account: 'my account',
  switch_account: 'my account',
  registration_problems: 'my account',
  recover_password: 'my password',
  check_payment_methods: 'payment',
  payment_issue: 'the payment',
  delivery_options: 'delivery',
  delivery_period: 'delivery',
  check_refund_policy: 'the refund',
  get_refund: 'the refund',
  track_refund: 'the refund',
  check_invoice: 'the invoice',
  get_invoice: 'the invoice',
  check_cancellation_fee: 'cancelling',
  newsletter_subscription: 'the newsletter',
  track_order: 'my order',
  cancel_order: 'my order',
  change_order: 'my order',
  change_shipping_address: 'the address',
  contact_customer_service: 'customer service',
};

/** "it", "that", "this" as the thing a question is about ("how do I delete it later?"). */
const POINTS_BACK = /\b(?:it|that|this|them)\b(?!['’]s)/i;

/**
 * The message said with the topic of the previous support request: "and how do I delete it later?" after
 * account help is "and how do I delete my account later?"; "what about express?" after delivery times is
 * "what about express? (delivery)". Undefined when the previous turn had no support topic.
 */
export function inTopicOf(text: string, last: string | undefined): string | undefined {
  const topic = last === undefined ? undefined : TOPIC[last as IntentName];
  if (!topic) return undefined;
  return POINTS_BACK.test(text) ? text.replace(POINTS_BACK, topic) : `${text} (${topic})`;
}
