// Adding a signature: read-modify-write of the `sha256-<hex>.sig` manifest, safe against other signers
// writing the same tag at the same time.

import { verify as verifySignature } from 'node:crypto';
import { SlipwayError } from '@slipway/errors';
import { isDigest, parseReference } from '@slipway/oci';
import { isDerEcdsaSignature } from './keys/der.js';
import type { Signer } from './keys/types.js';
import { buildPayload } from './payload.js';
import {
  bytesBlob,
  type RepositoryManifest,
  type RepositoryPendingUpload,
  type SignatureRepository,
} from './repository.js';
import {
  encodeSignatureManifest,
  type LayerJson,
  layerSignature,
  OCI_MANIFEST,
  parseSignatureManifest,
  SIGNATURE_ANNOTATION,
  type SignatureManifest,
  sha256Digest,
  signatureLayer,
  signatureTag,
} from './signature-manifest.js';
import { logLayerSignature, type TlogUpload } from './sigstore/rekor-layer-proof.js';
import { type BundleWitnesses, type ImageBundle, signImageBundle } from './sigstore/sign-image-bundle.js';

const SETTLE_MIN_MS = 5;
const SETTLE_FACTOR = 1.5;
const SETTLE_MAX_MS = 2000;
const CHILDREN_AT_ONCE = 4;
const INDEX_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];

export interface SignImageOptions {
  readonly repository: SignatureRepository;
  /** The manifest digest to sign (for a multi-platform image: the index's). */
  readonly digest: string;
  readonly signer: Signer;
  /**
   * The `docker-reference` the payload names. Default: the repository without tag, as cosign writes it
   * (required for an OCI layout, whose name is no image reference).
   */
  readonly identity?: string | undefined;
  /** Written into the payload's `optional`. */
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  /** For an index, also sign each manifest it lists. */
  readonly recursive?: boolean | undefined;
  /**
   * Log each `.sig` signature in this Rekor (v1, a `hashedrekord` entry) and keep the proof in the layer, as
   * cosign 2 `sign --key --tlog-upload` does: a default `cosign verify --key` needs it. Default: no log.
   */
  readonly tlog?: TlogUpload | undefined;
  /** Also store an OCI 1.1 referrer: a sigstore bundle v0.3 with a DSSE envelope, as cosign 3 does. */
  readonly referrer?: boolean | undefined;
  /** With `referrer`: a Rekor and/or timestamp authority to witness the bundle (default: none). */
  readonly bundleWitnesses?: BundleWitnesses | undefined;
  /** Read-modify-write attempts when other signers keep changing the tag. Default 6. */
  readonly maxAttempts?: number | undefined;
}

export interface SignedManifest {
  /** The manifest digest signed. */
  readonly digest: string;
  /** `sha256-<hex>.sig`. */
  readonly signatureTag: string;
  /** The digest of the `.sig` manifest after signing. */
  readonly signatureManifestDigest: string;
  /** False when an identical signature by the same key was already there (nothing written). */
  readonly added: boolean;
}

export interface SignResult extends SignedManifest {
  readonly keyFingerprint: string;
  /** The `docker-reference` signed. */
  readonly identity: string;
  /** With `recursive`: the platform manifests of the index, each signed too. */
  readonly children: readonly SignedManifest[];
  /** With `referrer`: the bundle stored as a referrer of the image. */
  readonly referrer?: ImageBundle | undefined;
}

/** Signs `digest` in `repository` with `signer`; see {@link SignImageOptions}. */
export async function signImage(options: SignImageOptions): Promise<SignResult> {
  const { repository, digest, signer } = options;
  if (!isDigest(digest)) {
    throw new SlipwayError(`"${digest}" is not a manifest digest`, {
      where: repository.name,
      fix: 'sign by digest (sha256:…): resolve the tag first so the signature names the exact image',
    });
  }
  const identity = defaultIdentity(repository, options.identity);
  const children: SignedManifest[] = [];
  if (options.recursive === true) {
    // Each platform has its own `.sig` tag: sign a few at once, each paying its round trips in parallel.
    const digests = await indexChildDigests(repository, digest);
    for (let start = 0; start < digests.length; start += CHILDREN_AT_ONCE) {
      const batch = digests.slice(start, start + CHILDREN_AT_ONCE);
      children.push(...(await Promise.all(batch.map((child) => addSignature(options, child, identity)))));
    }
  }
  const main = await addSignature(options, digest, identity);
  const referrer =
    options.referrer === true
      ? await signImageBundle({
          repository,
          digest,
          signer: { kind: 'key', signer },
          annotations: options.annotations,
          ...options.bundleWitnesses,
        })
      : undefined;
  return {
    ...main,
    keyFingerprint: signer.fingerprint,
    identity,
    children,
    ...(referrer === undefined ? {} : { referrer }),
  };
}

/** The platform manifests an index lists (none for a single manifest), for signing each of them too. */
export async function indexChildDigests(repository: SignatureRepository, digest: string): Promise<string[]> {
  const manifest = await repository.getManifest(digest);
  if (manifest === undefined) throw imageNotFound(repository, digest);
  return INDEX_MEDIA_TYPES.includes(manifest.mediaType) ? indexChildren(manifest.bytes) : [];
}

