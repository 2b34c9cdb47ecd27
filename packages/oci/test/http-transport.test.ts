// The registry client's HTTP transport against loopback servers that misbehave on purpose: connection
// reuse, redirects and where credentials go, silence, early answers, wrong body lengths, and TLS.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  BodyLengthError,
  nodeHttpTransport,
  RegistryClient,
  RegistryError,
  TokenCache,
  unreachableError,
} from '../src/index.js';

/** Bodies the tests read are short. */
const SMALL = { limit: 1024, tooLarge: () => new Error('too large') };

interface Served {
  readonly url: string;
  /** TCP connections the server accepted. */
  connections: number;
  /** Requests as `METHOD path authorization?`. */
  readonly seen: string[];
  stop(): Promise<void>;
}

const servers: Served[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  tls?: { key: string; cert: string },
): Promise<Served> {
  const server = tls === undefined ? createHttpServer(handler) : createHttpsServer(tls, handler);
  const served: Served = {
    url: '',
    connections: 0,
    seen: [],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on(tls === undefined ? 'connection' : 'secureConnection', () => {
    served.connections++;
  });
  server.on('request', (request: IncomingMessage) => {
    served.seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? '-'}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(served, { url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}` });
  servers.push(served);
  return served;
}

describe('nodeHttpTransport', () => {
  it('reuses one connection for requests in a row, whether their bodies are read, discarded or absent', async () => {
    const server = await serve((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '13' });
      response.end(request.method === 'HEAD' ? undefined : '{"hello":"x"}');
    });
    const head = await nodeHttpTransport({ method: 'HEAD', url: `${server.url}/a` });
    expect(head.headers.get('Content-Length')).toBe('13');
    await head.discard();
    const read = await nodeHttpTransport({ method: 'GET', url: `${server.url}/b` });
    expect(await read.json(SMALL)).toEqual({ hello: 'x' });
    const dropped = await nodeHttpTransport({ method: 'GET', url: `${server.url}/c` });
    await dropped.discard();
    const put = await nodeHttpTransport({ method: 'PUT', url: `${server.url}/d`, body: 'payload' });
    expect(put.ok).toBe(true);
    await put.discard();
    expect(server.seen.map((line) => line.split(' ')[0])).toEqual(['HEAD', 'GET', 'GET', 'PUT']);
    expect(server.connections).toBe(1);
  });

  it('follows a blob redirect to another origin without Authorization, and keeps it within one origin', async () => {
    const storage = await serve((_request, response) => response.end('blob bytes'));
    const registry = await serve((request, response) => {
      if (request.url === '/same') {
        response.writeHead(307, { Location: '/moved' });
        response.end();
      } else if (request.url === '/moved') {
        response.end('same origin');
      } else {
        response.writeHead(302, { Location: `${storage.url}/signed?x=1` });
        response.end();
      }
    });
    const auth = { Authorization: 'Bearer registry-token' };
    const away = await nodeHttpTransport({ method: 'GET', url: `${registry.url}/blob`, headers: auth });
    expect(await away.text(SMALL)).toBe('blob bytes');
    expect(away.url).toBe(`${storage.url}/signed?x=1`);
    expect(storage.seen).toEqual(['GET /signed?x=1 -']);

    const near = await nodeHttpTransport({ method: 'GET', url: `${registry.url}/same`, headers: auth });
    expect(await near.text(SMALL)).toBe('same origin');
    expect(registry.seen).toEqual([
      'GET /blob Bearer registry-token',
      'GET /same Bearer registry-token',
      'GET /moved Bearer registry-token',
    ]);
  });

  it('hands back a redirect it must not follow: a streamed body cannot be sent twice', async () => {
    const server = await serve((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(307, { Location: '/elsewhere' });
        response.end();
      });
    });
    const response = await nodeHttpTransport({
      method: 'PATCH',
      url: `${server.url}/upload`,
      body: { stream: chunks('ab', 'cd'), length: 4 },
    });
    expect(response.status).toBe(307);
    expect(server.seen).toEqual(['PATCH /upload -']);
  });

  it('gives the answer a server sends before reading a streamed body, not the broken pipe after it', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"', Connection: 'close' });
      response.end();
    });
    const big = Buffer.alloc(1024 * 1024, 7);
    const response = await nodeHttpTransport({
      method: 'PATCH',
      url: `${server.url}/upload`,
      body: { stream: chunks(...Array.from({ length: 64 }, () => big)), length: 64 * big.length },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="r"');
  });

  it('gives up on a server that stays silent, and breaks off a body that stops arriving', async () => {
    const silent = await serve(() => {});
    const started = Date.now();
    const error = await nodeHttpTransport({ method: 'GET', url: silent.url, idleTimeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    const stalling = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Length': '100' });
      response.write('only part');
    });
    const response = await nodeHttpTransport({ method: 'GET', url: stalling.url, idleTimeoutMs: 150 });
    expect(response.status).toBe(200);
    const broken = await response.text(SMALL).catch((e: unknown) => e);
    expect((broken as Error).name).toBe('TimeoutError');
  });

  it('refuses a streamed body shorter or longer than it announced, and the server never sees it end', async () => {
    const ended: string[] = [];
    const server = await serve((request, response) => {
      request.on('data', () => {});
      request.on('end', () => {
        ended.push(request.url ?? '');
        response.end();
      });
    });
    for (const [stream, length] of [
      [chunks('abc'), 4],
      [chunks('abc', 'de'), 4],
    ] as const) {
      const error = await nodeHttpTransport({
        method: 'PATCH',
        url: `${server.url}/upload`,
        body: { stream, length },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BodyLengthError);
      expect((error as BodyLengthError).announced).toBe(4);
    }
    expect(ended).toEqual([]);
  });
});

describe('the registry client over the transport', () => {
  it('reports a silent registry as unreachable, with the timeout and the attempts', async () => {
    const silent = await serve(() => {});
    const client = new RegistryClient(silent.url.replace('http://', ''), {
      env: { HOME: '/nonexistent-home' },
      tokenCache: new TokenCache(),
      retry: { timeoutMs: 100, attempts: 2, sleep: async () => {} },
    });
    const error = await client
      .request({ method: 'GET', repository: 'shop/cart', resource: 'manifests/1', what: 'manifest 1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).kind).toBe('unreachable');
    expect((error as RegistryError).message).toMatch(/timed out, 2 attempts/);
    expect(silent.seen).toHaveLength(2);
  });
});

describe('TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A self-signed certificate for 127.0.0.1: trusted only where a test says so.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=slipway test',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const tls = {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };

  it('refuses a certificate no trusted CA signed, and sends nothing', async () => {
    const server = await serve((_request, response) => response.end('secret'), tls);
    const error = await nodeHttpTransport({
      method: 'GET',
      url: `${server.url}/v2/`,
      headers: { Authorization: 'Basic c2VjcmV0' },
    }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(server.seen).toEqual([]);

    // How the registry client words it: the code, and the way to trust a private CA.
    const reported = unreachableError(
      { registry: 'registry.lan', repository: 'shop/cart', credentialSource: 'anonymous' },
      'https://registry.lan',
      error,
      1,
    );
    expect(reported.message).toMatch(
      /cannot reach registry registry\.lan at https:\/\/registry\.lan \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    );
    expect(reported.fix).toMatch(/NODE_EXTRA_CA_CERTS=<PEM file>/);
  });

  it('trusts a CA from NODE_EXTRA_CA_CERTS, and does not follow HTTPS down to plain HTTP', async () => {
    const plain = await serve((_request, response) => response.end('downgraded'));
    const server = await serve((request, response) => {
      if (request.url === '/down') {
        response.writeHead(302, { Location: `${plain.url}/x` });
        response.end();
      } else response.end('over tls');
    }, tls);
    // Node reads NODE_EXTRA_CA_CERTS at start-up only: ask a fresh process.
    const script = join(dir, 'probe.mts');
    const entry = fileURLToPath(new URL('../src/registry/http.ts', import.meta.url));
    writeFileSync(
      script,
      `import { nodeHttpTransport } from ${JSON.stringify(entry)};
const ok = await nodeHttpTransport({ method: 'GET', url: ${JSON.stringify(`${server.url}/v2/`)} });
const down = await nodeHttpTransport({ method: 'GET', url: ${JSON.stringify(`${server.url}/down`)} });
console.log(JSON.stringify({ ok: ok.status, text: await ok.text({ limit: 1024, tooLarge: 'cut' }), down: down.status }));
`,
    );
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', script],
        { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') } },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    expect(JSON.parse(output)).toEqual({ ok: 200, text: 'over tls', down: 302 });
    expect(plain.seen).toEqual([]);
  });
});

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}
