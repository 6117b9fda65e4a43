/**
 * @module nlu/intents
 * The intent set of the product (exact names): 27 support intents, then shopping, small talk and out-of-scope.
 */
export const SUPPORT_INTENTS = [
  'cancel_order',
  'change_order',
  'place_order',
  'track_order',
  'check_cancellation_fee',
  'check_invoice',
  'get_invoice',
  'check_payment_methods',
  'payment_issue',
  'check_refund_policy',
  'get_refund',
  'track_refund',
  'change_shipping_address',
  'set_up_shipping_address',
  'delivery_options',
  'delivery_period',
  'complaint',
  'review',
  'contact_customer_service',
  'contact_human_agent',
  'create_account',
  'delete_account',
  'edit_account',
  'recover_password',
  'registration_problems',
  'switch_account',
  'newsletter_subscription',
] as const;

export const OTHER_INTENTS = [
  'product_inquiry',
  'greeting',
  'goodbye',
  'thanks',
  'bot_capabilities',
  'affirm',
  'deny',
  'out_of_scope',
] as const;

export const INTENTS = [...SUPPORT_INTENTS, ...OTHER_INTENTS] as const;
export type IntentName = (typeof INTENTS)[number];
export type SupportIntent = (typeof SUPPORT_INTENTS)[number];

const supportSet = new Set<string>(SUPPORT_INTENTS);
export const isSupportIntent = (name: string): name is SupportIntent => supportSet.has(name);
