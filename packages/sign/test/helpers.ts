// Test fixtures: images written into a real OCI layout (LayoutRepository), keys, and repository wrappers.

import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImageRepository, LayoutRepository } from '@slipway/oci';
import { localSigner, publicKeyVerifier, type Signer, type Verifier } from '../src/index.js';

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function blob(bytes: Uint8Array) {
  return async () => ({
    size: bytes.length,
    stream: (async function* () {
      yield bytes;
    })(),
  });
}

export async function putJsonBlob(repository: ImageRepository, value: unknown, mediaType: string) {
  const bytes = Buffer.from(JSON.stringify(value));
  const descriptor = { mediaType, digest: sha256(bytes), size: bytes.length };
  await repository.putBlob(descriptor, blob(bytes));
  return descriptor;
}

/** A one-layer OCI image tagged `tag`; answers its manifest digest. */
export async function writeImage(
  repository: ImageRepository,
  tag: string,
  seed = randomBytes(4).toString('hex'),
) {
  const layerBytes = Buffer.from(`layer ${seed}`);
  const layer = {
    mediaType: 'application/vnd.oci.image.layer.v1.tar',
    digest: sha256(layerBytes),
    size: layerBytes.length,
  };
  await repository.putBlob(layer, blob(layerBytes));
  const config = await putJsonBlob(
    repository,
    { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] } },
    'application/vnd.oci.image.config.v1+json',
  );
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, config, layers: [layer] }));
  const digest = sha256(bytes);
  await repository.putManifest({ digest, mediaType, bytes }, tag === '' ? [] : [tag]);
  return { digest, mediaType, size: bytes.length };
}

/** A two-platform OCI index tagged `tag`. */
export async function writeIndex(repository: ImageRepository, tag: string) {
  const amd = await writeImage(repository, '', 'amd64');
  const arm = await writeImage(repository, '', 'arm64');
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: [
        { ...amd, platform: { architecture: 'amd64', os: 'linux' } },
        { ...arm, platform: { architecture: 'arm64', os: 'linux' } },
      ],
    }),
  );
  const digest = sha256(bytes);
  await repository.putManifest({ digest, mediaType, bytes }, [tag]);
  return { digest, children: [amd.digest, arm.digest] };
}

export async function tempLayout(): Promise<{ repository: LayoutRepository; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-sign-'));
  return {
    repository: new LayoutRepository(join(dir, 'layout')),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export function newKey(name = 'test key'): { signer: Signer; verifier: Verifier } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { signer: localSigner(privateKey, name), verifier: publicKeyVerifier(publicKey, name) };
}

/** Every byte of a stream (Array.fromAsync is Node 22+). */
export async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `repository` with some methods replaced (the others bound to it: implementations use private fields). */
export function wrapRepository(
  repository: ImageRepository,
  overrides: Partial<ImageRepository>,
): ImageRepository {
  return {
    name: repository.name,
    registry: repository.registry,
    resolve: (reference) => repository.resolve(reference),
    getManifest: (reference) => repository.getManifest(reference),
    putManifest: (manifest, tags) => repository.putManifest(manifest, tags),
    hasBlob: (digest) => repository.hasBlob(digest),
    getBlob: (digest) => repository.getBlob(digest),
    putBlob: (descriptor, open) => repository.putBlob(descriptor, open),
    mountBlob: (descriptor, from) => repository.mountBlob(descriptor, from),
    listTags: () => repository.listTags(),
    referrers: (digest, artifactType) => repository.referrers(digest, artifactType),
    ...overrides,
  };
}
