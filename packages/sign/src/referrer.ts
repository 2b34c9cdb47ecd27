// The newer form (cosign 3): a sigstore bundle v0.3 holding a DSSE envelope over an in-toto statement,
// stored as an OCI 1.1 artifact whose `subject` is the image. Registries without the referrers API get
// the fallback tag `sha256-<hex>` holding an index of referrers, maintained here.

import { SlipwayError } from '@slipway/errors';
import type { Signer } from './keys/types.js';
import { bytesBlob, type RepositoryDescriptor, type SignatureRepository } from './repository.js';
import { OCI_MANIFEST, sha256Digest } from './signature-manifest.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const EMPTY = new Uint8Array([0x7b, 0x7d]); // {}

export interface BundleReferrer {
  /** Digest of the artifact manifest whose `subject` is the image. */
  readonly manifestDigest: string;
  /** Digest of the bundle blob. */
  readonly bundleDigest: string;
  /** True when the registry has no referrers API and the `sha256-<hex>` index tag was updated. */
  readonly fallbackTag: boolean;
}

/** DSSE pre-authentication encoding: what the envelope's signature covers. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(`DSSEv1 ${type.length} `, 'utf8'),
      type,
      Buffer.from(` ${payload.length} `, 'utf8'),
      Buffer.from(payload),
    ]),
  );
}

/** The bundle JSON for a signature by `signer` over the image `digest` named `identity`. */
export async function buildBundle(options: {
  digest: string;
  identity: string;
  signer: Signer;
  annotations?: Readonly<Record<string, string>> | undefined;
}): Promise<Uint8Array> {
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: options.identity, digest: { sha256: options.digest.slice('sha256:'.length) } }],
      predicateType: SIGN_PREDICATE_TYPE,
      predicate: options.annotations === undefined ? {} : { annotations: options.annotations },
    }),
  );
  const signature = await options.signer.sign(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, statement));
  const hint = Buffer.from(options.signer.fingerprint, 'hex').toString('base64');
  return new Uint8Array(
    Buffer.from(
      JSON.stringify({
        mediaType: BUNDLE_MEDIA_TYPE,
        verificationMaterial: { publicKey: { hint }, tlogEntries: [] },
        dsseEnvelope: {
          payload: statement.toString('base64'),
          payloadType: IN_TOTO_PAYLOAD_TYPE,
          signatures: [{ sig: Buffer.from(signature).toString('base64'), keyid: '' }],
        },
      }),
    ),
  );
}

/** Stores the bundle as a referrer of `digest`, keeping the fallback index tag where the API is missing. */
export async function writeBundleReferrer(options: {
  repository: SignatureRepository;
  digest: string;
  identity: string;
  signer: Signer;
  annotations?: Readonly<Record<string, string>> | undefined;
}): Promise<BundleReferrer> {
  const { repository, digest } = options;
  const subject = await repository.resolve(digest);
  if (subject === undefined) {
    throw new SlipwayError(`manifest ${digest} not found`, {
      where: repository.name,
      fix: 'push the image first',
    });
  }
  const bundle = await buildBundle(options);
  const bundleDigest = sha256Digest(bundle);
  await Promise.all([
    repository.putBlob(
      { mediaType: BUNDLE_MEDIA_TYPE, digest: bundleDigest, size: bundle.length },
      bytesBlob(bundle),
    ),
    repository.putBlob(
      { mediaType: EMPTY_MEDIA_TYPE, digest: sha256Digest(EMPTY), size: EMPTY.length },
      bytesBlob(EMPTY),
    ),
  ]);
  const annotations = {
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': SIGN_PREDICATE_TYPE,
    'org.opencontainers.image.created': new Date().toISOString(),
  };
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: BUNDLE_MEDIA_TYPE,
      config: { mediaType: EMPTY_MEDIA_TYPE, digest: sha256Digest(EMPTY), size: EMPTY.length },
      layers: [
        {
          mediaType: BUNDLE_MEDIA_TYPE,
          digest: bundleDigest,
          size: bundle.length,
          annotations: {
            'org.opencontainers.image.title': `${bundleDigest.replace(':', '-')}.sigstore.json`,
          },
        },
      ],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations,
    }),
  );
  const manifestDigest = sha256Digest(manifest);
  await repository.putManifest({ digest: manifestDigest, mediaType: OCI_MANIFEST, bytes: manifest }, []);
  const listed = await repository.referrers(digest, BUNDLE_MEDIA_TYPE);
  if (listed.some((descriptor) => descriptor.digest === manifestDigest)) {
    return { manifestDigest, bundleDigest, fallbackTag: false };
  }
  // No referrers API (or it does not list ours yet): keep the `sha256-<hex>` index up to date.
  const descriptor: RepositoryDescriptor = {
    mediaType: OCI_MANIFEST,
    digest: manifestDigest,
    size: manifest.length,
    artifactType: BUNDLE_MEDIA_TYPE,
    annotations,
  };
  await addToFallbackIndex(repository, digest, descriptor);
  return { manifestDigest, bundleDigest, fallbackTag: true };
}

async function addToFallbackIndex(
  repository: SignatureRepository,
  digest: string,
  descriptor: RepositoryDescriptor,
): Promise<void> {
  const tag = digest.replace(':', '-');
  for (let attempt = 1; attempt <= 6; attempt++) {
    const existing = await repository.getManifest(tag);
    let manifests: unknown[] = [];
    if (existing !== undefined) {
      const parsed: unknown = JSON.parse(Buffer.from(existing.bytes).toString('utf8'));
      const list =
        typeof parsed === 'object' && parsed !== null
          ? (parsed as { manifests?: unknown }).manifests
          : undefined;
      if (Array.isArray(list)) manifests = list;
    }
    if (manifests.some((entry) => (entry as { digest?: unknown } | null)?.digest === descriptor.digest))
      return;
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...manifests, descriptor] }),
    );
    const before = await repository.resolve(tag);
    if (before?.digest !== existing?.digest) continue;
    await repository.putManifest({ digest: sha256Digest(index), mediaType: OCI_INDEX, bytes: index }, [tag]);
    return;
  }
  throw new SlipwayError('other writers kept changing the referrers index tag', {
    where: `${repository.name}:${tag}`,
    fix: 'retry signing',
  });
}
