/**
 * @module http/products.routes
 * Read-only product pages the chat's product cards link to: `GET /v1/products/:id` (JSON) and
 * `GET /products/:id` (a small HTML view, no script). Only products on sale (active in the catalog) are shown;
 * anything else is 404.
 */
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { getProduct, type ProductRow } from '../db/repositories/products.ts';
import type { Store } from '../db/store.ts';
import { type ProductCard, toCard } from '../retrieval/catalog.ts';
import { ApiError } from './errors.ts';
import { json } from './respond.ts';

/** A product id as it appears in a path: a positive whole number that fits the `integer` column. */
const productId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((id) => id <= 2_147_483_647);

export type ProductView = ProductCard & { description: string; tags: string[]; sku: string | null };

/** The product named by the path's `:id`, or undefined when the id is malformed or the product is not on sale. */
async function productOnSale(store: Store, c: Context): Promise<ProductRow | undefined> {
  const id = productId.safeParse(c.req.param('id'));
  if (!id.success) return undefined;
  const row = await getProduct(store.db, id.data);
  return row?.active ? row : undefined;
}

function view(row: ProductRow): ProductView {
  return { ...toCard(row), description: row.description, tags: row.tags ?? [], sku: row.sku };
}

const money = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n);

function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · ShopyVerse</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/chat.css">
</head>
<body>
  <main class="chat product-page">
    <header><a href="/" class="back">← Back to the assistant</a></header>
    ${body}
  </main>
</body>
</html>`;
}

function productHtml(p: ProductView) {
  const facts = [
    ['Brand', p.brand],
    ['Category', p.category.replace(/-/g, ' ')],
    ['Rating', p.rating === null ? null : `${p.rating} / 5`],
    ['Warranty', p.warranty],
    ['Shipping', p.shipping],
    ['Returns', p.returnPolicy],
  ].filter((fact): fact is [string, string] => fact[1] !== null && fact[1] !== '');
  return page(
    p.title,
    html`<article class="product-detail">
      <img class="thumb" src="${p.thumbnail ?? '/static/placeholder.svg'}" alt="${p.thumbnail ? p.title : ''}" width="240" height="240">
      <div>
        <h1>${p.title}</h1>
        <p class="price">${money(p.finalPrice)}${p.discountPercentage > 0 ? html` <s>${money(p.price)}</s> (−${p.discountPercentage}%)` : ''}</p>
        <p class="${p.inStock ? 'in' : 'out'}">${p.inStock ? `In stock (${p.stock})` : 'Out of stock'}</p>
        <p>${p.description}</p>
        <dl>${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
      </div>
    </article>`,
  );
}

export function productRoutes({ store }: { store: Store }): Hono {
  const app = new Hono();

  app.get('/v1/products/:id', async (c) => {
    const row = await productOnSale(store, c);
    if (!row) throw new ApiError(404, 'product_not_found', 'no such product on sale');
    return json(c, view(row));
  });

  app.get('/products/:id', async (c) => {
    const row = await productOnSale(store, c);
    if (!row)
      return c.html(
        page(
          'Product not found',
          html`<p class="status">That product is not on sale. <a href="/">Ask the assistant</a> for something similar.</p>`,
        ),
        404,
      );
    return c.html(productHtml(view(row)));
  });

  return app;
}
