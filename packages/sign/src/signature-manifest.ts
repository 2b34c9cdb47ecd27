// The `sha256-<hex>.sig` manifest: an OCI image manifest with one simple-signing layer per signature,
// and an image config naming one diff_id per layer (see shared/signing-formats.md).

import { createHash } from 'node:crypto';
import { SlipwayError } from '@slipway/errors';
import { isDigest } from '@slipway/oci';
import type { RepositoryDescriptor } from './repository.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';

/** `sha256-<hex>.sig`: the tag cosign and containers/image look for. */
export function signatureTag(digest: string): string {
  if (!isDigest(digest))
    throw new SlipwayError(`"${digest}" is not a sha256 digest`, { fix: 'pass sha256:<64 hex digits>' });
  return `${digest.replace(':', '-')}.sig`;
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A layer as found in a signature manifest (other fields kept as they were). */
export type LayerJson = Record<string, unknown> & {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Record<string, string>;
};

export interface SignatureManifest {
  readonly layers: readonly LayerJson[];
  /** Top-level manifest annotations, kept when the manifest is rewritten. */
  readonly annotations: Record<string, string> | undefined;
}

/** Reads an existing signature manifest; throws for something that is not an image manifest. */
export function parseSignatureManifest(bytes: Uint8Array, where: string): SignatureManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw notAManifest(where, 'it is not JSON');
  }
  if (!isRecord(parsed)) throw notAManifest(where, 'it is not a JSON object');
  if (parsed.schemaVersion !== 2) throw notAManifest(where, 'schemaVersion is not 2');
  const mediaType = parsed.mediaType;
  if (mediaType !== undefined && mediaType !== OCI_MANIFEST && mediaType !== DOCKER_MANIFEST) {
    throw notAManifest(where, `its media type is ${String(mediaType)}`);
  }
  if (!Array.isArray(parsed.layers)) throw notAManifest(where, 'it has no layers');
  const layers: LayerJson[] = [];
  for (const layer of parsed.layers) {
    if (
      !isRecord(layer) ||
      typeof layer.mediaType !== 'string' ||
      typeof layer.digest !== 'string' ||
      typeof layer.size !== 'number'
    ) {
      throw notAManifest(where, 'a layer lacks mediaType, digest or size');
    }
    layers.push(layer as LayerJson);
  }
  const annotations = isRecord(parsed.annotations)
    ? (parsed.annotations as Record<string, string>)
    : undefined;
  return { layers, annotations };
}

/** The simple-signing layers that carry a signature annotation. */
export function signatureLayers(manifest: SignatureManifest): LayerJson[] {
  return manifest.layers.filter(
    (layer) =>
      layer.mediaType === SIMPLE_SIGNING_MEDIA_TYPE &&
      typeof layer.annotations?.[SIGNATURE_ANNOTATION] === 'string',
  );
}

export interface EncodedSignatureManifest {
  readonly manifest: Uint8Array;
  readonly manifestDigest: string;
  readonly config: Uint8Array;
  readonly configDescriptor: RepositoryDescriptor;
}

/** The manifest (OCI) and its config for `layers`, in order. */
export function encodeSignatureManifest(
  layers: readonly LayerJson[],
  annotations: Record<string, string> | undefined,
): EncodedSignatureManifest {
  const config = Buffer.from(
    JSON.stringify({
      architecture: '',
      os: '',
      config: {},
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) },
    }),
  );
  const configDescriptor = { mediaType: OCI_CONFIG, digest: sha256Digest(config), size: config.length };
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: configDescriptor,
      layers,
      ...(annotations === undefined ? {} : { annotations }),
    }),
  );
  return {
    manifest: new Uint8Array(manifest),
    manifestDigest: sha256Digest(manifest),
    config: new Uint8Array(config),
    configDescriptor,
  };
}

/** The layer for one signature. */
export function signatureLayer(payload: Uint8Array, signature: Uint8Array): LayerJson {
  return {
    mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
    size: payload.length,
    digest: sha256Digest(payload),
    annotations: { [SIGNATURE_ANNOTATION]: Buffer.from(signature).toString('base64') },
  };
}

/** The signature bytes of a layer's annotation (standard base64), or undefined when not base64. */
export function layerSignature(layer: LayerJson): Uint8Array | undefined {
  const text = layer.annotations?.[SIGNATURE_ANNOTATION];
  if (text === undefined) return undefined;
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0 || compact.length === 0)
    return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

function notAManifest(where: string, reason: string): SlipwayError {
  return new SlipwayError(`the signature manifest cannot be read: ${reason}`, {
    where,
    fix: 'delete the broken signature tag and sign again',
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
