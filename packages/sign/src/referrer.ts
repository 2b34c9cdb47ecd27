// The newer form (cosign 3): a sigstore bundle v0.3 (a DSSE envelope over an in-toto statement, signed by
// sigstore/sign-bundle.ts) stored as an OCI 1.1 artifact whose `subject` is the image, in the shape cosign's
// WriteAttestationNewBundleFormat writes: an empty config, the bundle as the only layer, and the bundle
// content and predicate type in the manifest's annotations. Registries without the referrers API get the
// fallback tag `sha256-<hex>` holding an index of referrers, maintained here.

import { SlipwayError } from '@slipway/errors';
import { bytesBlob, type RepositoryDescriptor, type SignatureRepository } from './repository.js';
import { OCI_MANIFEST, sha256Digest } from './signature-manifest.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
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

export interface BundleReferrerOptions {
  readonly repository: SignatureRepository;
  /** The image the bundle is about (the referrer's `subject`). */
  readonly digest: string;
  /** The signed bundle v0.3 JSON, stored as it is. */
  readonly bundle: Uint8Array;
  /** The statement's predicate type: cosign's sign predicate for a signature, else the attestation's. */
  readonly predicateType: string;
  /** The `org.opencontainers.image.created` time (default: now). */
  readonly created?: Date | undefined;
}

/** Stores the bundle as a referrer of `digest`, keeping the fallback index tag where the API is missing. */
export async function writeBundleReferrer(options: BundleReferrerOptions): Promise<BundleReferrer> {
  const { repository, digest, bundle } = options;
  const subject = await repository.resolve(digest);
  if (subject === undefined) {
    throw new SlipwayError(`manifest ${digest} not found`, {
      where: repository.name,
      fix: 'push the image first',
    });
  }
  const bundleDigest = sha256Digest(bundle);
  const emptyDigest = sha256Digest(EMPTY);
  await Promise.all([
    repository.putBlob(
      { mediaType: BUNDLE_MEDIA_TYPE, digest: bundleDigest, size: bundle.length },
      bytesBlob(bundle),
    ),
    repository.putBlob(
      { mediaType: EMPTY_MEDIA_TYPE, digest: emptyDigest, size: EMPTY.length },
      bytesBlob(EMPTY),
    ),
  ]);
  // cosign: RFC 3339 in whole seconds, UTC.
  const created = (options.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const annotations = {
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': options.predicateType,
    'org.opencontainers.image.created': created,
  };
  // Keys in the order cosign's Go structs marshal them; the config descriptor also carries the
  // artifactType, as cosign writes it.
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: EMPTY_MEDIA_TYPE,
        size: EMPTY.length,
        digest: emptyDigest,
        artifactType: BUNDLE_MEDIA_TYPE,
      },
      layers: [{ mediaType: BUNDLE_MEDIA_TYPE, size: bundle.length, digest: bundleDigest }],
      annotations,
      subject: { mediaType: subject.mediaType, size: subject.size, digest: subject.digest },
      artifactType: BUNDLE_MEDIA_TYPE,
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