function defaultIdentity(repository: SignatureRepository, identity: string | undefined): string {
  // A layout standing in for a registry repository (a local store) carries that repository's name.
  const named = repository.registry !== undefined || !repository.name.startsWith('oci:');
  const text = identity ?? (named ? repository.name : undefined);
  if (text === undefined) {
    throw new SlipwayError('an OCI layout has no image name to put in the signature', {
      where: repository.name,
      fix: 'pass the identity: the repository the image will be pulled from, e.g. registry.example.com/shop/cart',
    });
  }
  try {
    parseReference(text);
  } catch (error) {
    throw new SlipwayError(`the signature identity "${text}" is not an image reference`, {
      where: repository.name,
      fix: 'give a repository such as registry.example.com/shop/cart (optionally with :tag)',
      cause: error,
    });
  }
  return text;
}

async function addSignature(
  options: SignImageOptions,
  digest: string,
  identity: string,
): Promise<SignedManifest> {
  const { repository, signer } = options;
  const tag = signatureTag(digest);
  const where = `${repository.name}:${tag}`;
  const payload = buildPayload({
    dockerReference: identity,
    manifestDigest: digest,
    annotations: options.annotations,
  });
  const payloadDigest = sha256Digest(payload);
  const signature = await signer.sign(payload);
  if (!isDerEcdsaSignature(signature)) {
    throw new SlipwayError(`${signer.description} produced a signature that is not ASN.1 DER`, {
      fix: 'use a P-256 key; cosign and containers/image read DER ECDSA signatures only',
    });
  }
  const plain = signatureLayer(payload, signature);
  // With a log, the layer is known only once Rekor has taken the signature. Rekor is asked only when the
  // tag lacks the signature (no entry for a signature never written), before anything is written, and
  // once: a retry after contention reuses the entry.
  const { tlog } = options;
  let ours: Promise<LayerJson> | undefined;
  const layerToWrite = () => {
    ours ??=
      tlog === undefined
        ? Promise.resolve(plain)
        : logLayerSignature({ payload, signature, signer, tlog }).then((proof) => ({
            ...plain,
            annotations: { ...plain.annotations, ...proof },
          }));
    return ours;
  };
  const payloadDescriptor = { mediaType: plain.mediaType, digest: payloadDigest, size: payload.length };
  let payloadPushed = false;
  const attempts = options.maxAttempts ?? 6;

  for (let attempt = 1; ; attempt++) {
    // Round 1: the read of the tag and the upload sessions at once. The payload blob does not depend on
    // the read; the config blob does, but only its content, not the opening of its session.
    const payloadUpload = payloadPushed ? undefined : openUpload(repository);
    const configUpload = openUpload(repository);
    const opened = payloadUpload === undefined ? [configUpload] : [payloadUpload, configUpload];
    // Leaving before round 2 gives the sessions back rather than leave them open on the registry.
    const release = () => Promise.all(opened.map((upload) => upload.cancel()));
    let existing: RepositoryManifest | undefined;
    let current: SignatureManifest | undefined;
    try {
      existing = await repository.getManifest(tag);
      current = existing === undefined ? undefined : parseSignatureManifest(existing.bytes, where);
    } catch (error) {
      await release();
      throw error;
    }
    const layers = current?.layers ?? [];
    if (existing !== undefined && layers.some((layer) => sameSigner(layer, payloadDigest, payload, signer))) {
      await release();
      return { digest, signatureTag: tag, signatureManifestDigest: existing.digest, added: false };
    }
    let layer: LayerJson;
    try {
      layer = await layerToWrite();
    } catch (error) {
      await release();
      throw error;
    }
    const encoded = encodeSignatureManifest([...layers, layer], current?.annotations);
    // Round 2: the blobs, and the race check: has another signer written the tag since our read? The
    // check goes out as soon as the first blob is in, alongside the other. Asked any earlier, it would
    // leave a longer stretch between its answer and our manifest landing, and the settle below (which
    // must outlast that stretch) longer with it.
    const uploads = [
      payloadUpload?.put(payloadDescriptor, bytesBlob(payload)).then(() => {
        payloadPushed = true;
      }),
      configUpload.put(encoded.configDescriptor, bytesBlob(encoded.config)),
    ].filter((upload): upload is Promise<void> => upload !== undefined);
    let checked = 0;
    const check = Promise.race(uploads)
      .then(() => repository.resolve(tag))
      .then((descriptor) => {
        checked = performance.now();
        return descriptor;
      });
    const [before] = await Promise.all([check, ...uploads]);
    if (before?.digest !== existing?.digest) {
      if (attempt >= attempts) throw contended(where, attempts);
      await backoff(attempt);
      continue;
    }
    // Round 3: the manifest, now that the blobs it names are in and the tag is still as we read it.
    try {
      await repository.putManifest(
        { digest: encoded.manifestDigest, mediaType: OCI_MANIFEST, bytes: encoded.manifest },
        [tag],
      );
    } catch (error) {
      // putManifest hashed these bytes before sending them, so DIGEST_INVALID is not about them: it is
      // distribution's answer while another signer rewrites the link file of the payload blob we share,
      // and it passes. Not the same PUT again (the tag may move meanwhile, and the PUT would then drop
      // the other signature): read afresh and merge, as after any contention.
      if (errorCode(error) === 'DIGEST_INVALID' && attempt < attempts) {
        await backoff(attempt);
        continue;
      }
      throw refusedRewrite(error, where, existing !== undefined) ?? error;
    }
    // Registries have no conditional PUT: a writer whose check was answered just before our PUT landed
    // may still overwrite us. Its PUT lands within about its own time from check answered to PUT answered
    // after ours. Signers do the same work, so ours stands in for it: from our check's answer to our PUT's
    // answer, which takes in whatever of the blob uploads was still under way when the check answered.
    // Wait that long with half again as margin (at least 5 ms, at most 2 s), then make sure our layer is
    // in the tag; if not, go round again.
    await sleep(
      Math.min(SETTLE_MAX_MS, Math.max(SETTLE_MIN_MS, SETTLE_FACTOR * (performance.now() - checked))),
    );
    const after = await repository.resolve(tag);
    if (after?.digest === encoded.manifestDigest) {
      return { digest, signatureTag: tag, signatureManifestDigest: encoded.manifestDigest, added: true };
    }
    const now = await repository.getManifest(tag);
    if (
      now !== undefined &&
      parseSignatureManifest(now.bytes, where).layers.some((found) => sameLayer(found, layer))
    ) {
      return { digest, signatureTag: tag, signatureManifestDigest: now.digest, added: true };
    }
    if (attempt >= attempts) throw contended(where, attempts);
    await backoff(attempt);
  }
}

