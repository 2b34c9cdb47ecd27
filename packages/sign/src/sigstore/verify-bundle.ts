// Checking Sigstore bundles: the cosign 3 form (a v0.3 bundle stored as an OCI referrer of the image, a DSSE
// envelope over an in-toto statement) and, through `checkSigstoreBundle`, the cosign 2 keyless `.sig` layers
// turned into bundles. sigstore-js does the cryptography (certificate chain, SCTs, transparency log,
// timestamps, signature); this module decides what is trusted: which keys, which identities, which thresholds.
// sigstore-js is imported only inside the functions that need it.

import type { Bundle } from '@sigstore/bundle';
import type { X509Certificate } from '@sigstore/core';
import type { SignedEntity, TrustMaterial } from '@sigstore/verify';
import { SlipwayError } from '@slipway/errors';
import type { Verifier } from '../keys/types.js';
import { BUNDLE_MEDIA_TYPE } from '../referrer.js';
import { readBlob, type SignatureRepository } from '../repository.js';
import type { RejectedSignature } from '../verify.js';
import {
  type CertificateIdentity,
  type IdentityRequirement,
  identityMismatch,
  verifiedByIdentity,
} from './identity.js';
import { readStatement, type SignedStatement, StatementError } from './read-statement.js';
import { IN_TOTO_PAYLOAD_TYPE } from './statement.js';
import type { TrustRoot } from './trust.js';

const PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
/** Bundles hold a statement and a certificate chain; provenance statements run to tens of kilobytes. */
export const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;
const MAX_REFERRER_MANIFEST_BYTES = 64 * 1024;
/** More referrers than this on one digest is not a signing history but an attack on the verifier. */
const MAX_BUNDLE_REFERRERS = 256;

/** Who a bundle's signature is by, once sigstore-js and our trust rules accept it. */
export interface VerifiedBundleSigner {
  /** The key fingerprint, or the identity in {@link verifiedByIdentity}'s form. */
  readonly signedBy: string;
  readonly keyFingerprint?: string | undefined;
  /** The trusted key's description, or `certificate <subject> (<issuer>)`. */
  readonly description: string;
  readonly identity?: CertificateIdentity | undefined;
}

export interface VerifiedBundle extends VerifiedBundleSigner {
  /** The referrer manifest the bundle came in. */
  readonly manifestDigest: string;
  readonly statement: SignedStatement;
}

export interface VerifyBundleReferrersOptions {
  readonly repository: SignatureRepository;
  /** The image's manifest digest: the statement's subject must be it. */
  readonly digest: string;
  /** Only statements of this type count (`https://sigstore.dev/cosign/sign/v1` for signatures). */
  readonly predicateType: string;
  readonly keys: readonly Verifier[];
  readonly identities: readonly IdentityRequirement[];
  /** Needed for keyless bundles (and to check the log entries of keyed ones). */
  readonly trustRoot?: TrustRoot | undefined;
}

export interface BundleReferrersResult {
  readonly verified: VerifiedBundle[];
  readonly rejected: RejectedSignature[];
}

/**
 * The image's bundle referrers of `predicateType`, each verified. One bad bundle is a rejection with its
 * reason; registry trouble (other than a missing blob) stops everything.
 */
