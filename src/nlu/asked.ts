/**
 * @module nlu/asked
 * What a message asks in so many words, whatever the classifier read into the story around it: the shop's
 * contact details, a parcel sent somewhere else, a review given, a complaint with no question, an account to
 * make, a refund, how soon a thing can come, a line on an invoice, a password reset, an order to place, a
 * return to start. Each rule overrules only the readings that miss it, so a classifier that already reads the
 * message right is never argued with.
 */
import { type IntentName, isSupportIntent } from './intents.ts';
import { asksOurContactDetails } from './whose-business.ts';

/** An intent and how sure a reading is of it. */
export type Ranked = { name: IntentName; confidence: number };

/** From this many words a message is read by the classifier trained on requests told inside stories. */
export const LONG_MESSAGE = 12;
/** Up to this many words, a request told in so many words is read whatever story comes with it. */
const TOLD_REQUEST_WORDS = LONG_MESSAGE * 3;

/**
 * A score, a recommendation or praise given to the shop: "10/10", "five stars", "will be recommending you",
 * "I'll definitely be shopping again".
 */
const RATES_US =
  /\b(?:i['’]ll|i will|we['’]ll|we will) (?:definitely |certainly |happily )?(?:be )?(?:shopping|ordering|buying)(?: \w+){0,2} again\b|\bgreat job\b|\b(?:so|really|very) (?:pleased|happy|impressed) with (?:it|them|my order|the order|my purchase)\b|(?<![\d.])(?:10|[0-9]) ?\/ ?10\b|\b(?:five|four|one|two|three|[1-5]) stars?\b|\brecommending you\b|\b(?:would|will|i['’]ll|i['’]d) (?:definitely |happily |highly )?recommend (?:you|your (?:shop|store|site|company))\b/i;
