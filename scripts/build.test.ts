/**
 * The bundle `npm start` and the image run: built by scripts/build.mjs, started as a process, it must find
 * everything the sources find beside themselves (policies, migrations, NLU phrases, the web page) and
 * answer a chat turn.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedService, startService } from './lib/service.ts';

const root = resolve(import.meta.dirname, '..');

describe('the service bundle (scripts/build.mjs)', () => {
  // Inside the repository, so the bundle resolves its external packages from node_modules as dist/ does.
  const cache = join(root, 'node_modules/.cache');
  let outdir: string;
  let service: StartedService;

  beforeAll(async () => {
    mkdirSync(cache, { recursive: true });
    outdir = mkdtempSync(join(cache, 'bundle-test-'));
    execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir], { cwd: root, stdio: 'pipe' });
    service = await startService(
      { CHATBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'bundle-')), LOG_LEVEL: 'silent' },
      join(outdir, 'main.mjs'),
    );
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  const get = (path: string) => fetch(`http://127.0.0.1:${service.port}${path}`);
  const chat = (message: string) =>
    fetch(`http://127.0.0.1:${service.port}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    });

  it('starts on a fresh embedded data directory and answers a product question from the seeded catalog', async () => {
    const response = await chat('do you sell headphones?');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { intent: { name: string }; products?: unknown[] };
    expect(body.intent.name).toBe('product_inquiry');
    expect(body.products?.length).toBeGreaterThan(0);
  });

  it('serves the files the sources keep beside themselves (web page, policies)', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const policy = await chat('what is your return policy?');
    expect(((await policy.json()) as { reply: string }).reply).toMatch(/return/i);
  });
});
