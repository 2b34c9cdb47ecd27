// A loopback HTTP proxy in front of a test registry that logs every request and, at chosen moments, breaks
// it: drops the connection before forwarding, forwards half the body and then drops both sides, lets the
// registry act but drops the answer or cuts it halfway through its body, answers an error status itself,
// or lies: a rewritten `Docker-Content-Digest`, or an oversized body of its own (announced or not). The Host header is passed as is, so
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
  /** Pass the registry's answer on, but close the connection halfway through its body. */
  | 'drop-mid-answer'
  /** Pass the registry's answer on with this `Docker-Content-Digest` instead of its own. */
  | { readonly digest: string }
  /**
   * Answer 200 itself with `bytes` bytes of JSON-looking body (as a manifest), announcing `announce` as
   * Content-Length (default: `bytes`; `'none'`: chunked, no length). When the announced length is more than
   * is sent, the connection then stays open with nothing more: the rest trickles in never.
   */
  | { readonly body: { readonly bytes: number; readonly announce?: number | 'none' } }
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

function faultName(fault: Fault): string {
  if (typeof fault === 'string') return fault;
  if ('hold' in fault) return 'hold';
  if ('digest' in fault) return `digest ${fault.digest}`;
  if ('body' in fault) return `body ${fault.body.bytes}/${fault.body.announce ?? fault.body.bytes}`;
  return `status ${fault.status}`;
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
      fault: faultName(fault),
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

    if (typeof fault === 'object' && 'body' in fault) {
      req.resume();
      req.on('end', () => {
        const { bytes, announce = bytes } = fault.body;
        entry.status = 200;
        entry.answered = ++events;
        const headers: Record<string, string> = {
          'Content-Type': 'application/vnd.oci.image.manifest.v1+json',
        };
        if (announce !== 'none') headers['Content-Length'] = String(announce);
        res.writeHead(200, headers);
        // Written in pieces, so a client that stops reading stops the writing too (backpressure).
        const piece = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const more = (): void => {
          while (sent < bytes && !res.destroyed) {
            const next = piece.subarray(0, Math.min(piece.byteLength, bytes - sent));
            sent += next.byteLength;
            if (!res.write(next)) {
              res.once('drain', more);
              return;
            }
          }
          if (!res.destroyed && (announce === 'none' || announce <= bytes)) res.end();
        };
        more();
      });
      return;
    }
    if (typeof fault === 'object' && 'hold' in fault) {
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
    fault: 'pass' | 'drop-mid-body' | 'drop-answer' | 'drop-mid-answer' | { readonly digest: string },
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
      const headers = { ...upstreamResponse.headers };
      if (typeof fault === 'object') headers['docker-content-digest'] = fault.digest;
      res.writeHead(upstreamResponse.statusCode ?? 502, headers);
      if (fault === 'drop-mid-answer') {
        const half = Math.floor(Number(upstreamResponse.headers['content-length'] ?? 0) / 2);
        let passed = 0;
        upstreamResponse.on('data', (chunk: Buffer) => {
          const room = half - passed;
          if (room > 0) res.write(chunk.subarray(0, room));
          passed += chunk.byteLength;
          // Give the client a moment to take the half, then cut.
          if (passed >= half) setTimeout(() => req.socket.destroy(), 50);
        });
        return;
      }
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
