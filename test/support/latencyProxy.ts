// A loopback HTTP reverse proxy that stands for a real link: every request is held `delayMs` before it is
// forwarded, so one round trip costs at least that much, and every request and client connection is counted.
// Bodies stream both ways untouched (a git pack, a push) and the client's keep-alive is honoured, so the counts
// are what a client really costs on a link where each request, and each new connection, is a round trip.

import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LatencyProxyOptions {
  /** The origin requests go to, `http://127.0.0.1:PORT`. */
  readonly target: string;
  /** How long each request is held before it is forwarded. */
  readonly delayMs: number;
}

/** One request the proxy saw, in arrival order. */
export interface ProxiedCall {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  /** Which client connection carried it (0 for the first the proxy accepted). */
  readonly connection: number;
  /** Sequence numbers of one counter: when it arrived, when it went upstream, when its answer began. */
  readonly arrived: number;
  forwarded: number | undefined;
  answered: number | undefined;
  status: number | undefined;
}

export interface LatencyProxy {
  /** `http://127.0.0.1:PORT`: use it in place of the target's origin. */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly calls: readonly ProxiedCall[];
  /** Client connections accepted so far (a client that keeps one alive opens one). */
  readonly connections: () => number;
  /** Forgets the calls and connections counted so far (between runs of one proxy). */
  reset(): void;
  stop(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 7.6.1): they describe one connection, not the message. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade'];

/** Starts the proxy on a free 127.0.0.1 port. */
export async function startLatencyProxy(options: LatencyProxyOptions): Promise<LatencyProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:') throw new Error(`latency proxy: ${options.target} is not an http origin`);
  // A new loopback connection per forwarded request: a kept-alive upstream socket that the server closes as
  // idle just as the next request is written to it fails that request (seen as a 500 in the bench). The
  // client side, which is what the proxy counts, keeps its connections as it asks.
  const upstream = new Agent({ keepAlive: false });
  const calls: ProxiedCall[] = [];
  const sockets = new Map<Socket, number>();
  const timers = new Set<NodeJS.Timeout>();
  let accepted = 0;
  let connectionBase = 0;
  let events = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const call: ProxiedCall = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      connection: (sockets.get(req.socket) ?? 0) - connectionBase,
      arrived: ++events,
      forwarded: undefined,
      answered: undefined,
      status: undefined,
    };
    calls.push(call);
    // Paused, the body waits in the socket until the delay is over; then it streams on as it comes.
    req.pause();
    const timer = setTimeout(() => {
      timers.delete(timer);
      call.forwarded = ++events;
      const headers = { ...req.headers };
      for (const name of HOP_BY_HOP) delete headers[name];
      const outgoing = httpRequest({
        host: target.hostname,
        port: target.port,
        method: call.method,
        path: call.url,
        headers,
        agent: upstream,
      });
      outgoing.on('error', () => req.socket.destroy());
      outgoing.on('response', (incoming) => {
        call.answered = ++events;
        call.status = incoming.statusCode;
        const answer = { ...incoming.headers };
        for (const name of HOP_BY_HOP) delete answer[name];
        res.writeHead(incoming.statusCode ?? 502, answer);
        incoming.pipe(res);
        incoming.on('error', () => res.destroy());
      });
      req.pipe(outgoing);
      req.resume();
    }, options.delayMs);
    timers.add(timer);
  };

  const server = createServer(handle);
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, accepted);
    accepted += 1;
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    connections: () => accepted - connectionBase,
    reset() {
      calls.length = 0;
      connectionBase = accepted;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        upstream.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
