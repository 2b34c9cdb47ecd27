// OCI image documents the files builder writes (config and manifest), reading a base image, and moving
// blobs between repositories.

import { createHash } from 'node:crypto';
import { SlipwayError } from '@slipway/errors';
import {
  type BlobContent,
  type Descriptor,
  formatLimit,
  type ImageRepository,
  MAX_JSON_BLOB_BYTES,
  readBounded,
  type StoredManifest,
} from '@slipway/oci';

export const OCI_IMAGE_CONFIG = 'application/vnd.oci.image.config.v1+json';
const DOCKER_IMAGE_CONFIG = 'application/vnd.docker.container.image.v1+json';

/** `linux/amd64`, `linux/arm64/v8`. */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, extra] = text.split('/');
  if (
    os === undefined ||
    os === '' ||
    architecture === undefined ||
    architecture === '' ||
    extra !== undefined
  ) {
    throw new SlipwayError(`platform "${text}" is not os/architecture[/variant]`, {
      where: 'platform',
      fix: 'write it like linux/amd64 or linux/arm64/v8',
    });
  }
  return { os, architecture, ...(variant === undefined || variant === '' ? {} : { variant }) };
}

export function formatPlatform(platform: Platform): string {
  return `${platform.os}/${platform.architecture}${platform.variant === undefined ? '' : `/${platform.variant}`}`;
}

/** The parts of an image config Slipway reads and writes; everything else is kept as it was. */
export interface ImageConfigDocument {
  created?: string;
  architecture: string;
  os: string;
  variant?: string;
  config?: ContainerConfig;
  rootfs: { type: 'layers'; diff_ids: string[] };
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
  [key: string]: unknown;
}

export interface ContainerConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  [key: string]: unknown;
}

export interface BaseImage {
  /** Where it came from, for messages. */
  readonly name: string;
  readonly repository: ImageRepository | undefined;
  readonly config: ImageConfigDocument;
  readonly layers: readonly Descriptor[];
  /** The base manifest's digest, or undefined for scratch. */
  readonly digest: string | undefined;
}

export function scratchBase(platform: Platform): BaseImage {
  return {
    name: 'scratch',
    repository: undefined,
    digest: undefined,
    layers: [],
    config: {
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant === undefined ? {} : { variant: platform.variant }),
      config: {},
      rootfs: { type: 'layers', diff_ids: [] },
      history: [],
    },
  };
}

/** Reads a base image (following an index to `platform`, or to the only image it names). */
export async function readBase(
  repository: ImageRepository,
  reference: string,
  platform: Platform | undefined,
): Promise<BaseImage> {
  const where = `${repository.name}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
  const top = await repository.getManifest(reference);
  if (top === undefined) {
    throw new SlipwayError(`base image ${where} was not found`, {
      where,
      fix: 'push the base image first, or check its name and tag',
    });
  }
  let manifest = top;
  const document = parseJson(top.bytes, where);
  if (Array.isArray(document.manifests)) {
    const entries = document.manifests as Descriptor[];
    const images = entries.filter((entry) => entry.platform !== undefined && entry.platform.os !== 'unknown');
    const wanted =
      platform === undefined
        ? images.length === 1
          ? images[0]
          : undefined
        : images.find(
            (entry) =>
              entry.platform?.os === platform.os &&
              entry.platform.architecture === platform.architecture &&
              (platform.variant === undefined || entry.platform.variant === platform.variant),
          );
    if (wanted === undefined) {
      const offered = images.map((entry) =>
        entry.platform === undefined ? '?' : formatPlatform(entry.platform),
      );
      throw new SlipwayError(
        platform === undefined
          ? `base image ${where} is multi-platform (${offered.join(', ')})`
          : `base image ${where} has no ${formatPlatform(platform)} image (it has ${offered.join(', ') || 'none'})`,
        { where, fix: 'choose one with the platform option' },
      );
    }
    const child = await repository.getManifest(wanted.digest);
    if (child === undefined) {
      throw new SlipwayError(`base image ${where} names ${wanted.digest}, which is missing`, { where });
    }
    manifest = child;
  }
  const parsed = parseJson(manifest.bytes, where);
  const configDescriptor = parsed.config as Descriptor | undefined;
  if (
    configDescriptor === undefined ||
    (configDescriptor.mediaType !== OCI_IMAGE_CONFIG && configDescriptor.mediaType !== DOCKER_IMAGE_CONFIG)
  ) {
    throw new SlipwayError(`base ${where} is not a container image`, {
      where,
      fix: 'use an image (OCI or Docker v2 manifest) as base',
    });
  }
  const configBytes = await readBounded((await repository.getBlob(configDescriptor.digest)).stream, {
    limit: MAX_JSON_BLOB_BYTES,
    tooLarge: (seen) =>
      new SlipwayError(
        `the config ${configDescriptor.digest} of base ${where} ${seen}, more than the ${formatLimit(MAX_JSON_BLOB_BYTES)} a config may have`,
        { where, fix: 'use another base image: no image config is this large' },
      ),
  });
  const config = parseJson(configBytes, `${where} config`) as unknown as ImageConfigDocument;
  if (config.rootfs === undefined || !Array.isArray(config.rootfs.diff_ids)) {
    throw new SlipwayError(`base ${where} has a config without rootfs.diff_ids`, { where });
  }
  const layers = (parsed.layers as Descriptor[] | undefined) ?? [];
  return { name: where, repository, config, layers, digest: manifest.digest };
}

function parseJson(bytes: Uint8Array, where: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new SlipwayError(`${where} is not a JSON object`, { where });
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function bytesContent(bytes: Uint8Array): BlobContent {
  return {
    size: bytes.length,
    stream: (async function* () {
      yield bytes;
    })(),
  };
}

/** A manifest document stored as exact bytes. */
export function storedManifest(document: unknown, mediaType: string): StoredManifest {
  const bytes = new Uint8Array(Buffer.from(JSON.stringify(document)));
  return { digest: sha256(bytes), mediaType, bytes };
}

/**
 * Makes `blob` present in `to`: already there, mounted from a repository of the same registry, or
 * streamed from `from`.
 */
export async function transferBlob(
  blob: Descriptor,
  from: ImageRepository,
  to: ImageRepository,
): Promise<void> {
  if (await to.hasBlob(blob.digest)) return;
  if (from.registry !== undefined && from.registry === to.registry && (await to.mountBlob(blob, from)))
    return;
  await to.putBlob(blob, () => from.getBlob(blob.digest));
}
