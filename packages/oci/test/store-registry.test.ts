// RegistryRepository against Debian's real docker-registry (distribution 2.8), with skopeo as a peer.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SlipwayError } from '@slipway/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blobOf,
  contentOf,
  generateImage,
  indexOf,
  readAll,
  sha256,
  writeImage,
  writeIndex,
} from '../../../bench/copy/image.js';
import { type FaultProxy, startFaultProxy } from '../../../test/support/faultProxy.js';
import {
  registryBinaries,
  startLoopbackServer,
  startRegistry,
  type TestRegistry,
} from '../../../test/support/registry.js';
import {
  LayoutRepository,
  openRepository,
  parseLocation,
  RegistryError,
  RegistryRepository,
  type RegistryRepositoryOptions,
  type StoredManifest,
} from '../src/index.js';

const run = promisify(execFile);
const binaries = registryBinaries();
const hasSkopeo = await run('skopeo', ['--version']).then(
  () => true,
  () => false,
);
const skip = !process.env.CI && !(binaries.registry && binaries.htpasswd);
const skipSkopeo = skip || (!process.env.CI && !hasSkopeo);

const USER = 'pusher';
const PASSWORD = 'correct-horse-battery';

let dir: string;
let env: NodeJS.ProcessEnv;
let registry: TestRegistry;
let proxy: FaultProxy;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-store-registry-'));
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

function repo(
  path: string,
  options: RegistryRepositoryOptions = {},
  host = registry.host,
): RegistryRepository {
  return new RegistryRepository(host, path, { env, ...options });
}

function requestsSince(start: number) {
  return proxy.log.slice(start);
}