/**
 * An upload whose session is opening already, where the repository can do that (a registry); else a
 * plain putBlob when the content is known.
 */
function openUpload(repository: SignatureRepository): RepositoryPendingUpload {
  if (repository.startUpload === undefined) {
    return { put: (descriptor, open) => repository.putBlob(descriptor, open), cancel: async () => {} };
  }
  const opening = repository.startUpload();
  // A session that failed to open is dealt with by put or cancel; until then it is no unhandled rejection.
  opening.catch(() => {});
  const session = () => opening.catch(() => undefined);
  return {
    put: async (descriptor, open) => {
      const pending = await session();
      // putBlob opens a session of its own, with its retries, and reports what keeps failing.
      await (pending === undefined ? repository.putBlob(descriptor, open) : pending.put(descriptor, open));
    },
    cancel: async () => {
      await (await session())?.cancel();
    },
  };
}

/** A layer with our exact payload, signed by our key: signing again would add nothing. */
function sameSigner(layer: LayerJson, payloadDigest: string, payload: Uint8Array, signer: Signer): boolean {
  if (layer.digest !== payloadDigest) return false;
  const signature = layerSignature(layer);
  if (signature === undefined || !isDerEcdsaSignature(signature)) return false;
  return verifySignature('sha256', payload, { key: signer.publicKey, dsaEncoding: 'der' }, signature);
}

function sameLayer(a: LayerJson, b: LayerJson): boolean {
  return (
    a.digest === b.digest && a.annotations?.[SIGNATURE_ANNOTATION] === b.annotations?.[SIGNATURE_ANNOTATION]
  );
}

function indexChildren(bytes: Uint8Array): string[] {
  const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
  const manifests =
    typeof parsed === 'object' && parsed !== null ? (parsed as { manifests?: unknown }).manifests : undefined;
  if (!Array.isArray(manifests)) return [];
  const digests: string[] = [];
  for (const entry of manifests) {
    const digest =
      typeof entry === 'object' && entry !== null ? (entry as { digest?: unknown }).digest : undefined;
    if (typeof digest === 'string' && isDigest(digest) && !digests.includes(digest)) digests.push(digest);
  }
  return digests;
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** ECR and others refuse to move an existing tag in an immutable repository. */
function refusedRewrite(error: unknown, where: string, existed: boolean): SlipwayError | undefined {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const immutable =
    code === 'TAG_INVALID' ||
    code === 'ImageTagAlreadyExistsException' ||
    /immutable|cannot be overwritten|already exists/i.test(message);
  if (!immutable || !existed) return undefined;
  return new SlipwayError('the repository refused to rewrite the signature tag: its tags are immutable', {
    where,
    fix: 'make the repository tags mutable for signatures (ECR: image tag mutability IMMUTABLE_WITH_EXCLUSION with an exclusion filter "sha256-*.sig", or MUTABLE), or sign each digest only once',
    cause: error,
  });
}

function contended(where: string, attempts: number): SlipwayError {
  return new SlipwayError(
    `other signers kept changing the signature tag; gave up after ${attempts} attempts`,
    {
      where,
      fix: 'retry the signing step; avoid running many signers on one digest at once',
    },
  );
}

function imageNotFound(repository: SignatureRepository, digest: string): SlipwayError {
  return new SlipwayError(`manifest ${digest} not found`, {
    where: repository.name,
    fix: 'push the image first, or check the repository and digest',
  });
}

function backoff(attempt: number): Promise<void> {
  return sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random()));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
