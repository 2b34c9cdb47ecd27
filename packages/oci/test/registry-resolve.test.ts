// resolveDigest against misbehaving loopback registries: retries, fallbacks, digest checks, no network.

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../../../test/support/registry.js';
import {
  type HttpTransport,
  MANIFEST_ACCEPT,
  parseReference,
  RegistryError,
  resolveDigest,
  TokenCache,
} from '../src/index.js';

const env = { HOME: '/nonexistent-home' };
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

/** Options with a recording sleep, no jitter (waits at the top of their range) and a private token cache. */
function options() {
  const sleeps: number[] = [];
  return {
    sleeps,
    env,
    tokenCache: new TokenCache(),
    sleep: async (ms: number) => void sleeps.push(ms),
    retry: { random: () => 1 },
  };
}

async function catchRegistryError(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

const MANIFEST = Buffer.from(
  '{"schemaVersion": 2,\n  "mediaType": "application/vnd.oci.image.manifest.v1+json"}\n',
);
const MANIFEST_DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const OCI = 'application/vnd.oci.image.manifest.v1+json';

describe('retries', () => {
  it('waits as Retry-After asks after a 503, then succeeds', async () => {
    const seen: string[] = [];
    const server = await serve((request, response) => {
      seen.push(request.method ?? '');
      if (seen.length === 1) {
        response.writeHead(503, { 'Retry-After': '1' });
        response.end('busy');
        return;
      }
      response.writeHead(200, { 'Docker-Content-Digest': MANIFEST_DIGEST, 'Content-Type': OCI });
      response.end(MANIFEST);
    });
    const o = options();
    const resolved = await resolveDigest(parseReference(`${server.host}/a/b:1`), o);
    expect(resolved).toEqual({ digest: MANIFEST_DIGEST, mediaType: OCI });
    expect(o.sleeps).toEqual([1000]);
    expect(seen).toEqual(['GET', 'GET']);
  });

  it('caps a long Retry-After and backs off on 429 without one', async () => {
    let calls = 0;
    const server = await serve((_request, response) => {
      calls++;
      if (calls === 1) response.writeHead(429, { 'Retry-After': '3600' });
      else if (calls === 2) response.writeHead(429);
      else response.writeHead(200, { 'Docker-Content-Digest': MANIFEST_DIGEST, 'Content-Type': OCI });
      response.end(calls > 2 ? MANIFEST : undefined);
    });
    const o = options();
    await resolveDigest(parseReference(`${server.host}/a/b:1`), o);
    expect(o.sleeps).toEqual([5000, 500]);
  });

  it('gives up after 3 attempts with an error naming the status and the digest escape hatch', async () => {
    let calls = 0;
    const server = await serve((_request, response) => {
      calls++;
      response.writeHead(502);
      response.end();
    });
    const o = options();
    const error = await catchRegistryError(resolveDigest(parseReference(`${server.host}/shop/cart:7`), o));
    expect(calls).toBe(3);
    expect(o.sleeps).toEqual([250, 500]);
    expect(error).toMatchObject({
      kind: 'server',
      status: 502,
      registry: server.host,
      repository: 'shop/cart',
      reference: '7',
    });
    expect(error.oneLine()).toContain('HTTP 502 after 3 attempts');
    expect(error.fix).toContain('pass a digest (`repo:tag@sha256:…`)');
  });

  it('retries a reset connection', async () => {
    let calls = 0;
    const server = await serve((request, response) => {
      calls++;
      if (calls === 1) {
        request.socket.destroy();
        return;
      }
      response.writeHead(200, { 'Docker-Content-Digest': MANIFEST_DIGEST, 'Content-Type': OCI });
      response.end(MANIFEST);
    });
    const o = options();
    expect((await resolveDigest(parseReference(`${server.host}/a/b:1`), o)).digest).toBe(MANIFEST_DIGEST);
    expect(o.sleeps).toEqual([250]);
  });

  it('reports an unreachable registry and how to promote without one', async () => {
    const server = await serve(() => {});
    const host = server.host;
    await server.stop();
    servers.length = 0;
    const o = options();
    const error = await catchRegistryError(resolveDigest(parseReference(`${host}/shop/cart:1.4.2`), o));
    expect(error.kind).toBe('unreachable');
    expect(error.oneLine()).toContain(`cannot reach registry ${host}`);
    expect(error.oneLine()).toContain('ECONNREFUSED');
    expect(error.oneLine()).toContain('shop/cart:1.4.2');
    expect(error.fix).toContain('pass a digest (`repo:tag@sha256:…`) to promote without a registry');
  });
});

describe('digest from the manifest bytes', () => {
  it('sends the manifest Accept list, and hashes the exact GET body when it has no digest header', async () => {
    const accepts: (string | undefined)[] = [];
    const server = await serve((request, response) => {
      accepts.push(request.headers.accept);
      response.writeHead(200, { 'Content-Type': `${OCI}; charset=utf-8` });
      response.end(request.method === 'GET' ? MANIFEST : undefined);
    });
    const resolved = await resolveDigest(parseReference(`${server.host}/a/b:1`), options());
    expect(resolved).toEqual({ digest: MANIFEST_DIGEST, mediaType: OCI });
    expect(accepts).toEqual([MANIFEST_ACCEPT]);
    for (const type of [
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.docker.distribution.manifest.v2+json',
    ]) {
      expect(MANIFEST_ACCEPT).toContain(type);
    }
  });

  it('accepts a GET whose Docker-Content-Digest matches the body', async () => {
    const server = await serve((request, response) => {
      if (request.method === 'HEAD') response.writeHead(405);
      else response.writeHead(200, { 'Content-Type': OCI, 'Docker-Content-Digest': MANIFEST_DIGEST });
      response.end(request.method === 'GET' ? MANIFEST : undefined);
    });
    expect((await resolveDigest(parseReference(`${server.host}/a/b:1`), options())).digest).toBe(
      MANIFEST_DIGEST,
    );
  });

  it('fails when Docker-Content-Digest and the body disagree', async () => {
    const lie = `sha256:${'c'.repeat(64)}`;
    const server = await serve((request, response) => {
      if (request.method === 'HEAD') response.writeHead(200, { 'Content-Type': OCI });
      else response.writeHead(200, { 'Content-Type': OCI, 'Docker-Content-Digest': lie });
      response.end(request.method === 'GET' ? MANIFEST : undefined);
    });
    const error = await catchRegistryError(resolveDigest(parseReference(`${server.host}/a/b:1`), options()));
    expect(error.kind).toBe('digest-mismatch');
    expect(error.message).toContain(lie);
    expect(error.message).toContain(MANIFEST_DIGEST);
  });

  it('rejects a malformed digest header', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': OCI, 'Docker-Content-Digest': 'md5:abc' });
      response.end();
    });
    const error = await catchRegistryError(resolveDigest(parseReference(`${server.host}/a/b:1`), options()));
    expect(error.kind).toBe('invalid-response');
  });

  it('explains a 404 from a HEAD (no body) by the GET error code', async () => {
    const server = await serve((request, response) => {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(
        request.method === 'GET'
          ? JSON.stringify({
              errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }],
            })
          : undefined,
      );
    });
    const error = await catchRegistryError(
      resolveDigest(parseReference(`${server.host}/shop/gone:1`), options()),
    );
    expect(error).toMatchObject({ kind: 'not-found', code: 'NAME_UNKNOWN' });
    expect(error.oneLine()).toContain('repository "shop/gone" does not exist');
  });
});

describe('references with a digest', () => {
  const digest = `sha256:${'d'.repeat(64)}`;

  it('answer their digest without touching the network', async () => {
    const transport: HttpTransport = () => Promise.reject(new Error('no network expected'));
    const resolved = await resolveDigest(parseReference(`registry.invalid/a/b:1@${digest}`), { transport });
    expect(resolved).toEqual({ digest });
  });

  it('fail verification when the registry answers another digest', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': OCI, 'Docker-Content-Digest': MANIFEST_DIGEST });
      response.end();
    });
    const error = await catchRegistryError(
      resolveDigest(parseReference(`${server.host}/a/b@${digest}`), { ...options(), verifyDigest: true }),
    );
    expect(error.kind).toBe('digest-mismatch');
  });
});