describe.skipIf(skip)('RegistryRepository on distribution 2.8', () => {
  it('round-trips a small blob (POST + one PUT) and verifies it while streaming', async () => {
    const repository = repo('store/blobs', {}, proxy.host);
    const blob = blobOf('application/octet-stream', Buffer.from('hello registry'));
    expect(await repository.hasBlob(blob.descriptor.digest)).toBe(false);
    const start = proxy.log.length;
    await repository.putBlob(blob.descriptor, contentOf(blob.bytes));
    const uploads = requestsSince(start).filter((r) => r.kind === 'upload');
    expect(uploads.map((r) => r.method)).toEqual(['POST', 'PUT']);
    expect(await repository.hasBlob(blob.descriptor.digest)).toBe(true);
    const content = await repository.getBlob(blob.descriptor.digest);
    expect(content.size).toBe(blob.bytes.byteLength);
    expect(Buffer.from(await readAll(content.stream)).toString()).toBe('hello registry');
  });

  it('uploads a blob over 10 MiB in PATCH chunks with Content-Range', async () => {
    const repository = repo('store/chunked', { chunkSize: 4 * 1024 * 1024 }, proxy.host);
    const bytes = Buffer.alloc(11 * 1024 * 1024 + 123, 7);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    const blob = blobOf('application/octet-stream', bytes);
    const start = proxy.log.length;
    await repository.putBlob(blob.descriptor, contentOf(blob.bytes));
    const uploads = requestsSince(start).filter((r) => r.kind === 'upload');
    expect(uploads.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH', 'PUT']);
    expect(uploads.filter((r) => r.method === 'PATCH').map((r) => r.bytes)).toEqual([
      4 * 1024 * 1024,
      4 * 1024 * 1024,
      3 * 1024 * 1024 + 123,
    ]);
    expect(uploads.at(-1)?.bytes).toBe(0);
    const content = await repository.getBlob(blob.descriptor.digest);
    expect(sha256(await readAll(content.stream))).toBe(blob.descriptor.digest);
  });

  it('streams a blob over 16 MiB in one PATCH with its length announced', async () => {
    const repository = repo('store/streamed', {}, proxy.host);
    const blob = blobOf('application/octet-stream', Buffer.alloc(20 * 1024 * 1024 + 5, 3));
    const start = proxy.log.length;
    await repository.putBlob(blob.descriptor, contentOf(blob.bytes));
    const uploads = requestsSince(start).filter((r) => r.kind === 'upload');
    expect(uploads.map((r) => [r.method, r.bytes])).toEqual([
      ['POST', 0],
      ['PATCH', 20 * 1024 * 1024 + 5],
      ['PUT', 0],
    ]);
    const content = await repository.getBlob(blob.descriptor.digest);
    expect(sha256(await readAll(content.stream))).toBe(blob.descriptor.digest);
  });

  for (const [what, fault] of [
    ['a connection dropped halfway through the streamed PATCH', 'drop-mid-body'],
    ['a 503 to the streamed PATCH', { status: 503 }],
  ] as const) {
    it(`starts a streamed upload over, with the source opened again, after ${what}`, async () => {
      const repository = repo(
        `store/streamed-fault-${typeof fault === 'string' ? 'drop' : '503'}`,
        {
          sleep: async () => {},
        },
        proxy.host,
      );
      const blob = blobOf('application/octet-stream', Buffer.alloc(17 * 1024 * 1024, 9));
      let opened = 0;
      const open = contentOf(blob.bytes);
      proxy.setFaults((request) =>
        request.method === 'PATCH' && request.kind === 'upload' && request.nth === 1 ? fault : 'pass',
      );
      const start = proxy.log.length;
      try {
        await repository.putBlob(blob.descriptor, () => {
          opened += 1;
          return open();
        });
      } finally {
        proxy.setFaults(() => 'pass');
      }
      expect(opened).toBe(2);
      const uploads = requestsSince(start).filter((r) => r.kind === 'upload');
      expect(uploads.filter((r) => r.method === 'POST')).toHaveLength(2);
      expect(uploads.filter((r) => r.method === 'PATCH')).toHaveLength(2);
      const content = await repository.getBlob(blob.descriptor.digest);
      expect(sha256(await readAll(content.stream))).toBe(blob.descriptor.digest);
    });
  }

  it('refuses a streamed source longer or shorter than its descriptor, and commits nothing', async () => {
    const repository = repo('store/streamed-length', { sleep: async () => {} });
    const blob = blobOf('application/octet-stream', Buffer.alloc(17 * 1024 * 1024, 4));
    const longer = await repository
      .putBlob(blob.descriptor, contentOf(Buffer.concat([blob.bytes, Buffer.from('x')])))
      .catch((e: unknown) => e);
    expect(String(longer)).toMatch(/is longer than its 17825792 bytes/);
    const shorter = await repository
      .putBlob(blob.descriptor, contentOf(blob.bytes.subarray(1)))
      .catch((e: unknown) => e);
    expect(String(shorter)).toMatch(/arrived as 17825791 bytes, not the 17825792/);
    expect(await repository.hasBlob(blob.descriptor.digest)).toBe(false);
  });

  it('refuses to finish an upload whose bytes do not match the digest', async () => {
    const repository = repo('store/bad-blob');
    const blob = blobOf('application/octet-stream', Buffer.from('expected'));
    const error = await repository
      .putBlob(blob.descriptor, contentOf(Buffer.from('other!!!')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).kind).toBe('digest-mismatch');
    expect((error as RegistryError).message).toMatch(/do not hash to it/);
    expect(await repository.hasBlob(blob.descriptor.digest)).toBe(false);
  });

  it('fails getBlob of a missing blob with a not-found RegistryError', async () => {
    const repository = repo('store/blobs');
    const error = await repository.getBlob(`sha256:${'e'.repeat(64)}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).kind).toBe('not-found');
  });

  it('round-trips OCI and Docker schema 2 manifests and indexes, by tag and digest', async () => {
    const repository = repo('store/manifests');
    const image = generateImage({ layerSizes: [100, 200] });
    await writeImage(repository, image, ['oci', 'also']);
    expect(await repository.resolve('oci')).toEqual({
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.bytes.byteLength,
    });
    const got = await repository.getManifest(image.manifest.digest);
    expect(Buffer.from(got?.bytes ?? [])).toEqual(Buffer.from(image.manifest.bytes));
    expect(await repository.resolve('absent')).toBeUndefined();
    expect(await repository.getManifest(`sha256:${'0'.repeat(64)}`)).toBeUndefined();
    expect(await repo('store/never-pushed').resolve('v1')).toBeUndefined();

    // Docker schema 2 manifest and manifest list, exact bytes.
    const config = blobOf('application/vnd.docker.container.image.v1+json', Buffer.from('{"os":"linux"}'));
    const layer = image.layers[0]!;
    await repository.putBlob(config.descriptor, contentOf(config.bytes));
    const dockerBytes = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: config.descriptor,
        layers: [{ ...layer.descriptor, mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' }],
      }),
    );
    const docker: StoredManifest = {
      digest: sha256(dockerBytes),
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      bytes: dockerBytes,
    };
    await repository.putManifest(docker, ['docker']);
    expect(await repository.getManifest('docker')).toMatchObject({
      digest: docker.digest,
      mediaType: docker.mediaType,
    });
    const listBytes = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
        manifests: [
          {
            mediaType: docker.mediaType,
            digest: docker.digest,
            size: dockerBytes.length,
            platform: { architecture: 'amd64', os: 'linux' },
          },
        ],
      }),
    );
    const list: StoredManifest = {
      digest: sha256(listBytes),
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      bytes: listBytes,
    };
    await repository.putManifest(list, ['list']);
    expect((await repository.resolve('list'))?.mediaType).toBe(list.mediaType);

    const amd = generateImage({ layerSizes: [10], architecture: 'amd64' });
    const arm = generateImage({ layerSizes: [10], architecture: 'arm64' });
    const index = await writeIndex(repository, [amd, arm], ['multi']);
    expect(await repository.resolve('multi')).toMatchObject({
      digest: index.digest,
      mediaType: index.mediaType,
    });
  });

  it('refuses a manifest naming a missing blob, saying to push blobs first', async () => {
    const repository = repo('store/missing');
    const image = generateImage({ layerSizes: [10] });
    const error = await repository.putManifest(image.manifest, ['v1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).fix).toMatch(/push every blob/);
    expect(await repository.resolve('v1')).toBeUndefined();
  });

  it('mounts a blob from another repository of the registry without sending its bytes', async () => {
    const source = repo('store/mount-from', {}, proxy.host);
    const target = repo('store/mount-to', {}, proxy.host);
    const blob = blobOf('application/octet-stream', Buffer.alloc(300_000, 9));
    await source.putBlob(blob.descriptor, contentOf(blob.bytes));
    const start = proxy.log.length;
    expect(await target.mountBlob(blob.descriptor, source)).toBe(true);
    const requests = requestsSince(start);
    expect(requests.map((r) => `${r.method} ${r.kind} ${r.status}`)).toEqual(['POST upload 201']);
    expect(requests.reduce((sum, r) => sum + r.bytes, 0)).toBe(0);
    expect(await target.hasBlob(blob.descriptor.digest)).toBe(true);

    // 202: the source lacks it; the session the registry opened is cancelled.
    const absent = blobOf('application/octet-stream', Buffer.from('nowhere'));
    const before = proxy.log.length;
    expect(await target.mountBlob(absent.descriptor, source)).toBe(false);
    expect(requestsSince(before).map((r) => `${r.method} ${r.kind} ${r.status}`)).toEqual([
      'POST upload 202',
      'DELETE upload 204',
    ]);
    // Layouts and other registries never mount.
    expect(await target.mountBlob(blob.descriptor, new LayoutRepository(join(dir, 'none')))).toBe(false);
  });

  it('lists every tag (distribution 2.8 ignores n/last and answers one page)', async () => {
    const repository = repo('store/tags', { tagsPageSize: 2 });
    const image = generateImage({ layerSizes: [10] });
    const tags = ['a1', 'b2', 'c3', 'd4', 'e5'];
    await writeImage(repository, image, tags);
    expect((await repository.listTags()).sort()).toEqual(tags);
    expect(await repo('store/no-such-repo').listTags()).toEqual([]);
  });

  it('follows n/last pagination through Link headers (a registry that pages, per the spec)', async () => {
    const all = ['a1', 'b2', 'c3', 'd4', 'e5'];
    const seen: string[] = [];
    const server = await startLoopbackServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      seen.push(`${url.pathname}${url.search}`);
      const n = Number(url.searchParams.get('n') ?? 1000);
      const last = url.searchParams.get('last');
      const from = last === null ? 0 : all.indexOf(last) + 1;
      const page = all.slice(from, from + n);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (from + n < all.length) {
        // Relative on the first page, absolute after: both are allowed.
        const next = `/v2/paged/app/tags/list?n=${n}&last=${page.at(-1)}`;
        headers.Link = `<${from === 0 ? next : `http://${request.headers.host}${next}`}>; rel="next"`;
      }
      response.writeHead(200, headers);
      response.end(JSON.stringify({ name: 'paged/app', tags: page }));
    });
    try {
      const repository = repo('paged/app', { tagsPageSize: 2 }, server.host);
      expect(await repository.listTags()).toEqual(all);
      expect(seen).toEqual([
        '/v2/paged/app/tags/list?n=2',
        '/v2/paged/app/tags/list?n=2&last=b2',
        '/v2/paged/app/tags/list?n=2&last=d4',
      ]);
    } finally {
      await server.stop();
    }
  });

  it('falls back to the sha256-<hex> tag index for referrers (2.8 has no referrers API)', async () => {
    const repository = repo('store/referrers', {}, proxy.host);
    const image = generateImage({ layerSizes: [10] });
    await writeImage(repository, image, ['v1']);
    const subject = {
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.bytes.byteLength,
    };
    const sbom = generateImage({
      layerSizes: [10],
      extra: { artifactType: 'application/spdx+json', subject },
    });
    await writeImage(repository, sbom);
    const start = proxy.log.length;
    expect(await repository.referrers(image.manifest.digest)).toEqual([]);
    expect(requestsSince(start).map((r) => `${r.kind} ${r.status}`)).toEqual([
      'referrers 404',
      'manifest 404',
    ]);

    const entry = {
      mediaType: sbom.manifest.mediaType,
      digest: sbom.manifest.digest,
      size: sbom.manifest.bytes.byteLength,
      artifactType: 'application/spdx+json',
    };
    const fallback = indexOf([]);
    const bytes = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(fallback.bytes).toString()), manifests: [entry] }),
    );
    await repository.putManifest({ digest: sha256(bytes), mediaType: fallback.mediaType, bytes }, [
      image.manifest.digest.replace(':', '-'),
    ]);
    expect(await repository.referrers(image.manifest.digest)).toEqual([entry]);
    expect(await repository.referrers(image.manifest.digest, 'application/spdx+json')).toEqual([entry]);
    expect(await repository.referrers(image.manifest.digest, 'application/other')).toEqual([]);
  });

  it('is what openRepository opens for registry references', () => {
    const repository = openRepository(parseLocation(`${registry.host}/shop/cart:v1`), { env });
    expect(repository).toBeInstanceOf(RegistryRepository);
    expect(repository.name).toBe(`${registry.host}/shop/cart`);
    expect(repository.registry).toBe(registry.host);
  });
});

describe.skipIf(skip)('RegistryRepository.startUpload: a session opened before its blob', () => {
  it('opens the session (POST) at once; put sends the blob into it with no second POST', async () => {
    const repository = repo('early/put', {}, proxy.host);
    const blob = blobOf('application/octet-stream', Buffer.from('opened early'));
    const start = proxy.log.length;
    const pending = await repository.startUpload();
    expect(requestsSince(start).map((r) => [r.method, r.kind, r.status])).toEqual([['POST', 'upload', 202]]);
    await pending.put(blob.descriptor, contentOf(blob.bytes));
    expect(requestsSince(start).map((r) => [r.method, r.kind])).toEqual([
      ['POST', 'upload'],
      ['PUT', 'upload'],
    ]);
    const content = await repository.getBlob(blob.descriptor.digest);
    expect(sha256(await readAll(content.stream))).toBe(blob.descriptor.digest);
  });

  it('cancel gives the session back (DELETE) and leaves no blob; a put after it throws', async () => {
    const repository = repo('early/cancel', {}, proxy.host);
    const blob = blobOf('application/octet-stream', Buffer.from('never sent'));
    const start = proxy.log.length;
    const pending = await repository.startUpload();
    await pending.cancel();
    const deletes = requestsSince(start).filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.kind, r.status])).toEqual([['upload', 204]]);
    // The registry no longer knows the session.
    const probe = await fetch(`${registry.url}${deletes[0]?.url ?? ''}`);
    await probe.body?.cancel();
    expect(probe.status).toBe(404);
    const error = await pending.put(blob.descriptor, contentOf(blob.bytes)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(String(error)).toMatch(/upload session was cancelled/);
    await pending.cancel();
    expect(requestsSince(start).map((r) => r.method)).toEqual(['POST', 'DELETE']);
    expect(await repository.hasBlob(blob.descriptor.digest)).toBe(false);
  });

  it('a second put throws and sends nothing; cancel after a put does nothing', async () => {
    const repository = repo('early/twice', {}, proxy.host);
    const first = blobOf('application/octet-stream', Buffer.from('first blob'));
    const second = blobOf('application/octet-stream', Buffer.from('second blob'));
    const pending = await repository.startUpload();
    await pending.put(first.descriptor, contentOf(first.bytes));
    const start = proxy.log.length;
    const error = await pending.put(second.descriptor, contentOf(second.bytes)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(String(error)).toMatch(/already took a blob/);
    await pending.cancel();
    expect(requestsSince(start)).toEqual([]);
    expect(await repository.hasBlob(first.descriptor.digest)).toBe(true);
    expect(await repository.hasBlob(second.descriptor.digest)).toBe(false);
  });

  it('falls back to a fresh session when the registry lost the opened one', async () => {
    const repository = repo('early/lost', { sleep: async () => {} }, proxy.host);
    const blob = blobOf('application/octet-stream', Buffer.from('second session'));
    const start = proxy.log.length;
    const pending = await repository.startUpload();
    proxy.setFaults((r) =>
      r.method === 'PUT' && r.kind === 'upload' && r.nth === 1 ? { status: 404 } : 'pass',
    );
    try {
      await pending.put(blob.descriptor, contentOf(blob.bytes));
    } finally {
      proxy.setFaults(() => 'pass');
    }
    expect(requestsSince(start).map((r) => [r.method, r.status])).toEqual([
      ['POST', 202],
      ['PUT', 404],
      ['DELETE', 204],
      ['POST', 202],
      ['PUT', 201],
    ]);
    expect(await repository.hasBlob(blob.descriptor.digest)).toBe(true);
  });

  it('a descriptor it cannot take still gives the session back', async () => {
    const repository = repo('early/refused', {}, proxy.host);
    const start = proxy.log.length;
    const pending = await repository.startUpload();
    const error = await pending
      .put(
        { mediaType: 'application/octet-stream', digest: 'sha256:nope', size: 1 },
        contentOf(Buffer.from('x')),
      )
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/is not a sha256 or sha512 digest/);
    expect(requestsSince(start).map((r) => [r.method, r.status])).toEqual([
      ['POST', 202],
      ['DELETE', 204],
    ]);
  });
});

describe.skipIf(skip)('RegistryRepository with htpasswd auth', () => {
  let secured: TestRegistry;
  beforeAll(async () => {
    secured = await startRegistry({ auth: { username: USER, password: PASSWORD } });
  });
  afterAll(async () => {
    await secured?.stop();
  });

  it('pushes with credentials; without them or with a wrong password fails clearly', async () => {
    const image = generateImage({ layerSizes: [10] });
    const anonymous = repo('auth/app', {}, secured.host);
    const denied = await writeImage(anonymous, image, ['v1']).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(RegistryError);
    expect((denied as RegistryError).kind).toBe('unauthorized');
    expect((denied as RegistryError).message).toMatch(/authentication required/);
    expect((denied as RegistryError).fix).toMatch(/docker login/);

    const wrong = repo('auth/app', { credentials: { username: USER, password: 'nope' } }, secured.host);
    const rejected = await writeImage(wrong, image, ['v1']).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(RegistryError);
    expect((rejected as RegistryError).message).toMatch(/credentials rejected/);
    expect((rejected as RegistryError).message).not.toContain('nope');

    const good = repo('auth/app', { credentials: { username: USER, password: PASSWORD } }, secured.host);
    await writeImage(good, image, ['v1']);
    expect((await good.resolve('v1'))?.digest).toBe(image.manifest.digest);
    expect(await good.listTags()).toEqual(['v1']);
  });
});

describe.skipIf(skipSkopeo)('skopeo as a peer of the registry store', () => {
  it('skopeo inspects and copies what Slipway pushed; Slipway reads what skopeo pushed', async () => {
    const repository = repo('peer/app');
    const image = generateImage({ layerSizes: [2000, 3000] });
    await writeImage(repository, image, ['v1']);
    const inspected = JSON.parse(
      (await run('skopeo', ['inspect', '--tls-verify=false', `docker://${registry.host}/peer/app:v1`]))
        .stdout,
    ) as { Digest: string; Layers: string[] };
    expect(inspected.Digest).toBe(image.manifest.digest);
    expect(inspected.Layers).toEqual(image.layers.map((l) => l.descriptor.digest));

    const amd = generateImage({ layerSizes: [10], architecture: 'amd64' });
    const arm = generateImage({ layerSizes: [10], architecture: 'arm64' });
    const index = await writeIndex(repository, [amd, arm], ['multi']);
    const out = join(dir, 'skopeo-out');
    await run('skopeo', [
      '--insecure-policy',
      'copy',
      '--all',
      '--preserve-digests',
      '--src-tls-verify=false',
      `docker://${registry.host}/peer/app:multi`,
      `oci:${out}:multi`,
    ]);
    expect((await new LayoutRepository(out).resolve('multi'))?.digest).toBe(index.digest);

    // skopeo pushes from a layout; Slipway reads it back from the registry.
    const source = new LayoutRepository(join(dir, 'skopeo-src'));
    const other = generateImage({ layerSizes: [4000] });
    await writeImage(source, other, ['v2']);
    await run('skopeo', [
      '--insecure-policy',
      'copy',
      '--preserve-digests',
      '--dest-tls-verify=false',
      `oci:${source.path}:v2`,
      `docker://${registry.host}/peer/from-skopeo:v2`,
    ]);
    const pulled = repo('peer/from-skopeo');
    const manifest = await pulled.getManifest('v2');
    expect(manifest?.digest).toBe(other.manifest.digest);
    const layer = other.layers[0]!.descriptor.digest;
    expect(sha256(await readAll((await pulled.getBlob(layer)).stream))).toBe(layer);
  });
});
