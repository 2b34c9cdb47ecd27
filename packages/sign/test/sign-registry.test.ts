// signImage's round trips on a real registry (distribution 2.8), seen through a recording proxy: what goes
// in parallel, what waits for what, and that nothing is left open. Some answers are held back a little so
// that the order asserted can only come from requests that overlap, not from a fast registry.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryRepository } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Fault,
  type FaultProxy,
  type LoggedRequest,
  type ProxiedRequest,
  startFaultProxy,
} from '../../../test/support/faultProxy.js';
import {
  pushImage,
  registryBinaries,
  startRegistry,
  type TestRegistry,
} from '../../../test/support/registry.js';
import { parseSignatureManifest, type Signer, signatureTag, signImage } from '../src/index.js';
import { newKey } from './helpers.js';

const skip = !process.env.CI && !registryBinaries().registry;
const HOLD_MS = 150;

let dir: string;
let env: NodeJS.ProcessEnv;
let registry: TestRegistry;
let proxy: FaultProxy;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-sign-registry-'));
  env = { HOME: join(dir, 'home'), PATH: process.env.PATH };
  if (skip) return;
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The repository through the proxy, and straight to the registry (for a signer the proxy does not see). */
function repositories(path: string) {
  return {
    proxied: new RegistryRepository(proxy.host, path, { env }),
    direct: new RegistryRepository(registry.host, path, { env }),
  };
}

/** Signs through the proxy, `rule` choosing each request's fault; answers what the proxy saw. */
async function signThrough(
  path: string,
  digest: string,
  signer: Signer,
  rule: (request: ProxiedRequest) => Fault,
): Promise<LoggedRequest[]> {
  proxy.setFaults(rule);
  const start = proxy.log.length;
  try {
    const result = await signImage({ repository: repositories(path).proxied, digest, signer });
    expect(result.added).toBe(true);
  } finally {
    proxy.setFaults(() => 'pass');
  }
  return proxy.log.slice(start);
}

function requests(log: readonly LoggedRequest[], method: string, kind: ProxiedRequest['kind']) {
  return log.filter((request) => request.method === method && request.kind === kind);
}

/** When a request was answered; failing the test if it never was. */
function answered(request: LoggedRequest | undefined): number {
  expect(request?.answered).toBeTypeOf('number');
  return request?.answered ?? Number.NaN;
}

async function signatureLayers(path: string, digest: string): Promise<number> {
  const stored = await repositories(path).direct.getManifest(signatureTag(digest));
  if (stored === undefined) throw new Error('no .sig manifest');
  return parseSignatureManifest(stored.bytes, 'test').layers.length;
}

