// Reading what a manifest or index names, without re-encoding it: the bytes stay the stored ones, this
// only looks inside to learn which blobs and child manifests must exist first.

import { SlipwayError } from '@slipway/errors';
import {
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V2,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
} from '../registry/media-types.js';
import type { Descriptor } from './types.js';

/** The tag registries without the referrers API use to list a subject's referrers. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-');
}

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === OCI_IMAGE_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

export function isManifestMediaType(mediaType: string): boolean {
  return (
    mediaType === OCI_IMAGE_MANIFEST ||
    mediaType === DOCKER_MANIFEST_V2 ||
    isIndexMediaType(mediaType) ||
    mediaType === 'application/vnd.oci.artifact.manifest.v1+json'
  );
}

export type ParsedManifest =
  | {
      readonly kind: 'index';
      readonly mediaType: string;
      readonly manifests: readonly Descriptor[];
      readonly subject: Descriptor | undefined;
      readonly artifactType: string | undefined;
      readonly annotations: Readonly<Record<string, string>> | undefined;
    }
  | {
      readonly kind: 'manifest';
      readonly mediaType: string;
      readonly config: Descriptor | undefined;
      readonly layers: readonly Descriptor[];
      readonly subject: Descriptor | undefined;
      readonly artifactType: string | undefined;
      readonly annotations: Readonly<Record<string, string>> | undefined;
    };

/**
 * Parses manifest or index bytes. `mediaType` is what the store said (a Content-Type, an index.json
 * entry); the document's own `mediaType` field wins when present, and `manifests` marks an index.
 */
export function parseManifest(bytes: Uint8Array, mediaType?: string, where?: string): ParsedManifest {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw invalidManifest('it is not JSON', where, error);
  }
  if (!isRecord(document)) throw invalidManifest('it is not a JSON object', where);
  const declared = typeof document.mediaType === 'string' ? document.mediaType : undefined;
  const subject = document.subject === undefined ? undefined : descriptor(document.subject, where);
  const artifactType = typeof document.artifactType === 'string' ? document.artifactType : undefined;
  const annotations = stringRecord(document.annotations);
  if (Array.isArray(document.manifests)) {
    return {
      kind: 'index',
      mediaType:
        declared ?? (mediaType !== undefined && isIndexMediaType(mediaType) ? mediaType : OCI_IMAGE_INDEX),
      manifests: document.manifests.map((entry) => descriptor(entry, where)),
      subject,
      artifactType,
      annotations,
    };
  }
  const layers = Array.isArray(document.layers)
    ? document.layers.map((entry) => descriptor(entry, where))
    : Array.isArray(document.blobs)
      ? document.blobs.map((entry) => descriptor(entry, where))
      : [];
  return {
    kind: 'manifest',
    mediaType:
      declared ??
      (mediaType !== undefined && isManifestMediaType(mediaType) ? mediaType : OCI_IMAGE_MANIFEST),
    config: document.config === undefined ? undefined : descriptor(document.config, where),
    layers,
    subject,
    artifactType,
    annotations,
  };
}

/** What a referrer looks like in a referrers list: its artifact type is the config's when it has none. */
export function referrerDescriptor(
  digest: string,
  size: number,
  parsed: ParsedManifest,
): Descriptor & { artifactType?: string } {
  const artifactType =
    parsed.artifactType ?? (parsed.kind === 'manifest' ? parsed.config?.mediaType : undefined);
  return {
    mediaType: parsed.mediaType,
    digest,
    size,
    ...(artifactType === undefined ? {} : { artifactType }),
    ...(parsed.annotations === undefined ? {} : { annotations: parsed.annotations }),
  };
}

/** Blobs that must exist before the manifest can be stored; layers with `urls` live elsewhere. */
export function requiredBlobs(parsed: ParsedManifest): Descriptor[] {
  if (parsed.kind === 'index') return [];
  const blobs = [...(parsed.config === undefined ? [] : [parsed.config]), ...parsed.layers];
  return blobs.filter((blob) => !hasUrls(blob));
}

function hasUrls(blob: Descriptor): boolean {
  const urls = (blob as { urls?: unknown }).urls;
  return Array.isArray(urls) && urls.length > 0;
}

function descriptor(value: unknown, where: string | undefined): Descriptor {
  if (
    !isRecord(value) ||
    typeof value.digest !== 'string' ||
    typeof value.size !== 'number' ||
    typeof value.mediaType !== 'string'
  ) {
    throw invalidManifest('a descriptor lacks mediaType, digest or size', where);
  }
  // Kept whole: unknown fields (urls, data, …) matter to whoever reads it next.
  return value as unknown as Descriptor;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
}

function invalidManifest(reason: string, where: string | undefined, cause?: unknown): SlipwayError {
  return new SlipwayError(`invalid image manifest: ${reason}`, {
    ...(where === undefined ? {} : { where }),
    fix: 'the stored manifest is damaged or not an OCI/Docker manifest; push the image again',
    cause,
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