export async function verifyBundleReferrers(
  options: VerifyBundleReferrersOptions,
): Promise<BundleReferrersResult> {
  const { repository, digest, predicateType } = options;
  const listed = await repository.referrers(digest, BUNDLE_MEDIA_TYPE);
  const candidates = listed.filter(
    (descriptor) => descriptor.artifactType === undefined || descriptor.artifactType === BUNDLE_MEDIA_TYPE,
  );
  const verified: VerifiedBundle[] = [];
  const rejected: RejectedSignature[] = [];
  for (const descriptor of candidates.slice(0, MAX_BUNDLE_REFERRERS)) {
    // The annotation is only a hint (it is not signed): it saves reading other attestations' bundles. The
    // statement's own predicate type is checked after verification.
    const announced = descriptor.annotations?.[PREDICATE_ANNOTATION];
    if (announced !== undefined && announced !== predicateType) continue;
    const reject = (reason: RejectedSignature['reason'], detail: string) =>
      rejected.push({ layerDigest: descriptor.digest, reason, detail });
    const bytes = await readReferrerBundle(repository, descriptor.digest);
    if (typeof bytes === 'string') {
      reject('unreadable', bytes);
      continue;
    }
    const outcome = await checkSigstoreBundle({
      bytes,
      keys: options.keys,
      identities: options.identities,
      trustRoot: options.trustRoot,
    });
    if ('reason' in outcome) {
      reject(outcome.reason, outcome.detail);
      continue;
    }
    if (outcome.statement === undefined) {
      reject(
        'invalid-payload',
        'the bundle holds a message signature, not a DSSE envelope over an in-toto statement',
      );
      continue;
    }
    const { statement } = outcome;
    const hex = digest.slice('sha256:'.length);
    if (!statement.subject.some((subject) => subject.sha256 === hex)) {
      reject(
        'digest-mismatch',
        `the statement's subject is ${statement.subject.map((s) => `sha256:${s.sha256.slice(0, 12)}`).join(', ')}, not ${digest}`,
      );
      continue;
    }
    if (statement.predicateType !== predicateType) {
      reject(
        'invalid-payload',
        `the statement's predicate type is ${statement.predicateType}, not ${predicateType}`,
      );
      continue;
    }
    verified.push({ ...outcome.signer, manifestDigest: descriptor.digest, statement });
  }
  return { verified, rejected };
}

/** The bundle blob of a referrer manifest, or why it cannot be read. */
async function readReferrerBundle(
  repository: SignatureRepository,
  manifestDigest: string,
): Promise<Uint8Array | string> {
  const manifest = await repository.getManifest(manifestDigest);
  if (manifest === undefined) return `the referrer manifest ${manifestDigest} is missing`;
  if (manifest.bytes.length > MAX_REFERRER_MANIFEST_BYTES) {
    return `the referrer manifest is ${manifest.bytes.length} bytes, more than allowed`;
  }
  let layer: { digest: string; size: number } | undefined;
  try {
    const parsed = JSON.parse(Buffer.from(manifest.bytes).toString('utf8')) as { layers?: unknown };
    const layers = Array.isArray(parsed.layers) ? (parsed.layers as unknown[]) : [];
    const found = layers.find(
      (entry): entry is { mediaType: string; digest: string; size: number } =>
        typeof entry === 'object' &&
        entry !== null &&
        (entry as { mediaType?: unknown }).mediaType === BUNDLE_MEDIA_TYPE &&
        typeof (entry as { digest?: unknown }).digest === 'string' &&
        typeof (entry as { size?: unknown }).size === 'number',
    );
    layer = found;
  } catch {
    return 'the referrer manifest is not JSON';
  }
  if (layer === undefined) return 'the referrer manifest has no bundle layer';
  if (layer.size > MAX_BUNDLE_BYTES) return `the bundle is ${layer.size} bytes, more than allowed`;
  try {
    return await readBlob(repository, layer.digest, MAX_BUNDLE_BYTES);
  } catch (error) {
    const kind = typeof error === 'object' && error !== null ? (error as { kind?: unknown }).kind : undefined;
    if (error instanceof SlipwayError && kind !== 'not-found') throw error;
    return `the bundle blob cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export type BundleRejection = Pick<RejectedSignature, 'reason' | 'detail'>;

/**
 * Verifies one serialized bundle (any version sigstore-js reads). `artifact` is the signed bytes of a
 * message-signature bundle; DSSE bundles carry theirs. Answers the signer and, for DSSE, the statement.
 */
export async function checkSigstoreBundle(options: {
  bytes: Uint8Array;
  artifact?: Uint8Array | undefined;
  keys: readonly Verifier[];
  identities: readonly IdentityRequirement[];
  trustRoot: TrustRoot | undefined;
}): Promise<{ signer: VerifiedBundleSigner; statement: SignedStatement | undefined } | BundleRejection> {
  const { bundleFromJSON } = await import('@sigstore/bundle');
  const { toSignedEntity } = await import('@sigstore/verify');
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(Buffer.from(options.bytes).toString('utf8')));
  } catch (error) {
    return { reason: 'invalid-payload', detail: `the bundle cannot be read: ${message(error)}` };
  }
  let entity: SignedEntity;
  try {
    entity = toSignedEntity(
      bundle,
      options.artifact === undefined ? undefined : Buffer.from(options.artifact),
    );
  } catch (error) {
    return { reason: 'invalid-payload', detail: `the bundle cannot be read: ${message(error)}` };
  }
  const checked =
    entity.key.$case === 'certificate'
      ? await checkKeyless(entity, entity.key.certificate, options.identities, options.trustRoot)
      : await checkKeyed(entity, options.keys, options.trustRoot);
  if ('reason' in checked) return checked;
  if (bundle.content.$case !== 'dsseEnvelope') return { signer: checked, statement: undefined };
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return {
      reason: 'invalid-payload',
      detail: `the envelope's payload type is ${envelope.payloadType}, not ${IN_TOTO_PAYLOAD_TYPE}`,
    };
  }
  try {
    return { signer: checked, statement: readStatement(envelope.payload) };
  } catch (error) {
    if (error instanceof StatementError) return { reason: 'invalid-payload', detail: error.message };
    throw error;
  }
}

