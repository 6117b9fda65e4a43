import { describe, expect, it } from 'vitest';
import { startServer } from './server.ts';

const slow = (ms: number) => () =>
  new Promise<Response>((resolve) => setTimeout(() => resolve(new Response('done')), ms));

describe('startServer().close', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const server = await startServer(slow(300), { port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`http://127.0.0.1:${server.port}/`);
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close({ timeoutMs: 5000 });
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('done');
    expect(await closed).toEqual({ forced: false });
    await expect(fetch(`http://127.0.0.1:${server.port}/`)).rejects.toThrow();
  });

  it('cuts a request that outlives the timeout and says so', async () => {
    const server = await startServer(slow(60_000), { port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`http://127.0.0.1:${server.port}/`).catch((error: Error) => error);
    await new Promise((r) => setTimeout(r, 50));
    expect(await server.close({ timeoutMs: 100 })).toEqual({ forced: true });
    expect(await inFlight).toBeInstanceOf(Error);
  });

  it('rejects when the port is taken', async () => {
    const first = await startServer(slow(1), { port: 0, host: '127.0.0.1' });
    await expect(startServer(slow(1), { port: first.port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
    await first.close({ timeoutMs: 100 });
  });
});
