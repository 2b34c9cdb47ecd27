// The bearer token flow against a loopback server playing both token server and registry.

import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../../../test/support/registry.js';
import { parseReference, RegistryError, resolveDigest, TokenCache } from '../src/index.js';

// The index the fake registry serves, and the digest of its bytes (Slipway hashes what it reads).
const INDEX = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [],
});
const DIGEST = `sha256:${createHash('sha256').update(INDEX).digest('hex')}`;
const USER = 'robot';
const PASSWORD = 'bearer-secret-pw';
const IDENTITY_TOKEN = 'refresh-token-value';
const env = { HOME: '/nonexistent-home' };

interface TokenRequest {
  method: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: string;
}

let server: LoopbackServer;
let tokenRequests: TokenRequest[];
let registryAuthorizations: (string | undefined)[];
/** What the token server answers. */
let tokenAnswer: { status: number; body: Record<string, unknown> };
/** Tokens the registry accepts. */
let acceptedTokens: Set<string>;

function handler(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://x');
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
  });
  request.on('end', () => {
    if (url.pathname === '/token') {
      tokenRequests.push({
        method: request.method ?? '',
        query: url.searchParams,
        authorization: request.headers.authorization,
        body,
      });
      if (request.headers.authorization !== undefined) {
        const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
        if (request.headers.authorization !== expected) {
          response.writeHead(401, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify({ details: 'incorrect username or password' }));
          return;
        }
      }
      response.writeHead(tokenAnswer.status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(tokenAnswer.body));
      return;
    }
    if (url.pathname.startsWith('/v2/')) {
      registryAuthorizations.push(request.headers.authorization);
      const token = request.headers.authorization?.replace(/^Bearer /, '');
      if (token === undefined || !acceptedTokens.has(token)) {
        response.writeHead(401, {
          'WWW-Authenticate': `Bearer realm="${server.url}/token",service="fake-registry",scope="repository:shop/cart:pull"`,
          'Content-Type': 'application/json',
        });
        response.end(
          JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }),
        );
        return;
      }
      response.writeHead(200, {
        'Docker-Content-Digest': DIGEST,
        'Content-Type': 'application/vnd.oci.image.index.v1+json',
        'Content-Length': Buffer.byteLength(INDEX),
      });
      response.end(request.method === 'HEAD' ? undefined : INDEX);
      return;
    }
    response.writeHead(404);
    response.end();
  });
}

