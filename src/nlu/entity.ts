/**
 * @module nlu/entity
 * The entity shape shared by the rule-based extractors and the catalog lexicon.
 */
export type EntityType =
  | 'order_id'
  | 'invoice_id'
  | 'email'
  | 'money'
  | 'price_max'
  | 'price_min'
  | 'city'
  | 'country'
  | 'product'
  | 'brand'
  | 'category'
  /** A need the shopper described ("something to keep me dry"): `value` is the kinds the catalog sells for it, joined by "|". */
  | 'need';

export interface Entity {
  type: EntityType;
  value: string | number;
  start: number;
  end: number;
  /** Display text for products, brands and categories; the catalog id for products. */
  text?: string;
  id?: number;
}