async function checkKeyless(
  entity: SignedEntity,
  leaf: X509Certificate,
  identities: readonly IdentityRequirement[],
  trustRoot: TrustRoot | undefined,
): Promise<VerifiedBundleSigner | BundleRejection> {
  if (identities.length === 0) {
    return {
      reason: 'untrusted-identity',
      detail: 'a keyless (certificate) signature, and no certificate identity is trusted',
    };
  }
  if (trustRoot === undefined) {
    return {
      reason: 'untrusted-ca',
      detail: 'a keyless signature, and no trusted root to check its certificate with',
    };
  }
  // sigstore-js checks timestamps before the chain, so a certificate from another Sigstore instance would
  // read as a bad timestamp; look at the issuer first to say what is really wrong.
  if (!issuedByTrustedCa(leaf, trustRoot.material)) {
    return {
      reason: 'untrusted-ca',
      detail: `the certificate (${leaf.subjectAltName ?? 'no subject'}) is not issued by a certificate authority of ${trustRoot.description}`,
    };
  }
  const { Verifier } = await import('@sigstore/verify');
  // As cosign: a keyless signature needs a proof of when it was made, from the log or a timestamp authority.
  const verifier = new Verifier(trustRoot.material, {
    tlogThreshold: 0,
    timestampThreshold: 1,
    ctlogThreshold: trustRoot.hasCtLogs ? 1 : 0,
  });
  let signer: ReturnType<typeof verifier.verify>;
  try {
    signer = verifier.verify(entity);
  } catch (error) {
    return sigstoreRejection(error);
  }
  const subject = signer.identity?.subjectAlternativeName;
  const issuer = signer.identity?.extensions?.issuer;
  if (subject === undefined || issuer === undefined) {
    return { reason: 'untrusted-identity', detail: 'the certificate names no subject or no OIDC issuer' };
  }
  const identity: CertificateIdentity = { subject, issuer, github: githubExtensions(leaf) };
  const mismatches = identities.map((requirement) => identityMismatch(requirement, identity));
  if (!mismatches.includes(undefined)) {
    return { reason: 'untrusted-identity', detail: mismatches.join('; ') };
  }
  const signedBy = verifiedByIdentity(identity);
  return { signedBy, description: `certificate ${signedBy}`, identity };
}

