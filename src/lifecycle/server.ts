/**
 * @module lifecycle/server
 * Serves a fetch handler over node:http and shuts it down gracefully.
 *
 * Node's own `server.close()` also destroys every connection without a request in progress, including one
 * accepted a moment ago whose request bytes are still in flight, which the client sees as a reset. So, like
 * Go's `http.Server.Shutdown`, we stop listening, let busy connections finish, and close a connection only
 * once it has been idle for a grace period (a keep-alive client then reconnects elsewhere).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type AddressInfo, Server as NetServer, type Socket } from 'node:net';
import { serve } from '@hono/node-server';

export interface RunningServer {
  port: number;
  /** Stops accepting and resolves once every connection is closed, forcing them after `timeoutMs`. */
  close(options: { timeoutMs: number; idleGraceMs?: number }): Promise<{ forced: boolean }>;
}

interface Tracked {
  inFlight: number;
  idleSince: number;
}

export function startServer(
  fetch: (request: Request) => Response | Promise<Response>,
  { port, host }: { port: number; host: string },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }) as Server;
    const sockets = new Map<Socket, Tracked>();
    server.on('connection', (socket: Socket) => {
      sockets.set(socket, { inFlight: 0, idleSince: Date.now() });
      socket.once('close', () => sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const tracked = sockets.get(req.socket);
      if (!tracked) return;
      tracked.inFlight++;
      res.once('close', () => {
        tracked.inFlight--;
        tracked.idleSince = Date.now();
      });
    });
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: (options) => closeServer(server, sockets, options),
      });
    });
  });
}

function closeServer(
  server: Server,
  sockets: Map<Socket, Tracked>,
  { timeoutMs, idleGraceMs = 500 }: { timeoutMs: number; idleGraceMs?: number },
): Promise<{ forced: boolean }> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    let forced = false;
    // net.Server's close stops listening without http's eager closing of idle sockets.
    NetServer.prototype.close.call(server, () => {
      clearInterval(sweeper);
      resolve({ forced });
    });
    const sweep = () => {
      const now = Date.now();
      for (const [socket, tracked] of sockets) {
        if (now >= deadline) {
          forced ||= tracked.inFlight > 0;
          socket.destroy();
        } else if (tracked.inFlight === 0 && now - tracked.idleSince >= idleGraceMs) {
          socket.destroy();
        }
      }
    };
    const sweeper = setInterval(sweep, Math.min(50, Math.max(1, idleGraceMs)));
    sweep();
  });
}
