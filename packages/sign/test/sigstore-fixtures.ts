// Sigstore bundles made with sigstore-js directly against the loopback fakes (independent of Slipway's own
// signer), and the two places they are stored: a cosign 3 referrer of the image (with the `sha256-<hex>`
// index tag where the registry has no referrers API) and a cosign 2 keyless layer in the `.sig` tag.

import { createHash, type KeyObject, sign as nodeSign } from 'node:crypto';
import { bundleToJSON } from '@sigstore/bundle';
import {
  type Bundle,
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  type Signer,
  TSAWitness,
  type Witness,
} from '@sigstore/sign';
import type { ImageRepository } from '@slipway/oci';
import type { GitHubOidcServer } from '../../../test/support/githubOidc.js';
import type { SigstoreServices } from '../../../test/support/sigstoreServer.js';
import { keyFingerprint } from '../src/index.js';
import { putJsonBlob, sha256 } from './helpers.js';

export const COSIGN_SIGN_V1 = 'https://sigstore.dev/cosign/sign/v1';
export const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const EMPTY_TYPE = 'application/vnd.oci.empty.v1+json';
const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';

/** A Fulcio signer whose token carries `claims` over the default workflow's. */
export function fulcioSigner(
  services: SigstoreServices,
  oidc: GitHubOidcServer,
  claims: Record<string, unknown> = {},
): Signer {
  return new FulcioSigner({
    fulcioBaseURL: services.fulcioUrl,
    identityProvider: { getToken: async () => oidc.issue('sigstore', claims) },
  });
}

/** A signer with a plain key, as `cosign sign --key` makes bundles. */
export function keySigner(privateKey: KeyObject, publicKey: KeyObject): Signer {
  return {
    sign: async (data) => ({
      signature: nodeSign('sha256', data, privateKey),
      key: {
        $case: 'publicKey',
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        hint: Buffer.from(keyFingerprint(publicKey), 'hex').toString('base64'),
      },
    }),
  };
}

export function tsa(services: SigstoreServices): Witness {
  return new TSAWitness({ tsaBaseURL: services.tsaUrl });
}

export function rekor(services: SigstoreServices): Witness {
  return new RekorWitness({ rekorBaseURL: services.rekorUrl });
}

/** The in-toto statement cosign 3 signs for an image. */
export function cosignStatement(digest: string, name: string, predicateType = COSIGN_SIGN_V1): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name, digest: { sha256: digest.slice('sha256:'.length) } }],
      predicateType,
      predicate: {},
    }),
  );
}

export async function dsseBundle(signer: Signer, witnesses: Witness[], statement: Buffer): Promise<Bundle> {
  return new DSSEBundleBuilder({ signer, witnesses }).create({
    data: statement,
    type: 'application/vnd.in-toto+json',
  });
}

export function bundleBytes(bundle: Bundle): Buffer {
  return Buffer.from(JSON.stringify(bundleToJSON(bundle)));
}

/** Stores `bundle` as a referrer of `digest` in cosign 3's shape; keeps the fallback index tag too. */
export async function putBundleReferrer(
  repository: ImageRepository,
  digest: string,
  bundle: Uint8Array,
  predicateType = COSIGN_SIGN_V1,
): Promise<string> {
  const subject = await repository.resolve(digest);
  if (subject === undefined) throw new Error(`no manifest ${digest}`);
  const layer = { mediaType: BUNDLE_TYPE, digest: sha256(bundle), size: bundle.length };
  await repository.putBlob(layer, async () => ({
    size: bundle.length,
    stream: (async function* () {
      yield bundle;
    })(),
  }));
  const config = await putJsonBlob(repository, {}, EMPTY_TYPE);
  const annotations = {
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': predicateType,
  };
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      artifactType: BUNDLE_TYPE,
      config,
      layers: [layer],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations,
    }),
  );
  const manifestDigest = sha256(bytes);
  await repository.putManifest({ digest: manifestDigest, mediaType: MANIFEST_TYPE, bytes }, []);
  const listed = await repository.referrers(digest, BUNDLE_TYPE);
  if (listed.some((descriptor) => descriptor.digest === manifestDigest)) return manifestDigest;
  const tag = digest.replace(':', '-');
  const existing = await repository.getManifest(tag);
  const manifests =
    existing === undefined
      ? []
      : (JSON.parse(Buffer.from(existing.bytes).toString('utf8')) as { manifests: unknown[] }).manifests;
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: INDEX_TYPE,
      manifests: [
        ...manifests,
        {
          mediaType: MANIFEST_TYPE,
          digest: manifestDigest,
          size: bytes.length,
          artifactType: BUNDLE_TYPE,
          annotations,
        },
      ],
    }),
  );
  await repository.putManifest({ digest: sha256(index), mediaType: INDEX_TYPE, bytes: index }, [tag]);
  return manifestDigest;
}

/** cosign's simple-signing payload for `digest` named `reference`. */
export function simpleSigningPayload(digest: string, reference: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': reference },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
}

/**
 * A cosign 2 keyless signature: a message signature over `payload` by a Fulcio certificate, logged in Rekor,
 * written as cosign 2 does into the `.sig` tag (certificate, chain and Rekor proof as layer annotations).
 */
export async function putKeylessSigLayer(
  repository: ImageRepository,
  digest: string,
  payload: Buffer,
  signer: Signer,
  witnesses: Witness[],
  /** `dropProof`: leave the Rekor proof out; `store`: store other bytes than were signed (tampering). */
  options: { dropProof?: boolean; store?: Buffer } = {},
): Promise<void> {
  const bundle = bundleToJSON(
    await new MessageSignatureBundleBuilder({ signer, witnesses }).create({ data: payload }),
  );
  const material = bundle.verificationMaterial;
  const certificates =
    material.x509CertificateChain?.certificates ??
    (material.certificate === undefined ? [] : [material.certificate]);
  const pem = (b64: string) =>
    `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  const [leaf, ...chain] = certificates.map((certificate) => pem(certificate.rawBytes));
  const signature = bundle.messageSignature?.signature ?? '';
  const annotations: Record<string, string> = {
    'dev.cosignproject.cosign/signature': signature,
    'dev.sigstore.cosign/certificate': leaf ?? '',
    'dev.sigstore.cosign/chain': chain.join(''),
  };
  const entry = material.tlogEntries[0];
  if (entry !== undefined && options.dropProof !== true) {
    annotations['dev.sigstore.cosign/bundle'] = JSON.stringify({
      SignedEntryTimestamp: entry.inclusionPromise?.signedEntryTimestamp,
      Payload: {
        body: entry.canonicalizedBody,
        integratedTime: Number(entry.integratedTime),
        logIndex: Number(entry.logIndex),
        logID: Buffer.from(entry.logId.keyId, 'base64').toString('hex'),
      },
    });
  }
  const stored = options.store ?? payload;
  const layer = {
    mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
    digest: sha256(stored),
    size: stored.length,
    annotations,
  };
  await repository.putBlob(layer, async () => ({
    size: stored.length,
    stream: (async function* () {
      yield stored;
    })(),
  }));
  const config = await putJsonBlob(
    repository,
    { architecture: '', os: '', config: {}, rootfs: { type: 'layers', diff_ids: [layer.digest] } },
    'application/vnd.oci.image.config.v1+json',
  );
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST_TYPE, config, layers: [layer] }),
  );
  await repository.putManifest({ digest: sha256(bytes), mediaType: MANIFEST_TYPE, bytes }, [
    `${digest.replace(':', '-')}.sig`,
  ]);
}

export function flipByte(base64: string, at = 10): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
