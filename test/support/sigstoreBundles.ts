// Sigstore bundles for tests, made with sigstore-js directly against the loopback services, and their
// storage as an OCI 1.1 referrer in cosign 3's shape. One function makes a bundle (`BundleSource`), so a
// test can be pointed at Slipway's own keyless signer by swapping that function alone.

import { createHash } from 'node:crypto';
import type { Descriptor, ImageRepository, StoredManifest } from '@slipway/oci';
import type { GitHubOidcServer } from './githubOidc.js';
import type { SigstoreServices } from './sigstoreServer.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
export const SLSA_PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const EMPTY = new Uint8Array([0x7b, 0x7d]); // {}

/** Signs an in-toto statement into a bundle v0.3 (JSON bytes) with a DSSE envelope. */
export type BundleSource = (statement: Uint8Array) => Promise<Uint8Array>;

/** The in-toto v1 statement about one image digest. */
export function inTotoStatement(options: {
  name: string;
  digest: string;
  predicateType?: string;
  predicate?: unknown;
}): Uint8Array {
  return new Uint8Array(
    Buffer.from(
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: options.name, digest: { sha256: options.digest.replace(/^sha256:/, '') } }],
        predicateType: options.predicateType ?? COSIGN_SIGN_PREDICATE,
        predicate: options.predicate ?? {},
      }),
    ),
  );
}

/**
 * sigstore-js keyless: a Fulcio certificate for the fake GitHub workflow token and an RFC 3161 timestamp
 * (the mock Rekor's DSSE entries do not verify, so DSSE goes through the TSA). Loaded lazily, as Slipway does.
 */
export function sigstoreJsKeyless(services: SigstoreServices, oidc: GitHubOidcServer): BundleSource {
  return async (statement) => {
    const { DSSEBundleBuilder, FulcioSigner, TSAWitness } = await import('@sigstore/sign');
    const { bundleToJSON } = await import('@sigstore/bundle');
    const signer = new FulcioSigner({
      fulcioBaseURL: services.fulcioUrl,
      identityProvider: { getToken: async () => oidc.issue('sigstore') },
    });
    const bundle = await new DSSEBundleBuilder({
      signer,
      witnesses: [new TSAWitness({ tsaBaseURL: services.tsaUrl })],
    }).create({ data: Buffer.from(statement), type: IN_TOTO_PAYLOAD_TYPE });
    return new Uint8Array(Buffer.from(JSON.stringify(bundleToJSON(bundle))));
  };
}

/** Verifies bundle bytes with sigstore-js against the services' trusted root; throws when it does not verify. */
export async function verifyWithSigstoreJs(
  services: SigstoreServices,
  bundle: Uint8Array,
): Promise<{ subjectAlternativeName?: string; issuer?: string }> {
  const { bundleFromJSON } = await import('@sigstore/bundle');
  const { TrustedRoot } = await import('@sigstore/protobuf-specs');
  const { toSignedEntity, toTrustMaterial, Verifier } = await import('@sigstore/verify');
  const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(services.trustedRoot)), {
    tlogThreshold: 0,
    ctlogThreshold: 1,
    timestampThreshold: 1,
  });
  const parsed = bundleFromJSON(JSON.parse(Buffer.from(bundle).toString('utf8')));
  const signer = verifier.verify(toSignedEntity(parsed));
  return {
    ...(signer.identity?.subjectAlternativeName === undefined
      ? {}
      : { subjectAlternativeName: signer.identity.subjectAlternativeName }),
    ...(signer.identity?.extensions?.issuer === undefined
      ? {}
      : { issuer: signer.identity.extensions.issuer }),
  };
}

function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Stores `bundle` as a referrer of `subject` in `repository` the way cosign 3 does: an artifact manifest
 * with the empty config, artifactType the bundle media type, one bundle layer and `subject`. Only the
 * manifest is stored; the caller maintains any fallback index (so tests can shape it).
 */
export async function putBundleReferrer(options: {
  repository: ImageRepository;
  subject: Descriptor;
  bundle: Uint8Array;
  predicateType: string;
  created?: string;
}): Promise<StoredManifest & { descriptor: Descriptor & { artifactType: string } }> {
  const { repository, bundle } = options;
  const bundleDescriptor = {
    mediaType: BUNDLE_MEDIA_TYPE,
    digest: digestOf(bundle),
    size: bundle.byteLength,
  };
  const emptyDescriptor = { mediaType: EMPTY_MEDIA_TYPE, digest: digestOf(EMPTY), size: EMPTY.byteLength };
  for (const [descriptor, bytes] of [
    [bundleDescriptor, bundle],
    [emptyDescriptor, EMPTY],
  ] as const) {
    if (!(await repository.hasBlob(descriptor.digest))) {
      await repository.putBlob(descriptor, async () => ({
        size: bytes.byteLength,
        stream: (async function* () {
          yield bytes;
        })(),
      }));
    }
  }
  const annotations = {
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': options.predicateType,
    'org.opencontainers.image.created': options.created ?? '2026-12-05T00:00:00Z',
  };
  const bytes = new Uint8Array(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: BUNDLE_MEDIA_TYPE,
        config: emptyDescriptor,
        layers: [
          {
            ...bundleDescriptor,
            annotations: {
              'org.opencontainers.image.title': `${bundleDescriptor.digest.replace(':', '-')}.sigstore.json`,
            },
          },
        ],
        subject: {
          mediaType: options.subject.mediaType,
          digest: options.subject.digest,
          size: options.subject.size,
        },
        annotations,
      }),
    ),
  );
  const manifest: StoredManifest = { digest: digestOf(bytes), mediaType: OCI_MANIFEST, bytes };
  await repository.putManifest(manifest, []);
  return {
    ...manifest,
    descriptor: {
      mediaType: OCI_MANIFEST,
      digest: manifest.digest,
      size: bytes.byteLength,
      artifactType: BUNDLE_MEDIA_TYPE,
      annotations,
    },
  };
}