describe.skipIf(skip)('signImage on a registry: round trips', () => {
  it('opens the uploads while the tag is read, checks the tag once a blob is in, puts the manifest last', async () => {
    const path = 'rounds/first';
    const pushed = await pushImage({ url: registry.url, repository: path, tag: 'v1' });
    const tag = signatureTag(pushed.digest);
    const { signer } = newKey();
    const log = await signThrough(path, pushed.digest, signer, (request) =>
      (request.method === 'GET' && request.kind === 'manifest' && request.url.endsWith(`/${tag}`)) ||
      (request.method === 'PUT' && request.kind === 'upload' && request.nth === 2)
        ? { hold: pause(HOLD_MS) }
        : 'pass',
    );

    // Round 1: both sessions are asked for before the read of the tag is answered. The check and the
    // read-back are reads of the tag too: a digest compared comes from the bytes, not a HEAD's header.
    const [read, check, readBack, ...moreReads] = requests(log, 'GET', 'manifest');
    expect(moreReads).toEqual([]);
    expect(requests(log, 'HEAD', 'manifest')).toEqual([]);
    expect(read?.url).toMatch(new RegExp(`/manifests/${tag}$`));
    const posts = requests(log, 'POST', 'upload');
    expect(posts).toHaveLength(2);
    for (const post of posts) expect(post.arrived).toBeLessThan(answered(read));

    // Round 2: the race check goes out once the first blob is in, while the other (held) still goes up.
    const blobPuts = requests(log, 'PUT', 'upload');
    expect(blobPuts).toHaveLength(2);
    const [firstIn, lastIn] = [...blobPuts].sort((a, b) => answered(a) - answered(b));
    expect(check?.arrived).toBeGreaterThan(answered(firstIn));
    expect(check?.arrived).toBeLessThan(answered(lastIn));

    // Round 3: the manifest, after both blobs and the check; then the read-back.
    const [manifestPut, ...morePuts] = requests(log, 'PUT', 'manifest');
    expect(morePuts).toEqual([]);
    expect(manifestPut?.status).toBe(201);
    for (const earlier of [...blobPuts, check]) {
      expect(manifestPut?.arrived).toBeGreaterThan(answered(earlier));
    }
    expect(readBack?.arrived).toBeGreaterThan(answered(manifestPut));

    // Each session took its blob: none was given back, and no other request was made.
    expect(requests(log, 'DELETE', 'upload')).toEqual([]);
    expect(log).toHaveLength(8);
    expect(await signatureLayers(path, pushed.digest)).toBe(1);
  });

  it('signing again with the same key gives the opened sessions back and writes nothing', async () => {
    const path = 'rounds/again';
    const pushed = await pushImage({ url: registry.url, repository: path, tag: 'v1' });
    const { signer } = newKey();
    const repository = repositories(path).proxied;
    const first = await signImage({ repository, digest: pushed.digest, signer });

    const start = proxy.log.length;
    const again = await signImage({ repository, digest: pushed.digest, signer });
    const log = proxy.log.slice(start);
    expect(again).toMatchObject({ added: false, signatureManifestDigest: first.signatureManifestDigest });
    expect(requests(log, 'GET', 'manifest')).toHaveLength(1);
    expect(requests(log, 'POST', 'upload')).toHaveLength(2);
    // Answered by the time signImage returned: the cancels were awaited.
    const deletes = requests(log, 'DELETE', 'upload');
    expect(deletes.map((request) => request.status)).toEqual([204, 204]);
    expect(new Set(deletes.map((request) => request.url)).size).toBe(2);
    expect(log.filter((request) => request.method === 'PUT' || request.method === 'HEAD')).toEqual([]);
    // The registry knows neither session any more.
    for (const request of deletes) {
      const probe = await fetch(`${registry.url}${request.url}`);
      await probe.body?.cancel();
      expect(probe.status).toBe(404);
    }
    expect(await signatureLayers(path, pushed.digest)).toBe(1);
  });

  it('another signer writing the tag during the check: starts over, opening the config session only', async () => {
    const path = 'rounds/contended';
    const pushed = await pushImage({ url: registry.url, repository: path, tag: 'v1' });
    const tag = signatureTag(pushed.digest);
    const ours = newKey('ours');
    const theirs = newKey('theirs');
    let other: Promise<unknown> | undefined;
    proxy.setFaults((request) => {
      // Our first check (the second read of the tag) waits until the other signer, bypassing the proxy,
      // has written the tag.
      if (request.method === 'GET' && request.kind === 'manifest' && request.nth === 2) {
        other = signImage({
          repository: repositories(path).direct,
          digest: pushed.digest,
          signer: theirs.signer,
        });
        return { hold: other };
      }
      if (request.method === 'GET' && request.kind === 'manifest' && request.url.endsWith(`/${tag}`)) {
        return { hold: pause(HOLD_MS) };
      }
      return 'pass';
    });
    const start = proxy.log.length;
    try {
      const result = await signImage({
        repository: repositories(path).proxied,
        digest: pushed.digest,
        signer: ours.signer,
      });
      expect(result.added).toBe(true);
      await expect(other).resolves.toMatchObject({ added: true });
    } finally {
      proxy.setFaults(() => 'pass');
    }
    const log = proxy.log.slice(start);
    const [firstRead, firstCheck, secondRead, ...reads] = requests(log, 'GET', 'manifest');
    // Each attempt reads the tag and checks it; the last reads it back.
    expect(reads).toHaveLength(2);
    const posts = requests(log, 'POST', 'upload');
    // Two sessions in the first attempt; the payload went up then, so the second opens the config's only.
    expect(posts).toHaveLength(3);
    for (const post of posts.slice(0, 2)) expect(post.arrived).toBeLessThan(answered(firstRead));
    const retried = posts[2];
    expect(retried?.arrived).toBeGreaterThan(answered(firstCheck));
    expect(retried?.arrived).toBeLessThan(answered(secondRead));
    expect(requests(log, 'PUT', 'upload')).toHaveLength(3);
    expect(requests(log, 'PUT', 'manifest')).toHaveLength(1);
    expect(requests(log, 'DELETE', 'upload')).toEqual([]);
    expect(await signatureLayers(path, pushed.digest)).toBe(2);
  });

  it('a manifest PUT answered DIGEST_INVALID (a blob link being rewritten): reads afresh, never re-PUTs blindly', async () => {
    const path = 'rounds/link-race';
    const pushed = await pushImage({ url: registry.url, repository: path, tag: 'v1' });
    const { signer } = newKey('link');
    const log = await signThrough(path, pushed.digest, signer, (request) =>
      request.method === 'PUT' && request.kind === 'manifest' && request.nth === 1
        ? { status: 400, code: 'DIGEST_INVALID' }
        : 'pass',
    );
    const order = log
      .filter((entry) => entry.kind === 'manifest')
      .map((entry) => `${entry.method} ${entry.status ?? '-'}`);
    // The refused PUT is followed by a new read of the tag before the next PUT.
    expect(order.slice(0, 4)).toEqual(['GET 404', 'GET 404', 'PUT 400', 'GET 404']);
    expect(order.filter((line) => line.startsWith('PUT'))).toEqual(['PUT 400', 'PUT 201']);
    expect(await signatureLayers(path, pushed.digest)).toBe(1);
  });

  // Registries have no conditional PUT: signImage re-reads after a wait and merges again, a timing guard
  // that a heavily loaded machine can outrun. A fresh image per try keeps each try independent.
  it('several signers at once with different keys: every signature ends up in the tag', {
    retry: 2,
  }, async () => {
    const path = `rounds/concurrent-${randomBytes(4).toString('hex')}`;
    const pushed = await pushImage({ url: registry.url, repository: path, tag: 'v1' });
    const keys = [newKey('a'), newKey('b'), newKey('c')];
    const results = await Promise.all(
      keys.map((key) =>
        signImage({ repository: repositories(path).proxied, digest: pushed.digest, signer: key.signer }),
      ),
    );
    expect(results.every((result) => result.added)).toBe(true);
    expect(await signatureLayers(path, pushed.digest)).toBe(keys.length);
  });
});