beforeAll(async () => {
  server = await startLoopbackServer(handler);
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => {
  tokenRequests = [];
  registryAuthorizations = [];
  tokenAnswer = { status: 200, body: { token: 'tok-1', expires_in: 300 } };
  acceptedTokens = new Set(['tok-1', 'tok-2']);
});

const ref = () => parseReference(`${server.host}/shop/cart:1.0`);

async function catchRegistryError(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe('bearer token flow', () => {
  it('answers the challenge with a token fetched with basic credentials for the pull scope', async () => {
    const resolved = await resolveDigest(ref(), {
      credentials: { username: USER, password: PASSWORD },
      tokenCache: new TokenCache(),
      env,
    });
    expect(resolved).toEqual({ digest: DIGEST, mediaType: 'application/vnd.oci.image.index.v1+json' });
    expect(tokenRequests).toHaveLength(1);
    const [tokenRequest] = tokenRequests;
    expect(tokenRequest?.method).toBe('GET');
    expect(tokenRequest?.query.get('scope')).toBe('repository:shop/cart:pull');
    expect(tokenRequest?.query.get('service')).toBe('fake-registry');
    expect(tokenRequest?.authorization).toBe(
      `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
    );
    expect(registryAuthorizations).toEqual([undefined, 'Bearer tok-1']);
  });

  it('reuses a cached token: later resolutions go straight to the registry', async () => {
    const tokenCache = new TokenCache();
    const options = { credentials: { username: USER, password: PASSWORD }, tokenCache, env };
    await resolveDigest(ref(), options);
    await resolveDigest(ref(), options);
    await resolveDigest(parseReference(`${server.host}/shop/cart:2.0`), options);
    expect(tokenRequests).toHaveLength(1);
    expect(registryAuthorizations).toEqual([undefined, 'Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1']);
  });

  it('fetches a new token once the cached one expires', async () => {
    const tokenCache = new TokenCache();
    let now = 1_000_000;
    const options = { tokenCache, env, now: () => now };
    tokenAnswer = { status: 200, body: { token: 'tok-1', expires_in: 60 } };
    await resolveDigest(ref(), options);
    now += 30_000;
    await resolveDigest(ref(), options);
    expect(tokenRequests).toHaveLength(1);
    now += 31_000;
    tokenAnswer = { status: 200, body: { token: 'tok-2', expires_in: 60 } };
    await resolveDigest(ref(), options);
    expect(tokenRequests).toHaveLength(2);
    expect(registryAuthorizations.at(-1)).toBe('Bearer tok-2');
  });

  it('reads access_token, and asks anonymously without credentials', async () => {
    tokenAnswer = { status: 200, body: { access_token: 'tok-2' } };
    const resolved = await resolveDigest(ref(), { tokenCache: new TokenCache(), env });
    expect(resolved.digest).toBe(DIGEST);
    expect(tokenRequests[0]?.authorization).toBeUndefined();
    expect(registryAuthorizations.at(-1)).toBe('Bearer tok-2');
  });

  it('does not share a token between identities', async () => {
    const tokenCache = new TokenCache();
    await resolveDigest(ref(), { tokenCache, env });
    await resolveDigest(ref(), { tokenCache, env, credentials: { username: USER, password: PASSWORD } });
    expect(tokenRequests.map((r) => r.authorization === undefined)).toEqual([true, false]);
  });

  it('exchanges an identity token with an OAuth2 refresh_token POST', async () => {
    tokenAnswer = { status: 200, body: { access_token: 'tok-1', expires_in: 300 } };
    const dir = await mkdtemp(join(tmpdir(), 'slipway-idtoken-'));
    try {
      await writeFile(
        join(dir, 'config.json'),
        JSON.stringify({ auths: { [server.host]: { identitytoken: IDENTITY_TOKEN } } }),
      );
      const resolved = await resolveDigest(ref(), {
        tokenCache: new TokenCache(),
        env: { DOCKER_CONFIG: dir },
      });
      expect(resolved.digest).toBe(DIGEST);
      const form = new URLSearchParams(tokenRequests[0]?.body);
      expect(tokenRequests[0]?.method).toBe('POST');
      expect(form.get('grant_type')).toBe('refresh_token');
      expect(form.get('refresh_token')).toBe(IDENTITY_TOKEN);
      expect(form.get('scope')).toBe('repository:shop/cart:pull');
      expect(form.get('service')).toBe('fake-registry');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a token server refusing the password, without the password', async () => {
    const error = await catchRegistryError(
      resolveDigest(ref(), {
        credentials: { username: USER, password: 'not-the-password' },
        tokenCache: new TokenCache(),
        env,
      }),
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.oneLine()).toContain(`token server ${server.url}/token`);
    expect(error.oneLine()).toContain('credentials passed explicitly');
    expect(`${error.oneLine()} ${JSON.stringify(error)}`).not.toContain('not-the-password');
  });

  it('reports a token the registry refuses (missing scope) after one fresh try', async () => {
    acceptedTokens = new Set();
    const error = await catchRegistryError(
      resolveDigest(ref(), {
        credentials: { username: USER, password: PASSWORD },
        tokenCache: new TokenCache(),
        env,
      }),
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.fix).toMatch(/pull access to "shop\/cart"/);
    expect(tokenRequests).toHaveLength(1);
    expect(registryAuthorizations).toHaveLength(2);
  });

  it('refetches once when a cached token is refused (revoked)', async () => {
    const tokenCache = new TokenCache();
    await resolveDigest(ref(), { tokenCache, env });
    acceptedTokens = new Set(['tok-2']);
    tokenAnswer = { status: 200, body: { token: 'tok-2' } };
    const resolved = await resolveDigest(ref(), { tokenCache, env });
    expect(resolved.digest).toBe(DIGEST);
    expect(registryAuthorizations.slice(-2)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });
});
