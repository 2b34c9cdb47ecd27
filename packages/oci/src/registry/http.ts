// HTTP for registry traffic, on node:http and node:https rather than fetch. fetch loads undici and
// compiles its WebAssembly HTTP parser at first use: about 60 ms of every process here, more than a
// copy by mount spends on all its requests. Its abort timer also bounds a whole exchange, where a
// long blob stream needs a limit on silence instead.

import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { type ReadBound, readBounded } from './bounded-read.js';

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Bytes are sent as they are; a streamed body is read once, as it is sent. */
  readonly body?: string | Uint8Array | StreamedBody | undefined;
  /** Gives up when nothing moves for this long: connecting, waiting for the answer, or reading it. */
  readonly idleTimeoutMs?: number | undefined;
}

/** A body sent as it is read, with its length announced. */
export interface StreamedBody {
  readonly stream: AsyncIterable<Uint8Array>;
  readonly length: number;
}

export interface HttpHeaders {
  /** The header's value (repeated headers joined with `, `), or `null`. Names are case-insensitive. */
  get(name: string): string | null;
}

export interface HttpResponse {
  readonly status: number;
  /** 2xx. */
  readonly ok: boolean;
  /** Where the answer came from, after redirects. */
  readonly url: string;
  readonly headers: HttpHeaders;
  /** The body as it arrives; read it once, or use one of the readers below. */
  readonly body: AsyncIterable<Uint8Array>;
  /**
   * The body whole, within `bound` (see {@link readBounded}; the answer's Content-Length is its announced
   * length). Nothing is read unbounded: a hostile answer costs at most `bound.limit` bytes. When the
   * body is refused or cut, the rest of it is not read and its connection is closed.
   */
  bytes(bound: BodyBound): Promise<Uint8Array>;
  text(bound: BodyBound): Promise<string>;
  /** Throws a SyntaxError for a body that is not JSON (a cut body rarely is). */
  json(bound: BodyBound): Promise<unknown>;
  /** Done with the answer: a short unread body is drained (the connection is reused), a long one cut. */
  discard(): Promise<void>;
}

/** A bound on a body read whole: {@link ReadBound} without the announced length, which the answer gives. */
export type BodyBound = Omit<ReadBound, 'announced'>;

/** Sends one request and resolves with the answer (after redirects); rejects when no answer came. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** Thrown (or breaking a body off) when nothing moved for `idleTimeoutMs`. */
export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out: nothing moved for ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** A streamed body whose stream did not hold the length it announced: nothing was stored. */
export class BodyLengthError extends Error {
  constructor(
    readonly sent: number,
    readonly announced: number,
  ) {
    super(
      sent > announced
        ? `the body is longer than its announced ${announced} bytes`
        : `the body ended after ${sent} of its announced ${announced} bytes`,
    );
    this.name = 'BodyLengthError';
  }
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;
/** An unread body up to this size is drained to keep its connection; a longer one costs less to cut. */
const DRAIN_LIMIT = 64 * 1024;
/** Idle pooled connections close before common server-side keep-alive limits (5 s and up) end them. */
const POOL_IDLE_MS = 4_000;

const httpAgent = new HttpAgent({ keepAlive: true, timeout: POOL_IDLE_MS });
let httpsAgent: Promise<{ agent: HttpsAgent; request: typeof httpRequest }> | undefined;

/**
 * The transport over node:http/https: keep-alive connections, no automatic decompression (digests
 * name the bytes as stored), redirects followed as a registry needs them. `Authorization` never
 * follows a redirect to another origin (blob downloads go to storage that must not see the token),
 * and a redirect from HTTPS to plain HTTP is not followed.
 */
export const nodeHttpTransport: HttpTransport = async (request) => {
  const { method, body } = request;
  let url = new URL(request.url);
  let headers: Record<string, string> = { ...request.headers };
  for (let hop = 0; ; hop++) {
    const response = await exchange(url, method, headers, body, request.idleTimeoutMs);
    const next = hop < MAX_REDIRECTS ? redirectTarget(response, url, method, body) : undefined;
    if (next === undefined) return response;
    await response.discard();
    if (next.origin !== url.origin) headers = withoutHeader(headers, 'authorization');
    url = next;
  }
};

function redirectTarget(
  response: HttpResponse,
  from: URL,
  method: string,
  body: HttpRequest['body'],
): URL | undefined {
  const { status } = response;
  if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308)
    return undefined;
  // A method with a body is only re-sent where the code says "same method, same body" (307, 308; a 303
  // would turn it into a GET of something else), and a stream can be read only once.
  const bodiless = method === 'GET' || method === 'HEAD';
  if (!bodiless && (status < 307 || isStreamed(body))) return undefined;
  const location = response.headers.get('location');
  if (location === null || location === '') return undefined;
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return undefined;
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return undefined;
  if (from.protocol === 'https:' && next.protocol === 'http:') return undefined;
  return next;
}

