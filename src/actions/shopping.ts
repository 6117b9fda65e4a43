/**
 * @module actions/shopping
 * Product search and product questions. Facts come from the product record, never invented.
 */
import { formatMoney, list } from '../dialogue/format.ts';
import type { ProductCard } from '../retrieval/catalog.ts';
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
function factAbout(p: ProductCard, text: string): string {
  if (/\breturn|refund|send (it )?back/i.test(text))
    return `The return policy of the ${p.title}: ${p.returnPolicy ?? 'not stated'}.`;
  if (/\bwarrant|guarantee/i.test(text))
    return `The ${p.title} comes with: ${p.warranty ?? 'no stated warranty'}.`;
  if (/\bship|deliver|arriv|dispatch/i.test(text))
    return `The ${p.title}: ${p.shipping ?? 'shipping time not stated'}.`;
  if (/\bstock|available|availability|left\b/i.test(text)) return `The ${p.title} is ${stockText(p)}.`;
  if (/\bprice|cost|how much|cheap|expensive/i.test(text)) return `The ${p.title} costs ${priceText(p)}.`;
  return `The ${p.title}${p.brand ? ` by ${p.brand}` : ''} costs ${priceText(p)} and is ${stockText(p)}.`;
}

const REFERS_BACK = /\b(it|its|this one|that one)\b/i;

export const products: Action = async (ctx): Promise<ActionResult> => {
  const asksAboutEarlier =
    ctx.lastProductId !== undefined &&
    REFERS_BACK.test(ctx.text) &&
    !ctx.entities.some((e) => ['product', 'brand', 'category', 'price_max', 'price_min'].includes(e.type));
  const earlier = asksAboutEarlier ? ctx.catalog.get(ctx.lastProductId as number) : undefined;
  if (earlier) {
    return {
      reply: factAbout(earlier, ctx.text),
      products: [earlier],
      sources: [{ kind: 'product', id: String(earlier.id), title: earlier.title }],
      lastProductId: earlier.id,
      pending: null,
    };
  }
  const found = await ctx.catalog.search({ text: ctx.text, entities: ctx.entities });
  const named = ctx.entities.some((e) => e.type === 'product');
  const sources = found.map((p) => ({ kind: 'product' as const, id: String(p.id), title: p.title }));
  if (found.length === 0) {
    return {
      reply:
        "I couldn't find anything in our catalog that matches. Try another product name, a category such as laptops or headphones, or a different price limit.",
      products: [],
      pending: null,
    };
  }
  const first = found[0] as ProductCard;
  if (named)
    return {
      reply: factAbout(first, ctx.text),
      products: found.slice(0, 1),
      sources: sources.slice(0, 1),
      lastProductId: first.id,
      pending: null,
    };
  const shown = found.slice(0, 3).map((p) => `${p.title} — ${priceText(p)}, ${stockText(p)}`);
  return {
    reply: `Here ${found.length === 1 ? 'is what I found' : `are ${found.length} matches`}: ${list(shown)}${found.length > 3 ? ', and more below' : ''}.`,
    products: found,
    sources,
    lastProductId: first.id,
    pending: null,
  };
};

export const placeOrder: Action = async (ctx): Promise<ActionResult> => {
  const found = await ctx.catalog.search({ text: ctx.text, entities: ctx.entities });
  const guidance =
    'To order, open a product page, choose "Add to cart", then check out — you can pay by card, PayPal, Apple Pay, Google Pay or gift card.';
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
