// A loopback HTTP proxy in front of a test registry that logs every request and, at chosen moments, breaks
// it: drops the connection before forwarding, forwards half the body and then drops both sides, lets the
// registry act but drops the answer, or answers an error status itself. The Host header is passed as is, so
// the registry's Location headers point back at the proxy and every later request goes through it too.

import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { startLoopbackServer } from './registry.js';

/** What kind of distribution API call a request is. */
export type RequestKind = 'manifest' | 'upload' | 'blob' | 'tags' | 'referrers' | 'base' | 'other';

export interface ProxiedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly kind: RequestKind;
  /** 1 for the first request with this method and kind since the last `setFaults`, 2 for the second, … */
  readonly nth: number;
}

export type Fault =
  /** Forward untouched. */
  | 'pass'
  /** Close the connection before the registry sees anything. */
  | 'drop'
  /** Forward half of the request body, then close both connections (the registry may keep the half). */
  | 'drop-mid-body'
  /** Let the registry answer, but close the client's connection instead of passing the answer on. */
  | 'drop-answer'
  /** Answer this status (with a distribution error body, code `UNAVAILABLE` unless given) without forwarding. */
  | { readonly status: number; readonly code?: string }
  /** Forward untouched once this settles: a pause, or another client's work to happen first. */
  | { readonly hold: Promise<unknown> };

export interface LoggedRequest extends ProxiedRequest {
  /** The status the client got; undefined when its connection was dropped. */
  status: number | undefined;
  /** Request body bytes the proxy received from the client. */
  bytes: number;
  readonly fault: string;
  /** When the request arrived, on one counter with `answered`, to order arrivals against answers. */
  readonly arrived: number;
  /** When its answer reached the proxy (set with `status`), on the counter of `arrived`. */
  answered: number | undefined;
}

export interface FaultProxy {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  readonly url: string;
  /** Every request, in arrival order. */
  readonly log: LoggedRequest[];
  /** Chooses the fault for each request (default: pass everything), and restarts the `nth` counts. */
  setFaults(rule: (request: ProxiedRequest) => Fault): void;
  stop(): Promise<void>;
}

export function requestKind(url: string): RequestKind {
  const path = url.split('?')[0] ?? '';
  if (path === '/v2/' || path === '/v2') return 'base';
  if (path.includes('/blobs/uploads')) return 'upload';
  if (path.includes('/blobs/')) return 'blob';
  if (path.includes('/manifests/')) return 'manifest';
  if (path.endsWith('/tags/list')) return 'tags';
  if (path.includes('/referrers/')) return 'referrers';
  return 'other';
}

/** Starts a proxy to `upstream` (`http://127.0.0.1:PORT`) on a free loopback port. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const log: LoggedRequest[] = [];
  const counts = new Map<string, number>();
  let events = 0;
  let rule: (request: ProxiedRequest) => Fault = () => 'pass';

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const kind = requestKind(url);
    const key = `${method} ${kind}`;
    const nth = (counts.get(key) ?? 0) + 1;
    counts.set(key, nth);
    const proxied: ProxiedRequest = { method, url, kind, nth };
    const fault = rule(proxied);
    const entry: LoggedRequest = {
      ...proxied,
      status: undefined,
      bytes: 0,
      fault: typeof fault === 'string' ? fault : 'hold' in fault ? 'hold' : `status ${fault.status}`,
      arrived: ++events,
      answered: undefined,
    };
    log.push(entry);
    req.on('data', (chunk: Buffer) => {
      entry.bytes += chunk.byteLength;
    });

    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (typeof fault === 'object' && 'status' in fault) {
      req.resume();
      req.on('end', () => {
        entry.status = fault.status;
        entry.answered = ++events;
        const body = JSON.stringify({
          errors: [{ code: fault.code ?? 'UNAVAILABLE', message: 'fault proxy says no', detail: null }],
        });
        res.writeHead(fault.status, { 'Content-Type': 'application/json', 'Retry-After': '0' });
        res.end(body);
      });
      return;
    }

    if (typeof fault === 'object') {
      // Paused, the body waits in the socket until forwarded.
      req.pause();
      const forward = () => forwardRequest(req, res, entry, 'pass');
      fault.hold.then(forward, forward);
      return;
    }
    forwardRequest(req, res, entry, fault);
  };

  const forwardRequest = (
    req: IncomingMessage,
    res: ServerResponse,
    entry: LoggedRequest,
    fault: 'pass' | 'drop-mid-body' | 'drop-answer',
  ): void => {
    const { method, url } = entry;
    const upstreamRequest = httpRequest({
      host: target.hostname,
      port: target.port,
      method,
      path: url,
      headers: req.headers,
    });
    upstreamRequest.on('error', () => req.socket.destroy());
    if (fault === 'drop-mid-body') {
      const length = Number(req.headers['content-length'] ?? 0);
      let forwarded = 0;
      req.on('data', (chunk: Buffer) => {
        const room = Math.floor(length / 2) - forwarded;
        if (room > 0) {
          upstreamRequest.write(chunk.subarray(0, room));
          forwarded += Math.min(room, chunk.byteLength);
        }
        if (forwarded >= Math.floor(length / 2)) {
          // Give the registry a moment to take the half, then cut both sides.
          setTimeout(() => {
            upstreamRequest.destroy();
            req.socket.destroy();
          }, 50);
        }
      });
      return;
    }
    req.pipe(upstreamRequest);
    upstreamRequest.on('response', (upstreamResponse) => {
      if (fault === 'drop-answer') {
        upstreamResponse.resume();
        upstreamResponse.on('end', () => req.socket.destroy());
        return;
      }
      entry.status = upstreamResponse.statusCode;
      entry.answered = ++events;
      res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      upstreamResponse.pipe(res);
    });
  };

  const server = await startLoopbackServer(handle);
  return {
    host: server.host,
    url: server.url,
    log,
    setFaults(next) {
      rule = next;
      counts.clear();
    },
    stop: () => server.stop(),
  };
}
