/**
 * The web chat page in real headless Chromium against the real server over HTTP.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatApp } from '../../test/chat-app.ts';
import { CHROMIUM_ARGS, chromiumSkipReason, findChromium } from '../../test/chromium.ts';
import { openTestStore } from '../../test/databases.ts';
import type { Store } from '../db/store.ts';
import { type RunningServer, startServer } from '../lifecycle/server.ts';

const skip = chromiumSkipReason();

describe.skipIf(skip !== '')(`web chat page${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    store = await openTestStore('pglite');
    const { app } = await buildChatApp(store);
    server = await startServer(app.fetch, { port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close({ timeoutMs: 1000 });
    await store?.close();
  });

  const send = async (text: string) => {
    const before = await page.locator('.message.bot').count();
    await page.getByLabel('Your message').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.message.bot').nth(before).waitFor();
    return page.locator('.message.bot').nth(before);
  };

  it('chats, shows product cards and sources, and keeps the conversation across a reload', async () => {
    await page.goto(base);
    expect(await page.title()).toBe('ShopyVerse assistant');
    const hello = await send('hi');
    expect(await hello.textContent()).toContain('ShopyVerse assistant');

    const tablets = await send('tablets under 400 dollars');
    const cards = tablets.locator('.product');
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await tablets.locator('.sources').textContent()).toContain('Sources:');

    const policy = await send('is there a fee if I cancel my order?');
    expect(await policy.locator('.sources').textContent()).toContain('Cancelling an order');

    await page.screenshot({ path: 'reports/web-chat.png', fullPage: true });
    await page.reload();
    await page.locator('.message').nth(5).waitFor();
    const texts = await page.locator('.message').allTextContents();
    expect(texts).toHaveLength(6);
    expect(texts[0]).toContain('hi');
    expect(texts[2]).toContain('tablets under 400 dollars');
  });

  it('acts for a signed-in demo customer and says so when an order is not theirs', async () => {
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.locator('summary').click();
    await page.getByLabel(/Signed-in customer id/).fill('cus_maya');
    await page.getByLabel(/Signed-in customer id/).dispatchEvent('change');
    const mine = await send('where is my order 100042?');
    expect(await mine.textContent()).toContain('PW100042GB');
    const theirs = await send('where is order 100045?');
    expect(await theirs.textContent()).toContain("couldn't find order 100045");
  });

  it('labels its controls for assistive technology', async () => {
    expect(await page.getByRole('textbox', { name: 'Your message' }).count()).toBe(1);
    expect(await page.locator('#messages').getAttribute('aria-live')).toBe('polite');
  });
});
