/**
 * The web chat page in real headless Chromium against the real server over HTTP: one server as shoppers get
 * it in production, one in development mode (with the demo sign-in box). Every test fails on a console
 * error or an uncaught page error.
 */
import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp } from '../../test/chat-app.ts';
import { CHROMIUM_ARGS, chromiumSkipReason, findChromium } from '../../test/chromium.ts';
import { openTestStore } from '../../test/databases.ts';
import type { Store } from '../db/store.ts';
import { type RunningServer, startServer } from '../lifecycle/server.ts';

const skip = chromiumSkipReason();
const PHONE = { width: 390, height: 844 };
/** The parts of an `<img>` the tests read (this project compiles without the DOM library). */
type Picture = { complete: boolean; naturalWidth: number };

describe.skipIf(skip !== '')(`web chat page${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let store: Store;
  let production: RunningServer;
  let development: RunningServer;
  let browser: Browser;
  let prod = '';
  let dev = '';

  let context: BrowserContext | undefined;
  let problems: string[] = [];
  /** Console errors a test provokes on purpose (a refused request it staged); anything else fails it. */
  let expected: RegExp[] = [];

  beforeAll(async () => {
    store = await openTestStore('pglite');
    const shop = await buildChatApp(store);
    production = await startServer(shop.app.fetch, { port: 0, host: '127.0.0.1' });
    prod = `http://127.0.0.1:${production.port}`;
    const demo = await buildChatApp(store, { web: { developerOptions: true } });
    development = await startServer(demo.app.fetch, { port: 0, host: '127.0.0.1' });
    dev = `http://127.0.0.1:${development.port}`;
    // A product whose catalog record has an image (served by the same origin, as no network is assumed).
    const imported = await shop.app.request('/v1/admin/catalog', {
      method: 'POST',
      headers: { authorization: 'Bearer agent-key-1', 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          id: 9001,
          title: 'Aurora Desk Lamp',
          description: 'A dimmable LED desk lamp.',
          category: 'furniture',
          brand: 'Aurora',
          price: 49.99,
          stock: 12,
          thumbnail: `${prod}/favicon.svg`,
        },
      ]),
    });
    if (imported.status !== 200) throw new Error(`catalog import answered ${imported.status}`);
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    mkdirSync('reports', { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await production?.close({ timeoutMs: 1000 });
    await development?.close({ timeoutMs: 1000 });
    await store?.close();
  });

  /** A fresh browser profile (empty localStorage) whose console errors and page errors are collected. */
  async function open(base: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    context = await browser.newContext({ viewport, hasTouch: viewport.width < 500 });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (!expected.some((pattern) => pattern.test(text))) problems.push(`console: ${text}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400 && !expected.some((p) => p.test(String(response.status()))))
        problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    await page.goto(base);
    return page;
  }

  afterEach(async () => {
    await context?.close();
    context = undefined;
    const seen = problems;
    problems = [];
    expected = [];
    expect(seen, 'console errors, page errors or failed requests').toEqual([]);
  });

  const bots = (page: Page) => page.locator('.message.bot');

  /** Sends through the composer (or a callback that sends) and returns the reply that answers it. */
  async function reply(page: Page, sendIt: string | (() => Promise<void>)) {
    const before = await bots(page).count();
    if (typeof sendIt === 'string') {
      await page.getByLabel('Your message').fill(sendIt);
      await page.getByRole('button', { name: 'Send' }).click();
    } else {
      await sendIt();
    }
    const answer = bots(page).nth(before);
    await answer.waitFor();
    return answer;
  }

  /** Every card's image has loaded (the catalog's image or the placeholder) and links to its product. */
  async function checkCards(cards: ReturnType<Page['locator']>) {
    const n = await cards.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      const image = card.locator('img.thumb');
      await expect.poll(() => image.evaluate((img: Picture) => img.complete)).toBe(true);
      expect(await image.evaluate((img: Picture) => img.naturalWidth)).toBeGreaterThan(0);
      expect(await card.locator('a').getAttribute('href')).toMatch(/^\/products\/\d+$/);
    }
    return n;
  }

  it('greets a new shopper with suggested questions and no developer box', async () => {
    const page = await open(prod);
    expect(await page.title()).toBe('ShopyVerse assistant');
    expect(await page.getByRole('heading', { name: 'Hi! How can I help you today?' }).isVisible()).toBe(true);
    const chips = page.locator('#welcome').getByRole('button');
    expect(await chips.count()).toBeGreaterThanOrEqual(4);
    expect(await chips.allTextContents()).toContain('Which tablets do you have?');
    expect(await page.getByText('Developer options').count()).toBe(0);
    expect(await page.locator('#customer').count()).toBe(0);
    expect(await page.locator('#messages li').count()).toBe(0);
    const icon = await page.request.get(`${prod}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/x-icon');
  });

  it('sends a suggestion, shows cards with image and link, and follows a card to its product', async () => {
    const page = await open(prod);
    const answer = await reply(page, () =>
      page.getByRole('button', { name: 'Which tablets do you have?' }).click(),
    );
    expect(await page.locator('.message.customer').first().textContent()).toContain(
      'Which tablets do you have?',
    );
    expect(await page.locator('#welcome').isHidden()).toBe(true);
    const cards = answer.locator('.product');
    await checkCards(cards);
    expect(await answer.locator('.sources').textContent()).toContain('Sources:');

    const title = (await cards.first().locator('.product-title').textContent()) ?? '';
    await cards.first().locator('a').click();
    await page.waitForURL(/\/products\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await page.getByRole('link', { name: /Back to the assistant/ }).click();
    await page.locator('.message.bot').first().waitFor();
    expect(await page.locator('.message.bot .product').count()).toBe(await cards.count());
  });

  it("shows the product's own image from the catalog record", async () => {
    const page = await open(prod);
    const answer = await reply(page, 'do you have the Aurora desk lamp?');
    const image = answer.locator('.product', { hasText: 'Aurora Desk Lamp' }).locator('img');
    expect(await image.getAttribute('src')).toBe(`${prod}/favicon.svg`);
    expect(await answer.getByRole('link', { name: 'Aurora Desk Lamp', exact: true }).count()).toBe(1);
    await expect.poll(() => image.evaluate((img: Picture) => img.naturalWidth)).toBeGreaterThan(0);
  });

  it('keeps the conversation, its cards and its sources across a reload', async () => {
    const page = await open(prod);
    const tablets = await reply(page, 'tablets under 400 dollars');
    const policy = await reply(page, 'is there a fee if I cancel my order?');
    const cardsBefore = await tablets.locator('.product-title').allTextContents();
    const sourcesBefore = [
      await tablets.locator('.sources').textContent(),
      await policy.locator('.sources').textContent(),
    ];
    expect(sourcesBefore[1]).toContain('Cancelling an order');

    await page.reload();
    await page.locator('.message').nth(3).waitFor();
    expect(await page.locator('.message').count()).toBe(4);
    expect(await page.locator('#welcome').isHidden()).toBe(true);
    const restored = bots(page);
    expect(await restored.nth(0).locator('.product-title').allTextContents()).toEqual(cardsBefore);
    await checkCards(restored.nth(0).locator('.product'));
    expect([
      await restored.nth(0).locator('.sources').textContent(),
      await restored.nth(1).locator('.sources').textContent(),
    ]).toEqual(sourcesBefore);
    expect(await page.locator('.message.customer').first().textContent()).toContain(
      'tablets under 400 dollars',
    );
  });

  it('keeps the typed text when a send fails and sends it once on retry', async () => {
    const page = await open(prod);
    const sent: { clientMessageId?: string }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/chat')) sent.push(JSON.parse(request.postData() ?? '{}'));
    });
    expected = [/status of 503/, /^503$/, /ERR_CONNECTION_REFUSED|ERR_FAILED/];
    await page.route('**/v1/chat', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'Retry-After': '5' },
        body: JSON.stringify({
          error: { code: 'dependency_unavailable', message: 'the store is unavailable' },
        }),
      }),
    );
    const box = page.getByLabel('Your message');
    await box.fill('where is my parcel?');
    await page.getByRole('button', { name: 'Send' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/unavailable right now.*not sent.*Try again/s);
    expect(await box.inputValue()).toBe('where is my parcel?');
    expect(await page.locator('.message').count()).toBe(0);

    // The network itself fails: the same promise.
    await page.unroute('**/v1/chat');
    await page.route('**/v1/chat', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(async () => alert.textContent()).toMatch(/Could not reach the assistant.*not sent/s);
    expect(await box.inputValue()).toBe('where is my parcel?');

    await page.unroute('**/v1/chat');
    const answer = await reply(page, () => page.getByRole('button', { name: 'Try again' }).click());
    expect(await answer.textContent()).toMatch(/order/i);
    expect(await alert.isHidden()).toBe(true);
    expect(await box.inputValue()).toBe('');
    expect(await page.locator('.message.customer .text').allTextContents()).toEqual(['where is my parcel?']);
    // Every attempt carried the same id, so a retry of a send that did reach the store is not run twice.
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((body) => body.clientMessageId)).size).toBe(1);
  });

  it('never sends a customer id from production, even one left in storage', async () => {
    const page = await open(prod);
    await page.evaluate(() => localStorage.setItem('shopyverse.customer', 'cus_maya'));
    await page.reload();
    const headers: Record<string, string>[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v1/')) headers.push(request.headers());
    });
    const answer = await reply(page, 'where is my order 100042?');
    expect(await answer.textContent()).not.toContain('PW100042GB');
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.every((h) => !('x-customer-id' in h))).toBe(true);
  });

  it('lets a local demo sign in through developer options in development mode', async () => {
    const page = await open(dev);
    await page.locator('summary', { hasText: 'Developer options' }).click();
    const id = page.getByLabel(/Signed-in customer id/);
    await id.fill('cus_maya');
    await id.dispatchEvent('change');
    const mine = await reply(page, 'where is my order 100042?');
    expect(await mine.textContent()).toContain('PW100042GB');
    const theirs = await reply(page, 'where is order 100045?');
    expect(await theirs.textContent()).toContain("couldn't find order 100045");
    // The field's pattern is one the browser accepts: an invalid one leaves the input always valid.
    await id.fill('not valid!');
    expect(
      await id.evaluate(
        (input: { validity: { patternMismatch: boolean } }) => input.validity.patternMismatch,
      ),
    ).toBe(true);
  });

  it('labels its controls for assistive technology', async () => {
    const page = await open(prod);
    expect(await page.getByRole('textbox', { name: 'Your message' }).count()).toBe(1);
    expect(await page.locator('#messages').getAttribute('aria-live')).toBe('polite');
    expect(await page.getByRole('list', { name: 'Try asking:' }).count()).toBe(1);
    expect(await page.locator('#problem').getAttribute('role')).toBe('alert');
    const focused = () => page.evaluate<string | undefined>('document.activeElement?.id');
    await expect.poll(focused).toBe('message');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('send');
    await page.screenshot({ path: 'reports/web-chat-desktop-start.png' });
  });

  it('reads well on a 390×844 phone: no sideways scroll, composer in view, cards in two columns', async () => {
    const page = await open(prod, PHONE);
    const wide = () => page.evaluate<number>('document.documentElement.scrollWidth');
    expect(await wide()).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: 'reports/web-chat-phone-start.png' });
    const answer = await reply(page, () =>
      page.getByRole('button', { name: 'Which tablets do you have?' }).tap(),
    );
    const cards = answer.locator('.product');
    await checkCards(cards);
    expect(await wide()).toBeLessThanOrEqual(PHONE.width);
    // A tapped suggestion does not focus the text box (that would open the keyboard over the reply).
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).not.toBe('message');
    const header = await page.getByRole('button', { name: 'New conversation' }).boundingBox();
    expect(header && header.height < 48).toBe(true);
    const first = await cards.nth(0).boundingBox();
    const second = await cards.nth(1).boundingBox();
    expect(first && second && second.x > first.x && Math.abs(second.y - first.y) < 1).toBe(true);
    for (const box of [first, second])
      expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    const composer = await page.locator('#composer').boundingBox();
    expect(composer && composer.y + composer.height <= PHONE.height).toBe(true);
    await page.screenshot({ path: 'reports/web-chat-phone.png' });
  });

  it('desktop screenshot of a conversation', async () => {
    const page = await open(prod);
    await reply(page, () => page.getByRole('button', { name: 'Which tablets do you have?' }).click());
    await reply(page, 'what is your return policy?');
    await page.screenshot({ path: 'reports/web-chat-desktop.png', fullPage: true });
    expect(await page.locator('.message').count()).toBe(4);
  });
});
