// Generated images for the copy benchmark and the store tests: real tar+gzip layers of random content
// (incompressible, so nothing gets faster by compressing), an OCI config whose diff_ids match, and an
// OCI manifest; or an index of several platforms. Written through any ImageRepository.

import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Descriptor, ImageRepository, StoredManifest } from '../../packages/oci/src/index.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';

export interface Blob {
  readonly descriptor: Descriptor;
  readonly bytes: Uint8Array;
}

export interface GeneratedImage {
  readonly manifest: StoredManifest;
  readonly config: Blob;
  readonly layers: readonly Blob[];
}

export interface ImageSpec {
  /** Sizes of the random file inside each layer, in bytes. */
  readonly layerSizes: readonly number[];
  readonly architecture?: string;
  readonly os?: string;
  /** Extra manifest fields (`subject`, `artifactType`, `annotations`). */
  readonly extra?: Record<string, unknown>;
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function blobOf(mediaType: string, bytes: Uint8Array): Blob {
  return { descriptor: { mediaType, digest: sha256(bytes), size: bytes.byteLength }, bytes };
}

/** A tar archive holding one regular file. */
export function tarOf(name: string, content: Uint8Array): Uint8Array {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 8, 'ascii');
  header.write('0000000\0', 108, 8, 'ascii');
  header.write('0000000\0', 116, 8, 'ascii');
  header.write(`${content.byteLength.toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
  header.write('00000000000\0', 136, 12, 'ascii');
  header.write('        ', 148, 8, 'ascii');
  header.write('0', 156, 1, 'ascii');
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  const padding = (512 - (content.byteLength % 512)) % 512;
  return Buffer.concat([header, content, Buffer.alloc(padding), Buffer.alloc(1024)]);
}

export function generateImage(spec: ImageSpec): GeneratedImage {
  const diffIds: string[] = [];
  const layers = spec.layerSizes.map((size, i) => {
    const tar = tarOf(`layer-${i}.bin`, randomBytes(size));
    diffIds.push(sha256(tar));
    return blobOf(OCI_LAYER_GZIP, gzipSync(tar, { level: 1 }));
  });
  const config = blobOf(
    OCI_CONFIG,
    Buffer.from(
      JSON.stringify({
        architecture: spec.architecture ?? 'amd64',
        os: spec.os ?? 'linux',
        config: { Labels: { 'org.slipway.nonce': randomBytes(8).toString('hex') } },
        rootfs: { type: 'layers', diff_ids: diffIds },
      }),
    ),
  );
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: config.descriptor,
      layers: layers.map((layer) => layer.descriptor),
      ...spec.extra,
    }),
  );
  return {
    manifest: { digest: sha256(bytes), mediaType: OCI_MANIFEST, bytes: new Uint8Array(bytes) },
    config,
    layers,
  };
}

export function indexOf(
  images: readonly GeneratedImage[],
  extra: Record<string, unknown> = {},
): StoredManifest {
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: images.map((image) => {
        const config = JSON.parse(Buffer.from(image.config.bytes).toString('utf8')) as {
          architecture: string;
          os: string;
        };
        return {
          mediaType: image.manifest.mediaType,
          digest: image.manifest.digest,
          size: image.manifest.bytes.byteLength,
          platform: { architecture: config.architecture, os: config.os },
        };
      }),
      ...extra,
    }),
  );
  return { digest: sha256(bytes), mediaType: OCI_INDEX, bytes: new Uint8Array(bytes) };
}

export function contentOf(
  bytes: Uint8Array,
): () => Promise<{ size: number; stream: AsyncIterable<Uint8Array> }> {
  return async () => ({
    size: bytes.byteLength,
    stream: (async function* () {
      // Several chunks, as a network stream would give them.
      const step = 1024 * 1024;
      for (let offset = 0; offset < bytes.byteLength; offset += step)
        yield bytes.subarray(offset, offset + step);
    })(),
  });
}

/** Writes the blobs, then the manifest with `tags`. */
export async function writeImage(
  repository: ImageRepository,
  image: GeneratedImage,
  tags: readonly string[] = [],
): Promise<void> {
  for (const blob of [image.config, ...image.layers]) {
    await repository.putBlob(blob.descriptor, contentOf(blob.bytes));
  }
  await repository.putManifest(image.manifest, tags);
}

/** Writes every platform image, then the index with `tags`. */
export async function writeIndex(
  repository: ImageRepository,
  images: readonly GeneratedImage[],
  tags: readonly string[] = [],
): Promise<StoredManifest> {
  for (const image of images) await writeImage(repository, image);
  const index = indexOf(images);
  await repository.putManifest(index, tags);
  return index;
}

export async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
