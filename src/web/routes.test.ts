/**
 * The page and its assets as served, without a browser: the developer box only in development, a favicon,
 * and a sign-in `pattern` that compiles the way browsers compile it (with the `v` flag).
 */
import { describe, expect, it } from 'vitest';
import { webRoutes } from './routes.ts';

const page = async (developerOptions?: boolean) =>
  (await webRoutes(developerOptions === undefined ? {} : { developerOptions }).request('/')).text();

describe('web routes', () => {
  it('leaves the developer sign-in box out unless developer options are on', async () => {
    for (const html of [await page(), await page(false)]) {
      expect(html).not.toContain('Developer options');
      expect(html).not.toContain('id="customer"');
      expect(html).not.toContain('developer-options');
      expect(html).toContain('id="composer"');
      expect(html).toContain('</main>');
    }
    const dev = await page(true);
    expect(dev).toContain('Developer options');
    expect(dev).toContain('id="customer"');
  });

  it("gives the sign-in box a pattern browsers accept (HTML compiles it with the 'v' flag)", async () => {
    const pattern = (await page(true)).match(/id="customer"[^>]*pattern="([^"]+)"/)?.[1];
    expect(pattern).toBeDefined();
    const compiled = new RegExp(`^(?:${pattern})$`, 'v');
    expect(compiled.test('cus_maya')).toBe(true);
    expect(compiled.test('cus-1')).toBe(true);
    expect(compiled.test('bad id')).toBe(false);
  });

  it('has no inline script or style for the strict CSP', async () => {
    const html = await page(true);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toMatch(/<style|style="/);
  });

  it.each([
    ['/favicon.ico', 'image/x-icon'],
    ['/favicon.svg', 'image/svg+xml'],
    ['/static/placeholder.svg', 'image/svg+xml'],
    ['/static/chat.js', 'text/javascript; charset=utf-8'],
    ['/static/chat.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const res = await webRoutes().request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('serves a real icon file at /favicon.ico', async () => {
    const bytes = new Uint8Array(await (await webRoutes().request('/favicon.ico')).arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), at least one image.
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(bytes[4]).toBeGreaterThan(0);
  });
});
