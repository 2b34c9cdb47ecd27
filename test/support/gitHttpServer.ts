import { type ChildProcess, spawn } from 'node:child_process';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testGitEnv } from './git.js';

const HTTP_BACKEND = process.env.SLIPWAY_GIT_HTTP_BACKEND ?? '/usr/lib/git-core/git-http-backend';

/** How startGitHttpServer serves repositories. */
export interface GitHttpServerOptions {
  /** Directory holding the bare repositories; `<url>/<name>.git` serves `<root>/<name>.git`. */
  root: string;
  /** Basic-auth user and password every request must carry (401 + `WWW-Authenticate: Basic` otherwise). */
  username?: string;
  password?: string;
  /** Keep each request's method, URL and headers in `requests`. */
  recordHeaders?: boolean;
  /** Wait this long before answering each authorised request (to watch a git client while it runs). */
  delayMs?: number;
  /**
   * Ignore the client's `Git-Protocol` header, so http-backend speaks protocol v0 (like old servers): wants
   * are then limited to advertised tips unless the repo sets `uploadpack.allowAnySHA1InWant`.
   */
  protocolV0?: boolean;
  /**
   * Decides every request in place of the Basic check (`username`/`password` are then unused): it sees the
   * request with its whole body (at most `GATE_BODY_LIMIT` bytes) and returns `{ pass: true }` to hand it to
   * http-backend (optionally under another path), or the response to send instead.
   */
  gate?: (request: GatedRequest) => GateDecision | Promise<GateDecision>;
}

/** A request as a gate sees it. */
export interface GatedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A gate's answer: serve it (under `pathInfo`, the path http-backend sees, when given), or answer it here. */
export type GateDecision =
  | { pass: true; pathInfo?: string }
  | { pass: false; status: number; headers: Record<string, string>; body: Buffer | string };

/** A gated request whose body is larger is answered 413 (test pushes are small). */
export const GATE_BODY_LIMIT = 64 * 1024 * 1024;

/** A request the server saw (when `recordHeaders` is on). */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Bytes of the response body sent so far (the pack, for a fetch). */
  responseBytes: number;
}

/** A running server; always `close()` it (see withCleanup). */
export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`; append `/<repo>.git`. */
  url: string;
  /** Requests seen so far (empty unless `recordHeaders`). */
  requests: RecordedRequest[];
  /** Kills running http-backend children and stops the server. */
  close: () => Promise<void>;
}

/**
 * Serves the bare repositories under `root` over smart HTTP by running `git http-backend` as a CGI, with
 * HTTP basic auth and receive-pack (push) enabled for authenticated users. Listens on 127.0.0.1, port 0.
 */
export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const username = options.username ?? 'slipway';
  const password = options.password ?? 'secret';
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const requests: RecordedRequest[] = [];
  const children = new Set<ChildProcess>();
  const delayed = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: { ...req.headers },
      responseBytes: 0,
    };
    if (options.recordHeaders === true) requests.push(recorded);
    const how = {
      protocolV0: options.protocolV0 === true,
      sent: (bytes: number) => {
        recorded.responseBytes += bytes;
      },
    };
    const gate = options.gate;
    if (gate !== undefined) {
      readBody(req, (body) => {
        if (body === undefined) {
          res.writeHead(413, { 'Content-Type': 'text/plain' });
          res.end('request body too large\n');
          return;
        }
        const url = new URL(req.url ?? '/', 'http://localhost');
        // A gate that throws is a bug in the test's server: answer 500 rather than hold git until its timeout.
        void Promise.resolve()
          .then(() => gate({ method: req.method ?? 'GET', url, headers: req.headers, body }))
          .catch(
            (error: unknown): GateDecision => ({
              pass: false,
              status: 500,
              headers: { 'Content-Type': 'text/plain' },
              body: `the test server's gate failed: ${error instanceof Error ? error.message : String(error)}\n`,
            }),
          )
          .then((decision) => {
            if (!decision.pass) {
              res.writeHead(decision.status, decision.headers);
              res.end(decision.body);
              return;
            }
            runBackend(req, res, options.root, username, children, {
              ...how,
              body,
              ...(decision.pathInfo === undefined ? {} : { pathInfo: decision.pathInfo }),
            });
          });
      });
      return;
    }
    if (req.headers.authorization !== expected) {
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="slipway-test"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    const run = () => runBackend(req, res, options.root, username, children, how);
    if (options.delayMs !== undefined && options.delayMs > 0) delayed.add(setTimeout(run, options.delayMs));
    else run();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      // A held request must not start git http-backend after the test is over.
      for (const timer of delayed) clearTimeout(timer);
      delayed.clear();
      for (const child of children) child.kill('SIGKILL');
      children.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function runBackend(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  root: string,
  user: string,
  children: Set<ChildProcess>,
  how: { protocolV0: boolean; sent: (bytes: number) => void; body?: Buffer; pathInfo?: string },
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const env: Record<string, string> = {
    ...testGitEnv(),
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: how.pathInfo ?? decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    REMOTE_USER: user,
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
  };
  if (how.body !== undefined) env.CONTENT_LENGTH = String(how.body.length);
  else if (req.headers['content-length'] !== undefined) env.CONTENT_LENGTH = req.headers['content-length'];
  if (req.headers['content-encoding'] !== undefined)
    env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string' && !how.protocolV0) env.GIT_PROTOCOL = protocol;

  const child = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  if (how.body !== undefined) child.stdin.end(how.body);
  else req.pipe(child.stdin);
  child.stdin.on('error', () => {});
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

  // CGI response: headers, a blank line, then the body.
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      how.sent(chunk.length);
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const crlf = head.indexOf('\r\n\r\n');
    const lf = head.indexOf('\n\n');
    const end = crlf !== -1 && (lf === -1 || crlf < lf) ? crlf : lf;
    if (end === -1) return;
    const sepLength = end === crlf ? 4 : 2;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    headersDone = true;
    res.writeHead(status, headers);
    const body = head.subarray(end + sepLength);
    how.sent(body.length);
    if (body.length > 0) res.write(body);
  });
  child.on('close', () => {
    children.delete(child);
    if (!headersDone) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(Buffer.concat(stderr));
      return;
    }
    res.end();
  });
  res.on('close', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
}

/** The whole request body, or undefined past GATE_BODY_LIMIT. */
function readBody(req: http.IncomingMessage, done: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > GATE_BODY_LIMIT) over = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(over ? undefined : Buffer.concat(chunks)));
}
