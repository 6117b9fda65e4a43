/**
 * @module web/routes
 * The small web chat page at `/`, its static files and the favicon, read once at start-up.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';

const file = (name: string) => readFileSync(resolve(import.meta.dirname, name));
const text = (name: string) => file(name).toString('utf8');

/** The page's demo sign-in box sits between these markers; it is cut out unless developer options are on. */
const DEVELOPER_OPTIONS = /[ \t]*<!-- developer-options -->[\s\S]*?<!-- \/developer-options -->\n?/;

/**
 * The chat page and its assets.
 * @param options.developerOptions show the "Developer options" box that lets a local demo send
 *   `X-Customer-Id` (only NODE_ENV=development; shoppers in production never see it).
 */
export function webRoutes({ developerOptions = false }: { developerOptions?: boolean } = {}): Hono {
  const template = text('index.html');
  const page = developerOptions ? template : template.replace(DEVELOPER_OPTIONS, '');
  const assets: Record<string, { body: Buffer; type: string }> = {
    '/static/chat.js': { body: file('chat.js'), type: 'text/javascript; charset=utf-8' },
    '/static/chat.css': { body: file('chat.css'), type: 'text/css; charset=utf-8' },
    '/static/placeholder.svg': { body: file('placeholder.svg'), type: 'image/svg+xml' },
    '/favicon.svg': { body: file('favicon.svg'), type: 'image/svg+xml' },
    '/favicon.ico': { body: file('favicon.ico'), type: 'image/x-icon' },
  };
  const app = new Hono();
  const cache = { 'Cache-Control': 'no-cache' };
  app.get('/', (c) => c.html(page, 200, cache));
  for (const [path, asset] of Object.entries(assets)) {
    app.get(path, (c) => c.body(new Uint8Array(asset.body), 200, { ...cache, 'Content-Type': asset.type }));
  }
  return app;
}
