/**
 * The real process under load: SIGTERM must let every accepted request finish and exit 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../test/postgres-server.ts';

const root = resolve(import.meta.dirname, '../..');

function startService(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; exited: Promise<number | null>; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'src/main.ts'],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((ready, fail) => {
    const timer = setInterval(() => {
      if (output.includes('"listening on')) {
        clearInterval(timer);
        ready({ child, exited, output: () => output });
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      fail(new Error(`service exited ${code} before listening: ${output}`));
    });
  });
}

/** One GET over a shared keep-alive agent; resolves with the status (and whether the server is closing) or the socket error code. */
function get(
  agent: Agent,
  port: number,
  path: string,
): Promise<{ status: number | string; closing: boolean }> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, closing: res.headers.connection === 'close' }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: error.code ?? 'error', closing: true }));
    req.end();
  });
}

describe('graceful shutdown', () => {
  it('finishes accepted requests under load and exits 0', async () => {
    const port = await freePort();
    const service = await startService({
      PORT: String(port),
      CHATBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'svc-')),
      LOG_LEVEL: 'info',
      SHUTDOWN_DRAIN_MS: '300',
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const results: (number | string)[] = [];
    let sent = 0;
    // Each worker behaves like a router in front of the pod: once told the server is closing (503 from
    // /readyz or `Connection: close`), it sends this instance nothing new.
    const worker = async () => {
      while (sent < 20_000) {
        sent++;
        const { status, closing } = await get(agent, port, sent % 2 ? '/healthz' : '/readyz');
        results.push(status);
        if (closing || status === 503) return;
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await new Promise((r) => setTimeout(r, 400));
    service.child.kill('SIGTERM');
    const code = await service.exited;
    await Promise.all(workers);
    agent.destroy();

    expect(code).toBe(0);
    const answered = results.filter((r) => typeof r === 'number');
    const failed = results.filter((r) => typeof r === 'string');
    expect(answered.length).toBeGreaterThan(50);
    // Every request got an answer: 200, or 503 from /readyz once draining began; none was reset.
    expect(answered.every((s) => s === 200 || s === 503)).toBe(true);
    expect(answered).toContain(503);
    expect(failed).toEqual([]);
    expect(service.output()).toContain('"message":"stopped"');
  });

  it('exits 1 with a one-line reason on bad configuration', async () => {
    await expect(startService({ PORT: 'abc' })).rejects.toThrow(
      /exited 1 before listening: invalid configuration: PORT/,
    );
  });
});