async function exchange(
  url: URL,
  method: string,
  headers: Readonly<Record<string, string>>,
  body: HttpRequest['body'],
  idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
): Promise<HttpResponse> {
  const secure = url.protocol === 'https:';
  const { agent, request } = secure ? await loadHttps() : { agent: httpAgent, request: httpRequest };
  const outgoing: Record<string, string> = { 'User-Agent': 'slipway', ...headers };
  if (typeof body === 'string' || body instanceof Uint8Array) {
    outgoing['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  }
  return new Promise<HttpResponse>((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const req = request(url, { method, headers: outgoing, agent });
    req.setTimeout(idleTimeoutMs, () => {
      const timeout = new HttpTimeoutError(idleTimeoutMs);
      if (answer === undefined) req.destroy(timeout);
      else answer.destroy(timeout);
    });
    // After the answer, a failed send (the server answered early and closed) is no news: the answer is.
    req.on('error', (error) => {
      if (answer === undefined) reject(error);
    });
    req.on('response', (incoming) => {
      answer = incoming;
      resolve(new NodeHttpResponse(url.href, incoming, method === 'HEAD'));
    });
    sendBody(req, body, () => answer !== undefined).catch((error: unknown) => {
      req.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

async function sendBody(
  req: ClientRequest,
  body: HttpRequest['body'],
  answered: () => boolean,
): Promise<void> {
  if (body === undefined) {
    req.end();
    return;
  }
  if (!isStreamed(body)) {
    req.end(body);
    return;
  }
  let sent = 0;
  for await (const chunk of body.stream) {
    // Leaving the loop closes the source: nobody reads the rest.
    if (answered() || req.destroyed) return;
    sent += chunk.byteLength;
    if (sent > body.length) throw new BodyLengthError(sent, body.length);
    if (!req.write(chunk)) await drained(req);
  }
  // Ending short would leave the server waiting for the bytes Content-Length promised.
  if (sent < body.length) throw new BodyLengthError(sent, body.length);
  if (!req.destroyed) req.end();
}

function drained(req: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

function loadHttps(): Promise<{ agent: HttpsAgent; request: typeof httpRequest }> {
  // TLS costs a few ms to load: only registries that use it pay.
  httpsAgent ??= import('node:https').then((https) => ({
    agent: new https.Agent({ keepAlive: true, timeout: POOL_IDLE_MS }),
    request: https.request,
  }));
  return httpsAgent;
}

class NodeHttpResponse implements HttpResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly url: string;
  readonly headers: HttpHeaders;
  readonly #incoming: IncomingMessage;
  readonly #bodiless: boolean;

  constructor(url: string, incoming: IncomingMessage, bodiless: boolean) {
    this.url = url;
    this.#incoming = incoming;
    this.#bodiless = bodiless;
    // A body nobody reads may still break off; that must not crash the process. Readers see the error.
    incoming.on('error', () => {});
    this.status = incoming.statusCode ?? 0;
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = {
      get: (name) => {
        const value = incoming.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  get body(): AsyncIterable<Uint8Array> {
    return this.#incoming;
  }

  async bytes(bound: BodyBound): Promise<Uint8Array> {
    const length = Number(this.#incoming.headers['content-length'] ?? Number.NaN);
    try {
      return await readBounded(this.#incoming, {
        ...bound,
        announced: Number.isFinite(length) ? length : undefined,
      });
    } finally {
      // A refused or cut body is left unread: a long rest closes its connection rather than arrive.
      await this.discard();
    }
  }

  async text(bound: BodyBound): Promise<string> {
    const bytes = await this.bytes(bound);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  async json(bound: BodyBound): Promise<unknown> {
    return JSON.parse(await this.text(bound));
  }

  async discard(): Promise<void> {
    const incoming = this.#incoming;
    if (incoming.readableEnded || incoming.destroyed) return;
    // Even an answer without a body must be read to its end before its connection is free for reuse.
    const length = Number(incoming.headers['content-length'] ?? Number.NaN);
    if (incoming.complete || this.#bodiless || (Number.isFinite(length) && length <= DRAIN_LIMIT)) {
      // The connection goes back to the pool at the end: the next request can only reuse it after.
      await new Promise<void>((resolve) => {
        incoming.once('end', resolve);
        incoming.once('close', resolve);
        incoming.resume();
      });
    } else incoming.destroy();
  }
}

function isStreamed(body: HttpRequest['body']): body is StreamedBody {
  return typeof body === 'object' && body !== null && !(body instanceof Uint8Array);
}

function withoutHeader(headers: Readonly<Record<string, string>>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}
