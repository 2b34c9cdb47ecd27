// copyImage between two real registries, within one (mount), and through an OCI layout; with skopeo as
// the independent judge of what arrived.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage, indexOf, sha256, writeImage, writeIndex } from '../../../bench/copy/image.js';
import { type FaultProxy, startFaultProxy } from '../../../test/support/faultProxy.js';
import { registryBinaries, startRegistry, type TestRegistry } from '../../../test/support/registry.js';
import {
  type CopyProgress,
  copyImage,
  LayoutRepository,
  RegistryError,
  RegistryRepository,
  referrersTag,
  type StoredManifest,
} from '../src/index.js';

const run = promisify(execFile);
const binaries = registryBinaries();
const hasSkopeo = await run('skopeo', ['--version']).then(
  () => true,
  () => false,
);
const skip = !process.env.CI && !(binaries.registry && hasSkopeo);

let dir: string;
let env: NodeJS.ProcessEnv;
let one: TestRegistry;
let two: TestRegistry;
let proxy: FaultProxy;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-copy-'));
  env = { HOME: join(dir, 'home'), PATH: process.env.PATH };
  if (skip) return;
  [one, two] = await Promise.all([startRegistry(), startRegistry()]);
  proxy = await startFaultProxy(one.url);
});
afterAll(async () => {
  await proxy?.stop();
  await Promise.all([one?.stop(), two?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

function repo(host: string, path: string): RegistryRepository {
  return new RegistryRepository(host, path, { env });
}

async function skopeoDigest(host: string, reference: string): Promise<string> {
  const { stdout } = await run('skopeo', [
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${host}/${reference}`,
  ]);
  return sha256(Buffer.from(stdout));
}

describe.skipIf(skip)('copyImage', () => {
  it('copies a two-platform index between registries, digests preserved, then finds it all present', async () => {
    const source = repo(one.host, 'app/multi');
    const amd = generateImage({ layerSizes: [50_000, 1000], architecture: 'amd64' });
    const arm = generateImage({ layerSizes: [50_000, 1000], architecture: 'arm64' });
    const index = await writeIndex(source, [amd, arm], ['1.0']);
    const target = repo(two.host, 'mirror/multi');
    const events: CopyProgress[] = [];

    const result = await copyImage({
      from: source,
      reference: '1.0',
      to: target,
      tags: ['1.0', 'stable'],
      progress: (event) => events.push(event),
    });
    expect(result.digest).toBe(index.digest);
    expect(result.mediaType).toBe(index.mediaType);
    const blobBytes = [amd, arm].flatMap((image) => [image.config, ...image.layers]);
    expect(result.blobs).toEqual({
      copied: 6,
      mounted: 0,
      present: 0,
      bytes: blobBytes.reduce((sum, blob) => sum + blob.bytes.byteLength, 0),
    });
    expect(await skopeoDigest(two.host, 'mirror/multi:stable')).toBe(index.digest);
    expect(await skopeoDigest(two.host, `mirror/multi@${arm.manifest.digest}`)).toBe(arm.manifest.digest);
    // Children before the index; the tags come with the last manifest.
    const manifests = events.filter((e) => e.type === 'manifest');
    expect(manifests.map((e) => e.digest)).toEqual([amd.manifest.digest, arm.manifest.digest, index.digest]);
    expect(manifests.at(-1)).toMatchObject({ tags: ['1.0', 'stable'] });
    expect(events[0]).toMatchObject({ type: 'plan', manifests: 3, blobs: 6 });
    expect(events.filter((e) => e.type === 'blob-done')).toHaveLength(6);

    const again = await copyImage({ from: source, reference: index.digest, to: target, tags: ['again'] });
    expect(again.blobs).toEqual({ copied: 0, mounted: 0, present: 6, bytes: 0 });
  });

  it('mounts within one registry: no blob bytes cross the wire', async () => {
    const source = repo(proxy.host, 'team/app');
    const image = generateImage({ layerSizes: [200_000, 100_000] });
    await writeImage(source, image, ['v1']);
    const start = proxy.log.length;
    const result = await copyImage({
      from: source,
      reference: 'v1',
      to: repo(proxy.host, 'prod/app'),
      tags: ['v1'],
    });
    expect(result.blobs).toEqual({ copied: 0, mounted: 3, present: 0, bytes: 0 });
    const requests = proxy.log.slice(start);
    expect(requests.filter((r) => r.kind === 'blob' && r.method === 'GET')).toEqual([]);
    expect(requests.filter((r) => r.kind === 'upload').map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 201',
      'POST 201',
      'POST 201',
    ]);
    // Only the manifest itself is sent.
    const sent = requests.reduce((sum, r) => sum + r.bytes, 0);
    expect(sent).toBe(image.manifest.bytes.byteLength);
    expect(await skopeoDigest(one.host, 'prod/app:v1')).toBe(image.manifest.digest);
  });

  it('goes registry → layout → registry, and skopeo reads the layout and the result', async () => {
    const source = repo(one.host, 'app/roundtrip');
    const image = generateImage({ layerSizes: [30_000, 20_000, 10_000] });
    await writeImage(source, image, ['v3']);
    const layout = new LayoutRepository(join(dir, 'roundtrip'));
    const down = await copyImage({ from: source, reference: 'v3', to: layout, tags: ['v3'] });
    expect(down.blobs.copied).toBe(4);
    const { stdout } = await run('skopeo', ['inspect', `oci:${layout.path}:v3`]);
    expect(JSON.parse(stdout).Digest).toBe(image.manifest.digest);

    const up = await copyImage({
      from: layout,
      reference: 'v3',
      to: repo(two.host, 'back/app'),
      tags: ['v3'],
    });
    expect(up.digest).toBe(image.manifest.digest);
    expect(up.blobs.copied).toBe(4);
    expect(await skopeoDigest(two.host, 'back/app:v3')).toBe(image.manifest.digest);
  });

  it('copies a layout skopeo wrote into a registry', async () => {
    const image = generateImage({ layerSizes: [5000] });
    const seed = repo(one.host, 'app/for-skopeo');
    await writeImage(seed, image, ['v1']);
    const out = join(dir, 'skopeo-written');
    await run('skopeo', [
      '--insecure-policy',
      'copy',
      '--preserve-digests',
      '--src-tls-verify=false',
      `docker://${one.host}/app/for-skopeo:v1`,
      `oci:${out}:v1`,
    ]);
    const result = await copyImage({
      from: new LayoutRepository(out),
      reference: 'v1',
      to: repo(two.host, 'from-skopeo-layout/app'),
      tags: ['v1'],
    });
    expect(result.digest).toBe(image.manifest.digest);
    expect(await skopeoDigest(two.host, 'from-skopeo-layout/app:v1')).toBe(image.manifest.digest);
  });

  it('with signatures: copies the cosign .sig tag and referrers, writing the fallback index', async () => {
    const source = repo(one.host, 'app/signed');
    const image = generateImage({ layerSizes: [1000] });
    await writeImage(source, image, ['v1']);
    const subject = {
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.bytes.byteLength,
    };
    // cosign-style signature: a manifest under the sha256-<hex>.sig tag.
    const signature = generateImage({ layerSizes: [300] });
    const sigTag = `${referrersTag(image.manifest.digest)}.sig`;
    await writeImage(source, signature, [sigTag]);
    // An OCI 1.1 referrer, listed (2.8 has no referrers API) in the sha256-<hex> fallback index.
    const sbom = generateImage({
      layerSizes: [300],
      extra: { artifactType: 'application/spdx+json', subject },
    });
    await writeImage(source, sbom);
    const fallback = fallbackIndex([
      {
        mediaType: sbom.manifest.mediaType,
        digest: sbom.manifest.digest,
        size: sbom.manifest.bytes.byteLength,
        artifactType: 'application/spdx+json',
      },
    ]);
    await source.putManifest(fallback, [referrersTag(image.manifest.digest)]);

    const target = repo(two.host, 'signed/app');
    const result = await copyImage({
      from: source,
      reference: 'v1',
      to: target,
      tags: ['v1'],
      withSignatures: true,
    });
    expect(result.blobs.copied).toBe(6);
    expect((await target.resolve(sigTag))?.digest).toBe(signature.manifest.digest);
    expect((await target.resolve(referrersTag(image.manifest.digest)))?.digest).toBe(fallback.digest);
    expect((await target.referrers(image.manifest.digest)).map((r) => r.digest)).toEqual([
      sbom.manifest.digest,
    ]);

    // Into a layout: the referrer is found by its subject; no fallback tag needed.
    const layout = new LayoutRepository(join(dir, 'signed'));
    await copyImage({ from: source, reference: 'v1', to: layout, tags: ['v1'], withSignatures: true });
    expect((await layout.referrers(image.manifest.digest)).map((r) => r.digest)).toEqual([
      sbom.manifest.digest,
    ]);
    expect((await layout.listTags()).sort()).toEqual([sigTag, 'v1'].sort());

    // From the layout to a registry without referrers API: the fallback index is built.
    const third = repo(two.host, 'signed/again');
    await copyImage({ from: layout, reference: 'v1', to: third, tags: ['v1'], withSignatures: true });
    expect((await third.referrers(image.manifest.digest)).map((r) => r.digest)).toEqual([
      sbom.manifest.digest,
    ]);
    expect((await third.resolve(sigTag))?.digest).toBe(signature.manifest.digest);
  });

  it('reads a source once, unhashed: a damaged blob is refused where it lands, and nothing is tagged', async () => {
    const layout = new LayoutRepository(join(dir, 'damaged'));
    const image = generateImage({ layerSizes: [3000] });
    await writeImage(layout, image, ['v1']);
    const layer = image.layers[0]?.descriptor;
    if (layer === undefined) throw new Error('no layer');
    // Same length, one byte flipped: only a digest check can tell.
    const path = join(dir, 'damaged', 'blobs', 'sha256', layer.digest.slice('sha256:'.length));
    const bytes = await readFile(path);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
    await writeFile(path, bytes);

    const target = repo(two.host, 'damaged/app');
    const error = await copyImage({ from: layout, reference: 'v1', to: target, tags: ['v1'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).kind).toBe('digest-mismatch');
    expect((error as RegistryError).message).toMatch(
      /refused blob sha256:[0-9a-f]{64}: the bytes sent do not hash to it/,
    );
    expect(await target.listTags()).toEqual([]);
    expect(await target.hasBlob(layer.digest)).toBe(false);

    const otherLayout = new LayoutRepository(join(dir, 'damaged-copy'));
    await expect(copyImage({ from: layout, reference: 'v1', to: otherLayout, tags: ['v1'] })).rejects.toThrow(
      /arrived as 3\d{3} bytes hashing to sha256:/,
    );
    expect(await otherLayout.resolve('v1')).toBeUndefined();
  });

  it('fails clearly for an unknown source tag and writes nothing', async () => {
    const target = repo(two.host, 'nothing/here');
    await expect(
      copyImage({ from: repo(one.host, 'app/multi'), reference: 'nope', to: target, tags: ['v1'] }),
    ).rejects.toThrow(/image nope not found/);
    expect(await target.listTags()).toEqual([]);
  });
});

function fallbackIndex(manifests: readonly object[]): StoredManifest {
  const empty = indexOf([]);
  const bytes = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(empty.bytes).toString()), manifests }),
  );
  return { digest: sha256(bytes), mediaType: empty.mediaType, bytes: new Uint8Array(bytes) };
}