async function checkKeyed(
  entity: SignedEntity,
  keys: readonly Verifier[],
  trustRoot: TrustRoot | undefined,
): Promise<VerifiedBundleSigner | BundleRejection> {
  if (keys.length === 0)
    return { reason: 'untrusted-key', detail: 'a keyed signature, and no key is trusted' };
  const { Verifier: SigstoreVerifier } = await import('@sigstore/verify');
  // With a trusted root, the bundle's log entries and timestamps are checked too; without one, a key alone
  // decides, as for `.sig` signatures (cosign's --insecure-ignore-tlog).
  const checked: SignedEntity =
    trustRoot === undefined ? { ...entity, tlogEntries: [], timestamps: [] } : entity;
  const base: Omit<TrustMaterial, 'publicKey'> = trustRoot?.material ?? {
    certificateAuthorities: [],
    timestampAuthorities: [],
    tlogs: [],
    ctlogs: [],
  };
  // The hint in a bundle is not signed; every trusted key is tried.
  for (const key of keys) {
    const verifier = new SigstoreVerifier(
      { ...base, publicKey: () => ({ publicKey: key.publicKey, validFor: () => true }) },
      { tlogThreshold: 0, timestampThreshold: 0, ctlogThreshold: 0 },
    );
    try {
      verifier.verify(checked);
      return { signedBy: key.fingerprint, keyFingerprint: key.fingerprint, description: key.description };
    } catch (error) {
      if (errorCode(error) === 'SIGNATURE_ERROR') continue;
      return sigstoreRejection(error);
    }
  }
  return { reason: 'untrusted-key', detail: 'no trusted key verifies this bundle' };
}

function issuedByTrustedCa(leaf: X509Certificate, material: TrustMaterial): boolean {
  return material.certificateAuthorities.some((authority) =>
    authority.certChain.some((certificate) => {
      try {
        return leaf.verify(certificate);
      } catch {
        return false;
      }
    }),
  );
}

/** A sigstore-js verification failure (or anything it throws on a crafted bundle) as one of our reasons. */
export function sigstoreRejection(error: unknown): BundleRejection {
  const code = errorCode(error);
  const detail = message(error);
  // Verification is pure computation on the bundle's bytes: whatever sigstore-js trips over in a crafted
  // bundle spoils that bundle only, never the whole verification.
  if (code === undefined)
    return { reason: 'invalid-payload', detail: `the bundle cannot be checked: ${detail}` };
  if (code === 'TIMESTAMP_ERROR' && /^expected \d+ timestamps/u.test(detail)) {
    return {
      reason: 'no-tlog-or-timestamp',
      detail: `a keyless signature needs a transparency-log entry or an RFC 3161 timestamp, and this one has none (${detail})`,
    };
  }
  if (code === 'TIMESTAMP_ERROR' && detail.includes('certificate chain')) {
    return {
      reason: 'no-tlog-or-timestamp',
      detail: `the timestamp is not from a trusted timestamp authority (${detail})`,
    };
  }
  if (code === 'CERTIFICATE_ERROR')
    return { reason: 'untrusted-ca', detail: `the certificate is not trusted: ${detail}` };
  return { reason: 'tampered', detail: `the signature does not hold: ${detail} (${code})` };
}

function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

// Fulcio's extensions (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md): the newer ones are
// DER UTF8Strings, the deprecated 1.2–1.6 hold the raw text. Newer first.
const OID = '1.3.6.1.4.1.57264.1.';

function githubExtensions(leaf: X509Certificate): CertificateIdentity['github'] {
  const sourceRepository = extensionText(leaf, `${OID}12`, true);
  return {
    repository:
      sourceRepository?.replace(/^https:\/\/github\.com\//u, '') ?? extensionText(leaf, `${OID}5`, false),
    ref: extensionText(leaf, `${OID}14`, true) ?? extensionText(leaf, `${OID}6`, false),
    workflow: extensionText(leaf, `${OID}4`, false),
    trigger: extensionText(leaf, `${OID}20`, true) ?? extensionText(leaf, `${OID}2`, false),
    sha: extensionText(leaf, `${OID}13`, true) ?? extensionText(leaf, `${OID}3`, false),
  };
}

function extensionText(leaf: X509Certificate, oid: string, der: boolean): string | undefined {
  try {
    const extension = leaf.extension(oid);
    if (extension === undefined) return undefined;
    const bytes = der ? extension.valueObj.subs[0]?.value : extension.value;
    return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
  } catch {
    return undefined;
  }
}
