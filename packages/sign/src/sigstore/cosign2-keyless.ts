// cosign 2's keyless signatures live in the `.sig` tag like keyed ones, with the Fulcio certificate, its
// chain and the Rekor proof in layer annotations; a keyed signature logged in Rekor carries the proof alone.
// Turned here into the v0.1 bundle they amount to (a message signature over the simple-signing payload, with
// the log entry's inclusion promise), so that sigstore-js checks them the same way as any bundle.

import { createHash } from 'node:crypto';
import { CERTIFICATE_ANNOTATION } from '../signature-manifest.js';

export const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
export const REKOR_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
const BUNDLE_V01 = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
const MAX_ANNOTATION_CHARS = 64 * 1024;

/** Why a layer's keyless material or Rekor proof cannot be read; the caller rejects that one signature. */
export class KeylessLayerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeylessLayerError';
  }
}

/** Whether a `.sig` layer is a keyless signature (it carries a certificate). */
export function isKeylessLayer(annotations: Readonly<Record<string, string>> | undefined): boolean {
  return typeof annotations?.[CERTIFICATE_ANNOTATION] === 'string';
}

/** The serialized v0.1 bundle of a keyless `.sig` layer: `payload` is the layer's blob, `signature` DER. */
export function keylessLayerBundle(
  annotations: Readonly<Record<string, string>>,
  payload: Uint8Array,
  signature: Uint8Array,
): Uint8Array {
  const certificate = annotations[CERTIFICATE_ANNOTATION] ?? '';
  const chain = annotations[CHAIN_ANNOTATION] ?? '';
  if (certificate.length + chain.length > MAX_ANNOTATION_CHARS) {
    throw new KeylessLayerError('the certificate annotations are larger than allowed');
  }
  const certificates = [...pemBlocks(certificate), ...pemBlocks(chain)];
  if (certificates.length === 0 || pemBlocks(certificate).length !== 1) {
    throw new KeylessLayerError(`the ${CERTIFICATE_ANNOTATION} annotation is not one PEM certificate`);
  }
  const proof = annotations[REKOR_BUNDLE_ANNOTATION];
  const tlogEntries = proof === undefined ? [] : [rekorEntry(proof).tlogEntry];
  return layerBundle(
    { x509CertificateChain: { certificates: certificates.map((rawBytes) => ({ rawBytes })) } },
    tlogEntries,
    payload,
    signature,
  );
}

/** Whether a `.sig` layer carries a Rekor proof (cosign's `dev.sigstore.cosign/bundle`). */
export function hasRekorProof(annotations: Readonly<Record<string, string>> | undefined): boolean {
  return typeof annotations?.[REKOR_BUNDLE_ANNOTATION] === 'string';
}

/**
 * The serialized v0.1 bundle of a keyed `.sig` layer logged in Rekor (see {@link hasRekorProof}), for checking
 * its proof against a trusted root; the key is whichever trusted key verifies it. Also answers the public key
 * PEM the log entry names, which must be that key.
 */
export function keyedLayerBundle(
  annotations: Readonly<Record<string, string>>,
  payload: Uint8Array,
  signature: Uint8Array,
): { bundle: Uint8Array; loggedKeyPem: string } {
  const { tlogEntry, kind, body } = rekorEntry(annotations[REKOR_BUNDLE_ANNOTATION] ?? '');
  if (kind !== 'hashedrekord') {
    throw new KeylessLayerError(`the Rekor entry of a keyed signature is a ${kind}, not a hashedrekord`);
  }
  const key = field(field(field(body, 'spec'), 'signature'), 'publicKey');
  const content = field(key, 'content');
  if (typeof content !== 'string') {
    throw new KeylessLayerError('the Rekor entry names no public key (spec.signature.publicKey.content)');
  }
  return {
    bundle: layerBundle({ publicKey: { hint: '' } }, [tlogEntry], payload, signature),
    loggedKeyPem: Buffer.from(content, 'base64').toString('utf8'),
  };
}

function layerBundle(
  material: Record<string, unknown>,
  tlogEntries: unknown[],
  payload: Uint8Array,
  signature: Uint8Array,
): Uint8Array {
  return new Uint8Array(
    Buffer.from(
      JSON.stringify({
        mediaType: BUNDLE_V01,
        verificationMaterial: {
          ...material,
          tlogEntries,
          timestampVerificationData: { rfc3161Timestamps: [] },
        },
        messageSignature: {
          messageDigest: {
            algorithm: 'SHA2_256',
            digest: createHash('sha256').update(payload).digest('base64'),
          },
          signature: Buffer.from(signature).toString('base64'),
        },
      }),
    ),
  );
}

/** Base64 DER of each `CERTIFICATE` block. */
function pemBlocks(pem: string): string[] {
  const blocks: string[] = [];
  for (const match of pem.matchAll(
    /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/gu,
  )) {
    blocks.push((match[1] ?? '').replace(/\s+/gu, ''));
  }
  return blocks;
}

/**
 * cosign's Rekor proof `{SignedEntryTimestamp, Payload:{body,integratedTime,logIndex,logID}}` as a log entry
 * (protobuf JSON), with the entry's kind and decoded body beside it.
 */
function rekorEntry(text: string) {
  if (text.length > MAX_ANNOTATION_CHARS)
    throw new KeylessLayerError('the Rekor bundle annotation is larger than allowed');
  let proof: unknown;
  try {
    proof = JSON.parse(text);
  } catch {
    throw new KeylessLayerError(`the ${REKOR_BUNDLE_ANNOTATION} annotation is not JSON`);
  }
  const set = field(proof, 'SignedEntryTimestamp');
  const payload = field(proof, 'Payload');
  const body = field(payload, 'body');
  const integratedTime = field(payload, 'integratedTime');
  const logIndex = field(payload, 'logIndex');
  const logId = field(payload, 'logID');
  if (
    typeof set !== 'string' ||
    typeof body !== 'string' ||
    typeof integratedTime !== 'number' ||
    typeof logIndex !== 'number' ||
    typeof logId !== 'string' ||
    !/^[0-9a-f]{64}$/u.test(logId)
  ) {
    throw new KeylessLayerError(
      `the ${REKOR_BUNDLE_ANNOTATION} annotation lacks SignedEntryTimestamp or Payload.{body,integratedTime,logIndex,logID}`,
    );
  }
  let entry: unknown;
  let kind: unknown;
  let version: unknown;
  try {
    entry = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as unknown;
    kind = field(entry, 'kind');
    version = field(entry, 'apiVersion');
  } catch {
    throw new KeylessLayerError('the Rekor entry body is not base64 JSON');
  }
  if (typeof kind !== 'string' || typeof version !== 'string') {
    throw new KeylessLayerError('the Rekor entry body names no kind or apiVersion');
  }
  const tlogEntry = {
    logIndex: String(logIndex),
    logId: { keyId: Buffer.from(logId, 'hex').toString('base64') },
    kindVersion: { kind, version },
    integratedTime: String(integratedTime),
    inclusionPromise: { signedEntryTimestamp: set },
    canonicalizedBody: body,
  };
  return { tlogEntry, kind, body: entry };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
