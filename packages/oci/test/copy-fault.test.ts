// copyImage through a proxy that breaks requests at chosen moments: the copy either completes (client
// retries, restarted uploads) or fails with a RegistryError, and the target tag never names an incomplete
// image (checked with our resolve and with skopeo).

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedImage, generateImage, writeImage, writeIndex } from '../../../bench/copy/image.js';
import {
  type Fault,
  type FaultProxy,
  type ProxiedRequest,
  startFaultProxy,
} from '../../../test/support/faultProxy.js';
import { registryBinaries, startRegistry, type TestRegistry } from '../../../test/support/registry.js';
import { copyImage, RegistryError, RegistryRepository } from '../src/index.js';

const run = promisify(execFile);
const binaries = registryBinaries();
const hasSkopeo = await run('skopeo', ['--version']).then(
  () => true,
  () => false,
);
const skip = !process.env.CI && !(binaries.registry && hasSkopeo);

const CHUNK = 1024 * 1024;

let dir: string;
let env: NodeJS.ProcessEnv;
let source: TestRegistry;
let target: TestRegistry;
let proxy: FaultProxy;
/** In front of the source registry, for faults on downloads. */
let sourceProxy: FaultProxy;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-copy-fault-'));
  env = { HOME: join(dir, 'home'), PATH: process.env.PATH };
  if (skip) return;
  [source, target] = await Promise.all([startRegistry(), startRegistry()]);
  [proxy, sourceProxy] = await Promise.all([startFaultProxy(target.url), startFaultProxy(source.url)]);
});
afterAll(async () => {
  await Promise.all([proxy?.stop(), sourceProxy?.stop()]);
  await Promise.all([source?.stop(), target?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

/** The target, through the proxy, with instant retry backoff. */
function proxied(path: string): RegistryRepository {
  return new RegistryRepository(proxy.host, path, { env, chunkSize: CHUNK, sleep: async () => {} });
}

async function sourceImage(
  path: string,
  tag: string,
): Promise<{ repo: RegistryRepository; image: GeneratedImage }> {
  const repo = new RegistryRepository(source.host, path, { env });
  // Two layers of 2.5 MiB: each uploads as 3 PATCHes of 1 MiB chunks.
  const image = generateImage({ layerSizes: [2.5 * CHUNK, 2.5 * CHUNK] });
  await writeImage(repo, image, [tag]);
  return { repo, image };
}

/** Fault for the `nth` request matching, pass for every other. */
function once(method: string, kind: ProxiedRequest['kind'], nth: number, fault: Fault) {
  return (request: ProxiedRequest): Fault =>
    request.method === method && request.kind === kind && request.nth === nth ? fault : 'pass';
}

async function skopeoInspect(
  reference: string,
): Promise<{ ok: true; digest: string } | { ok: false; error: string }> {
  try {
    const { stdout } = await run('skopeo', [
      'inspect',
      '--tls-verify=false',
      `docker://${target.host}/${reference}`,
    ]);
    return { ok: true, digest: (JSON.parse(stdout) as { Digest: string }).Digest };
  } catch (error) {
    return { ok: false, error: String((error as { stderr?: string }).stderr ?? error) };
  }
}

describe.skipIf(skip)('copyImage under faults', () => {
  const completes: [string, (r: ProxiedRequest) => Fault][] = [
    ['a 503 on the 2nd blob PATCH', once('PATCH', 'upload', 2, { status: 503 })],
    ['a connection dropped at the 2nd blob PATCH', once('PATCH', 'upload', 2, 'drop')],
    ['a connection dropped halfway through the 2nd PATCH body', once('PATCH', 'upload', 2, 'drop-mid-body')],
    ['a lost answer to the blob upload PUT', once('PUT', 'upload', 1, 'drop-answer')],
    ['a 503 on the manifest PUT', once('PUT', 'manifest', 1, { status: 503 })],
    ['a lost answer to the manifest PUT', once('PUT', 'manifest', 1, 'drop-answer')],
  ];
  for (const [index, [what, rule]] of completes.entries()) {
    it(`completes after ${what}`, async () => {
      const { repo, image } = await sourceImage(`fault/ok-${index}`, 'v1');
      proxy.setFaults(rule);
      const start = proxy.log.length;
      try {
        const result = await copyImage({
          from: repo,
          reference: 'v1',
          to: proxied(`ok/app-${index}`),
          tags: ['v1'],
        });
        expect(result.digest).toBe(image.manifest.digest);
      } finally {
        proxy.setFaults(() => 'pass');
      }
      // The fault really happened.
      expect(proxy.log.slice(start).some((r) => r.fault !== 'pass')).toBe(true);
      const inspected = await skopeoInspect(`ok/app-${index}:v1`);
      expect(inspected).toEqual({ ok: true, digest: image.manifest.digest });
      // Every layer is whole.
      const check = new RegistryRepository(target.host, `ok/app-${index}`, { env });
      for (const layer of image.layers) expect(await check.hasBlob(layer.descriptor.digest)).toBe(true);
    });
  }

  it('restarts an upload the registry lost after a half-sent chunk', async () => {
    const { repo } = await sourceImage('fault/restart', 'v1');
    proxy.setFaults(once('PATCH', 'upload', 2, 'drop-mid-body'));
    const start = proxy.log.length;
    try {
      await copyImage({
        from: repo,
        reference: 'v1',
        to: proxied('restart/app'),
        tags: ['v1'],
        concurrency: 1,
      });
    } finally {
      proxy.setFaults(() => 'pass');
    }
    const uploads = proxy.log.slice(start).filter((r) => r.kind === 'upload');
    // distribution drops the session whose PATCH broke off: the client's own retry of the PATCH gets 404,
    // the session is cancelled and the blob uploaded again in a new one (4 POSTs for 3 blobs).
    const trace = uploads.map((r) => `${r.method} ${r.status ?? 'dropped'}`);
    expect(trace).toContain('PATCH dropped');
    expect(trace.filter((t) => t === 'PATCH 404' || t === 'PATCH 416')).toHaveLength(1);
    expect(trace.filter((t) => t.startsWith('POST'))).toHaveLength(4);
    expect(trace.filter((t) => t === 'PUT 201')).toHaveLength(3);
  });

  const fails: [string, (r: ProxiedRequest) => Fault][] = [
    ['every blob PATCH answers 503', (r) => (r.method === 'PATCH' ? { status: 503 } : 'pass')],
    ['every blob PATCH loses its connection', (r) => (r.method === 'PATCH' ? 'drop' : 'pass')],
    [
      'every manifest PUT answers 503',
      (r) => (r.method === 'PUT' && r.kind === 'manifest' ? { status: 503 } : 'pass'),
    ],
  ];
  for (const [index, [what, rule]] of fails.entries()) {
    it(`fails cleanly, the tag absent, when ${what}`, async () => {
      const { repo } = await sourceImage(`fault/bad-${index}`, 'v1');
      proxy.setFaults(rule);
      let error: unknown;
      try {
        await copyImage({ from: repo, reference: 'v1', to: proxied(`bad/app-${index}`), tags: ['v1'] });
      } catch (caught) {
        error = caught;
      } finally {
        proxy.setFaults(() => 'pass');
      }
      expect(error).toBeInstanceOf(RegistryError);
      expect(['server', 'unreachable']).toContain((error as RegistryError).kind);
      expect((error as RegistryError).fix).toBeTruthy();
      if (index < 2) {
        // What blob, which registry, how many attempts: only after the retries.
        expect((error as RegistryError).message).toMatch(
          new RegExp(`upload of blob sha256:[0-9a-f]{64} to registry ${proxy.host} failed 3 times`),
        );
      }
      expect(
        await new RegistryRepository(target.host, `bad/app-${index}`, { env }).resolve('v1'),
      ).toBeUndefined();
      const inspected = await skopeoInspect(`bad/app-${index}:v1`);
      expect(inspected.ok).toBe(false);
    });
  }

  it('never tags an index whose push failed, though its platforms arrived', async () => {
    const repo = new RegistryRepository(source.host, 'fault/index', { env });
    const amd = generateImage({ layerSizes: [1000], architecture: 'amd64' });
    const arm = generateImage({ layerSizes: [1000], architecture: 'arm64' });
    const index = await writeIndex(repo, [amd, arm], ['multi']);
    // Fail every PUT of the index itself (the 3rd manifest and on).
    proxy.setFaults((r) =>
      r.method === 'PUT' && r.kind === 'manifest' && r.url.endsWith('/multi') ? { status: 503 } : 'pass',
    );
    try {
      await expect(
        copyImage({ from: repo, reference: 'multi', to: proxied('index/app'), tags: ['multi'] }),
      ).rejects.toBeInstanceOf(RegistryError);
    } finally {
      proxy.setFaults(() => 'pass');
    }
    const check = new RegistryRepository(target.host, 'index/app', { env });
    expect(await check.resolve('multi')).toBeUndefined();
    expect((await check.resolve(amd.manifest.digest))?.digest).toBe(amd.manifest.digest);
    expect(await check.resolve(index.digest)).toBeUndefined();
    expect((await skopeoInspect('index/app:multi')).ok).toBe(false);
  });
});

describe.skipIf(skip)('blob transfers retried', () => {
  /** The source, through its proxy, with instant backoff. */
  function fromProxy(path: string): RegistryRepository {
    return new RegistryRepository(sourceProxy.host, path, { env, sleep: async () => {} });
  }

  it('resumes a blob download dropped mid-body, and the copy completes', async () => {
    const { image } = await sourceImage('retry/download', 'v1');
    sourceProxy.setFaults(once('GET', 'blob', 1, 'drop-mid-answer'));
    const start = sourceProxy.log.length;
    const targetStart = proxy.log.length;
    try {
      const result = await copyImage({
        from: fromProxy('retry/download'),
        reference: 'v1',
        to: proxied('retry/download'),
        tags: ['v1'],
        concurrency: 1,
      });
      expect(result.digest).toBe(image.manifest.digest);
    } finally {
      sourceProxy.setFaults(() => 'pass');
    }
    const gets = sourceProxy.log.slice(start).filter((r) => r.method === 'GET' && r.kind === 'blob');
    expect(gets[0]?.fault).toBe('drop-mid-answer');
    // Three blobs, one of them asked twice (the resume), and one upload session each: the download
    // healed under the upload, which never started over.
    expect(gets).toHaveLength(4);
    const posts = proxy.log.slice(targetStart).filter((r) => r.method === 'POST' && r.kind === 'upload');
    expect(posts).toHaveLength(3);
    expect(await skopeoInspect('retry/download:v1')).toEqual({ ok: true, digest: image.manifest.digest });
  });

  it('restarts an upload in a new session when its PATCH keeps answering 503', async () => {
    const { repo, image } = await sourceImage('retry/upload', 'v1');
    // The client's own 3 tries of the first PATCH all fail: the upload starts over in a new session.
    proxy.setFaults((r) => (r.method === 'PATCH' && r.nth <= 3 ? { status: 503 } : 'pass'));
    const start = proxy.log.length;
    const sleeps: number[] = [];
    try {
      const result = await copyImage({
        from: repo,
        reference: 'v1',
        to: new RegistryRepository(proxy.host, 'retry/upload', {
          env,
          chunkSize: CHUNK,
          sleep: async (ms) => void sleeps.push(ms),
        }),
        tags: ['v1'],
        concurrency: 1,
      });
      expect(result.digest).toBe(image.manifest.digest);
    } finally {
      proxy.setFaults(() => 'pass');
    }
    const posts = proxy.log.slice(start).filter((r) => r.method === 'POST' && r.kind === 'upload');
    expect(posts.length).toBe(4);
    // Two waits between the PATCH's own tries (as Retry-After: 0 asks), then a backoff before the new
    // session, not a burst.
    expect(sleeps).toHaveLength(3);
    expect(sleeps[2]).toBeGreaterThan(0);
    expect(await skopeoInspect('retry/upload:v1')).toEqual({ ok: true, digest: image.manifest.digest });
  });

  it('a download that always breaks off fails once, naming blob, registry and attempts; no tag', async () => {
    await sourceImage('retry/broken', 'v1');
    sourceProxy.setFaults((r) => (r.method === 'GET' && r.kind === 'blob' ? 'drop-mid-answer' : 'pass'));
    const start = sourceProxy.log.length;
    let error: unknown;
    try {
      await copyImage({
        from: fromProxy('retry/broken'),
        reference: 'v1',
        to: proxied('retry/broken'),
        tags: ['v1'],
        concurrency: 1,
      });
    } catch (caught) {
      error = caught;
    } finally {
      sourceProxy.setFaults(() => 'pass');
    }
    expect(error).toBeInstanceOf(RegistryError);
    const message = (error as RegistryError).oneLine();
    expect(message).toMatch(
      new RegExp(
        `download of blob sha256:[0-9a-f]{64} from registry ${sourceProxy.host} broke off after \\d+ of \\d+ bytes, 3 attempts`,
      ),
    );
    expect((error as RegistryError).fix).toContain('retry later');
    expect(message).not.toContain('aborted');
    // The download's retries are the only ones: the upload does not start it over again.
    const gets = sourceProxy.log.slice(start).filter((r) => r.method === 'GET' && r.kind === 'blob');
    expect(gets.length).toBeLessThanOrEqual(4);
    expect(await new RegistryRepository(target.host, 'retry/broken', { env }).resolve('v1')).toBeUndefined();
    expect((await skopeoInspect('retry/broken:v1')).ok).toBe(false);
  });
});