/** What a charge or a line on an invoice is: "what's this fee on my invoice", "the 'handling' line on my bill". */
const ASKS_ABOUT_INVOICE =
  /\b(?:line|charge|fee|item|amount|entry|figure|adjustment)s? (?:[\w'‘’-]+ ){0,2}on (?:my|the|this|your) (?:invoice|bill)\b|\b(?:my|the) (?:invoice|bill) (?:shows|says|has|includes|lists|charges)\b/i;
/** Readings of a question about an invoice's line that miss it. */
const BILLING_READINGS = new Set<IntentName>([
  'out_of_scope',
  'delivery_options',
  'track_refund',
  'get_invoice',
  'payment_issue',
  'get_refund',
  'check_invoice',
]);
/** Resetting a password: "reset my password", "the password reset link". */
const RESETS_PASSWORD = /\breset (?:my |the |our )?password\b|\bpassword reset\b|\breset link\b/i;
/** Readings of a password reset that miss it. */
const ACCOUNT_READINGS = new Set<IntentName>([
  'registration_problems',
  'edit_account',
  'create_account',
  'switch_account',
]);
/** Asking to place an order: "help me place the order", "how do I place an order for…". */
const PLACES_AN_ORDER =
  /\b(?:help me|how (?:do|can) i|i(?:['’]d| would) like to|i want to|can i) place (?:an|the|a new|my) order\b/i;
/** Readings of placing an order that miss it; not delivery options ("can I place an order from Canada?"). */
const ORDER_READINGS = new Set<IntentName>(['track_order', 'change_order', 'out_of_scope']);
/** Asking for one's money back: "I'd just like a refund", "I want my money back". */
const WANTS_REFUND =
  /\b(?:i(?:['’]d| would) (?:just |really )?like|i (?:just )?want|i need|can i (?:get|have)|please (?:give|send) me) (?:a |my |the )?(?:full )?(?:refund|money back)\b/i;
/** Readings of a refund asked for that miss it. */
const REFUND_READINGS = new Set<IntentName>(['out_of_scope', 'complaint', 'product_inquiry', 'review']);
/**
 * How soon a thing can reach the shopper: "how quickly can you get it to me", "how fast do you deliver", "how much
 * longer will it be" (after its order's status).
 */
const HOW_SOON =
  /\bhow (?:quickly|fast|soon) (?:can|could|will|would|do|does) (?:you |it |they |things |orders )?(?:get|deliver|send|ship|arrive|reach|come)\b|\bhow (?:much )?longer (?:will|until|till|before|does|is) (?:it|they|my (?:order|parcel|package|delivery)|the (?:order|parcel|package|delivery))\b/i;
/** Readings of a delivery time asked for that miss it. */
const SOON_READINGS = new Set<IntentName>(['out_of_scope', 'product_inquiry', 'get_invoice']);
/** Disappointment told with no question: "the curtains look nothing like the photos", "feels cheap". */
const COMPLAINS =
  /\b(?:(?:honestly|really|very|so|extremely|bitterly) disappointed|nothing like the (?:photos?|pictures?|description|picture)|(?:feels?|looks?) (?:really |so )?cheap|poor quality|waste of money)\b/i;
/** Readings of disappointment that miss the complaint. */
const COMPLAINT_READINGS = new Set<IntentName>(['product_inquiry', 'out_of_scope', 'review']);
/** Making an account: "I want to make an account", "how do I open an account". */
const CREATES_ACCOUNT =
  /\b(?:make|create|open|set up|register)(?: me)? (?:an?|my|my own|a new)(?: (?:proper|new|separate|personal|real|actual|full|own))? account\b|\baccount\b.{0,120}\b(?:make|create|open|set up) (?:one|it)(?: for me)?\W*$/i;
/** Readings of making an account that miss it (not a problem registering: that is its own intent). */
const NEW_ACCOUNT_READINGS = new Set<IntentName>([
  'place_order',
  'out_of_scope',
  'product_inquiry',
  'set_up_shipping_address',
]);
/** Saying that one is sending a thing back: "I want to return something", "I'm returning the boots". */
const WANTS_TO_RETURN =
  /\b(?:i|we)(?:['’]d| would)? (?:want|like|need|wish|have) to (?:return|send back)\b|\b(?:i|we)(?:['’]m|['’]re| am| are) (?:returning|sending back)\b/i;
/** Asking that a parcel go somewhere else: "change where order 100051 is going", "send it to my new address". */
const REDIRECT =
  /\b(?:change|update|switch|alter) where (?:[\w#]+ ){0,3}(?:is|are) (?:going|headed|being (?:sent|delivered|shipped))\b|\b(?:change|update) where (?:[\w#]+ ){0,3}(?:goes|go|gets delivered|ships)\b|\b(?:send|deliver|ship|redirect) (?:it|them|my order|the order|the parcel|my parcel|order #?\d+) to (?:a |my |the )?(?:different|new|other|another) address\b/i;
/** Readings of a redirect that miss the address: the order changed, a new address set up for later. */
const ADDRESS_READINGS = new Set<IntentName>([
  'change_order',
  'set_up_shipping_address',
  'change_shipping_address',
  'out_of_scope',
]);

/**
 * The intent a message asks for in so many words, when the classifier's ranking (out of scope included)
 * misses it; undefined when no rule speaks.
 */
export function askedInSoManyWords(text: string, words: number, ranking: Ranked[]): Ranked | undefined {
  const read = ranking[0]?.name ?? 'out_of_scope';
  // The classifier's first reading among our intents.
  const ours = ranking.find((r) => r.name !== 'out_of_scope')?.name ?? 'out_of_scope';
  const sure = (name: IntentName): Ranked => ({ name, confidence: 0.8 });
  // "what's your phone number?" asks how to reach the shop; the smartphones category is not what it names.
  if (asksOurContactDetails(text, words >= LONG_MESSAGE)) return sure('contact_customer_service');
  // "I'd like to change where order 100051 is going" asks for a new address, not for other things in the order.
  if (words < LONG_MESSAGE && REDIRECT.test(text) && ADDRESS_READINGS.has(read))
    return sure('change_shipping_address');
  // "…it's perfect. Will be recommending you to everyone. 10/10." is a review, with no question asked of us.
  if (RATES_US.test(text) && !text.includes('?') && (read === 'review' || !isSupportIntent(read)))
    return sure('review');
  if (words >= TOLD_REQUEST_WORDS) return undefined;
  // "Honestly disappointed. The curtains look nothing like the photos" is a complaint, not a product question.
  if (COMPLAINS.test(text) && !text.includes('?') && COMPLAINT_READINGS.has(read)) return sure('complaint');
  // "I want to make an account so I can see my orders" is making one, whatever the orders suggest.
  if (CREATES_ACCOUNT.test(text) && NEW_ACCOUNT_READINGS.has(read)) return sure('create_account');
  // "…one was missing from the set. I'd just like a refund" asks for the money, whatever the story reads as.
  if (WANTS_REFUND.test(text) && REFUND_READINGS.has(read)) return sure('get_refund');
  // "How quickly can you get something to me in Glasgow?" asks how long delivery takes.
  if (HOW_SOON.test(text) && SOON_READINGS.has(read)) return sure('delivery_period');
  // "what does the 'adjustment' line on my invoice mean?" asks about the invoice, not a refund or a payment.
  if (ASKS_ABOUT_INVOICE.test(text) && BILLING_READINGS.has(read)) return sure('check_invoice');
  // "the reset link says it's expired" is about the password, whatever else the account's sign-in suggests.
  if (RESETS_PASSWORD.test(text) && ACCOUNT_READINGS.has(ours)) return sure('recover_password');
  // "…can you help me place the order?" asks to buy, whatever the story of an earlier order suggests.
  if (PLACES_AN_ORDER.test(text) && ORDER_READINGS.has(ours)) return sure('place_order');
  // "I want to return something" starts a return; "can I return it?" asks the policy.
  if (words < LONG_MESSAGE && WANTS_TO_RETURN.test(text) && read === 'check_refund_policy')
    return sure('get_refund');
  return undefined;
}
