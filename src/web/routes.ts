/**
 * @module web/routes
 * The small web chat page at `/` and its two static files, read once at start-up.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';

const read = (file: string) => readFileSync(resolve(import.meta.dirname, file), 'utf8');

export function webRoutes(): Hono {
  const page = read('index.html');
  const script = read('chat.js');
  const style = read('chat.css');
  const app = new Hono();
  const cache = { 'Cache-Control': 'no-cache' };
  app.get('/', (c) => c.html(page, 200, cache));
  app.get('/static/chat.js', (c) =>
    c.body(script, 200, { ...cache, 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/static/chat.css', (c) =>
    c.body(style, 200, { ...cache, 'Content-Type': 'text/css; charset=utf-8' }),
  );
  return app;
}
