/**
 * @module actions/shopping
 * Product search and product questions. Facts come from the product record, never invented.
 */
import { formatMoney, list } from '../dialogue/format.ts';
import type { Entity } from '../nlu/entity.ts';
import { GIFT_FOR_SOMEONE } from '../nlu/needs.ts';
import { type ProductCard, priceLimits } from '../retrieval/catalog.ts';
import type { Action, ActionResult } from './types.ts';

function priceText(p: ProductCard): string {
  return p.discountPercentage > 0
    ? `${formatMoney(p.finalPrice)} (${formatMoney(p.price)} less ${p.discountPercentage}%)`
    : formatMoney(p.price);
}

function stockText(p: ProductCard): string {
  if (p.stock === 0) return 'out of stock';
  return p.stock <= 5 ? `in stock (only ${p.stock} left)` : 'in stock';
}

/** The one fact the question asks about, or a short summary. */
export function factAbout(p: ProductCard, text: string): string {
  if (/\breturn|refund|send (it )?back/i.test(text))
    return `The return policy of the ${p.title}: ${p.returnPolicy ?? 'not stated'}.`;
  if (/\bwarrant|guarantee/i.test(text))
    return `The ${p.title} comes with: ${p.warranty ?? 'no stated warranty'}.`;
  if (/\bship|deliver|arriv|dispatch|how long|get (it )?(to me|here)|take to get/i.test(text))
    return `The ${p.title}: ${p.shipping ?? 'shipping time not stated'}.`;
  if (/\bstock|available|availability|left\b|sold out/i.test(text))
    return `The ${p.title} is ${stockText(p)}.`;
  if (/\brat(e|ed|es|ing)\b|reviews?|stars?\b/i.test(text))
    return p.rating === null
      ? `The ${p.title} has no rating yet.`
      : `The ${p.title} is rated ${p.rating.toFixed(2)} out of 5.`;
  if (/\bbrand|who makes|made by|manufacturer/i.test(text))
    return p.brand ? `The ${p.title} is made by ${p.brand}.` : `The ${p.title} has no brand listed.`;
  if (/\bprice|cost|how much|cheap|expensive/i.test(text)) return `The ${p.title} costs ${priceText(p)}.`;
  return `The ${p.title}${p.brand ? ` by ${p.brand}` : ''} costs ${priceText(p)} and is ${stockText(p)}.`;
}

/** The answer about one product: its fact, the card, and the follow-up context. */
function aboutOne(p: ProductCard, text: string): ActionResult {
  return {
    reply: factAbout(p, text),
    products: [p],
    sources: [{ kind: 'product', id: String(p.id), title: p.title }],
    lastProductId: p.id,
    shown: [p.id],
    pending: null,
  };
}

function limitText(entities: Entity[]): string {
  const { min, max } = priceLimits(entities);
  if (max !== undefined && min !== undefined) return `between ${formatMoney(min)} and ${formatMoney(max)}`;
  return max !== undefined ? `under ${formatMoney(max)}` : `over ${formatMoney(min ?? 0)}`;
}

export const products: Action = async (ctx): Promise<ActionResult> => {
  if (ctx.referenced) return { ...aboutOne(ctx.referenced, ctx.text), shown: undefined };
  const { products: found, closest } = await ctx.catalog.find({
    text: ctx.text,
    entities: ctx.entities,
    shopping: ctx.nlu.intent.name !== 'out_of_scope',
  });
  const namedIds = new Set(ctx.entities.filter((e) => e.type === 'product').map((e) => e.id));
  if (found.length === 0) {
    if (closest.length > 0) {
      const near = closest.map((p) => `${p.title} — ${priceText(p)}`);
      return {
        reply: `Nothing that matches is ${limitText(ctx.entities)}. The closest in price: ${list(near)}.`,
        products: [],
        sources: closest.map((p) => ({ kind: 'product' as const, id: String(p.id), title: p.title })),
        lastQuery: ctx.text,
        pending: null,
      };
    }
    // "a present for my sister" with nothing to go on: ask what would suit, and search again with the answer.
    if (GIFT_FOR_SOMEONE.test(ctx.text))
      return {
        reply:
          'Happy to help you find a present. What are they into, or what would you like to spend? For example "she loves yoga" or "under $50".',
        products: [],
        lastQuery: ctx.text,
        pending: null,
      };
    return {
      reply:
        "I couldn't find anything in our catalog that matches. Try another product name, a category such as laptops or headphones, or a different price limit.",
      products: [],
      lastQuery: ctx.text,
      pending: null,
    };
  }
  const first = found[0] as ProductCard;
  const sources = found.map((p) => ({ kind: 'product' as const, id: String(p.id), title: p.title }));
  // One product named by the shopper, or only one found: answer about it.
  if ((namedIds.size === 1 && namedIds.has(first.id)) || found.length === 1)
    return { ...aboutOne(first, ctx.text), lastQuery: ctx.text };
  const shown = found.slice(0, 3).map((p) => `${p.title} — ${priceText(p)}, ${stockText(p)}`);
  return {
    reply: `Here ${found.length === 1 ? 'is what I found' : `are ${found.length} matches`}: ${list(shown)}${found.length > 3 ? ', and more below' : ''}.`,
    products: found,
    sources,
    lastProductId: first.id,
    shown: found.map((p) => p.id),
    lastQuery: ctx.text,
    pending: null,
  };
};

export const placeOrder: Action = async (ctx): Promise<ActionResult> => {
  const guidance =
    'To order, open a product page, choose "Add to cart", then check out — you can pay by card, PayPal, Apple Pay, Google Pay or gift card.';
  // "I'll take the first one": the product meant, with what it costs now.
  const meant = ctx.referenced;
  if (meant)
    return {
      ...aboutOne(meant, ''),
      reply: `${guidance} The ${meant.title} is ${priceText(meant)} and ${stockText(meant)}.`,
    };
  const found = await ctx.catalog.search({ text: ctx.text, entities: ctx.entities });
  return found.length > 0
    ? {
        reply: `${guidance} These match what you asked for: ${list(found.slice(0, 3).map((p) => p.title))}.`,
        products: found,
        pending: null,
      }
    : {
        reply: `${guidance} Tell me what you're looking for and I'll find it in the catalog.`,
        products: [],
        pending: null,
      };
};
