// Checking an image's signatures the way cosign `verify` and containers/image do: resolve to the digest,
// read `sha256-<hex>.sig` (simple-signing layers, keyed or cosign 2 keyless) and the cosign 3 bundle
// referrers, verify each with the trusted keys or identities (and, given a trusted root, a keyed layer's Rekor
// proof), and check the digest and what it names.
// sigstore-js is loaded only when a certificate, a bundle or (with a trusted root) a Rekor proof is there
// to check.

import { createPublicKey } from 'node:crypto';
import { SlipwayError } from '@slipway/errors';
import { isDigest, parseReference, shortDigest } from '@slipway/oci';
import { isDerEcdsaSignature, looksLikeP1363 } from './keys/der.js';
import { keyFingerprint, type Verifier } from './keys/types.js';
import { InvalidPayloadError, parsePayload } from './payload.js';
import { readBlob, type SignatureRepository } from './repository.js';
import {
  type LayerJson,
  layerSignature,
  parseSignatureManifest,
  signatureLayers,
  signatureTag,
} from './signature-manifest.js';
import {
  hasRekorProof,
  isKeylessLayer,
  KeylessLayerError,
  keyedLayerBundle,
  keylessLayerBundle,
} from './sigstore/cosign2-keyless.js';
import {
  type CertificateIdentity,
  describeRequirement,
  type IdentityRequirement,
} from './sigstore/identity.js';
import type { TrustRoot } from './sigstore/trust.js';
import {
  checkSigstoreBundle,
  type VerifiedBundleSigner,
  verifyBundleReferrers,
} from './sigstore/verify-bundle.js';

/** The predicate type cosign 3 signs an image with. */
const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Which signed `docker-reference` values are accepted for the image. */
export type IdentityRule =
  /** The signed reference's repository equals the image's (tags ignored). The default. */
  | { readonly rule: 'matchRepository' }
  /** The signed reference's repository equals this one (after copying an image to another repository). */
  | { readonly rule: 'exactRepository'; readonly repository: string }
  /** The signed reference equals this one exactly (repository and tag, after normalising). */
  | { readonly rule: 'exactReference'; readonly reference: string };

export interface VerifyImageOptions {
  readonly repository: SignatureRepository;
  /** A tag or a digest in `repository`. */
  readonly reference: string;
  /** Trusted keys; one valid signature by any of them (or by a trusted identity) is enough. */
  readonly keys: readonly Verifier[];
  /** Trusted keyless signers (certificate subject and issuer); they need `trustRoot`. */
  readonly identities?: readonly IdentityRequirement[] | undefined;
  /** What certificates, log entries and timestamps are checked against. */
  readonly trustRoot?: TrustRoot | undefined;
  /** Default `matchRepository`. */
  readonly identity?: IdentityRule | undefined;
  /** The image's own repository for `matchRepository`. Default: `repository.name`. */
  readonly imageRepository?: string | undefined;
}

export interface VerifiedSignature {
  /** `simple-signing`: a layer of the `.sig` tag; `bundle`: a Sigstore bundle referrer. */
  readonly format: 'simple-signing' | 'bundle';
  /** The key fingerprint, or the certificate identity as `<subject> (<issuer>)`: what `Slipway-Verified-By` records. */
  readonly signedBy: string;
  /** Set when a trusted key made the signature. */
  readonly keyFingerprint?: string | undefined;
  /** The trusted key's description, or `certificate <subject> (<issuer>)`. */
  readonly keyDescription: string;
  /** Set for keyless signatures. */
  readonly identity?: CertificateIdentity | undefined;
  /** Digest of the payload blob (the signature layer), or of the bundle's referrer manifest. */
  readonly layerDigest: string;
  /** The `docker-reference` signed (for a bundle: the statement subject's name). */
  readonly dockerReference: string;
  readonly optional: Readonly<Record<string, unknown>> | null;
}

/** Why one signature layer did not count. */
export interface RejectedSignature {
  readonly layerDigest: string;
  readonly reason:
    | 'not-der'
    | 'untrusted-key'
    | 'invalid-payload'
    | 'digest-mismatch'
    | 'identity-mismatch'
    | 'unreadable'
    /** A keyless signature whose certificate identity no requirement accepts. */
    | 'untrusted-identity'
    /** A certificate not issued by a trusted certificate authority. */
    | 'untrusted-ca'
    /** A keyless signature without a transparency-log entry or an RFC 3161 timestamp. */
    | 'no-tlog-or-timestamp'
    /** The signature, log entry or timestamp does not match what was signed. */
    | 'tampered';
  readonly detail: string;
}

export interface VerifyResult {
  readonly digest: string;
  readonly signatureTag: string;
  /** At least one. */
  readonly verified: readonly VerifiedSignature[];
  readonly rejected: readonly RejectedSignature[];
}

export type VerificationFailure =
  | 'image-not-found'
  | 'no-signatures'
  | RejectedSignature['reason']
  | 'no-keys';

/** Verification failed; `rejected` says what each signature found was refused for. */
export class VerificationError extends SlipwayError {
  constructor(
    readonly kind: VerificationFailure,
    message: string,
    options: { where: string; fix: string },
    readonly digest: string | undefined,
    readonly rejected: readonly RejectedSignature[] = [],
  ) {
    super(message, options);
    this.name = 'VerificationError';
  }
}

/** Verifies `reference`; answers who verified which signature, or throws {@link VerificationError}. */
export async function verifyImage(options: VerifyImageOptions): Promise<VerifyResult> {
  const { repository, keys } = options;
  const identities = options.identities ?? [];
  const rule = options.identity ?? { rule: 'matchRepository' };
  const where = `${repository.name}${isDigest(options.reference) ? '@' : ':'}${options.reference}`;
  if (keys.length === 0 && identities.length === 0) {
    throw new VerificationError(
      'no-keys',
      'no trusted keys or identities to verify signatures with',
      {
        where,
        fix: 'give at least one public key (path, PEM or awskms://…), or a certificate identity and OIDC issuer',
      },
      undefined,
    );
  }
  if (identities.length > 0 && options.trustRoot === undefined) {
    throw new SlipwayError(
      'certificate identities are given without a trusted root to check certificates with',
      {
        where,
        fix: "load Sigstore's public-good root or a TrustedRoot JSON file (loadTrustRoot) and pass it as trustRoot",
      },
    );
  }
  const digest = isDigest(options.reference)
    ? options.reference
    : (await repository.resolve(options.reference))?.digest;
  if (digest === undefined) {
    throw new VerificationError(
      'image-not-found',
      `image ${options.reference} not found`,
      {
        where,
        fix: 'check the repository and tag; push the image first',
      },
      undefined,
    );
  }
  const tag = signatureTag(digest);
  const sigWhere = `${repository.name}:${tag}`;
  const manifest = await repository.getManifest(tag);
  const layers =
    manifest === undefined ? [] : signatureLayers(parseSignatureManifest(manifest.bytes, sigWhere));
  const trust: Trust = { keys, identities, trustRoot: options.trustRoot };
  const bundles = await verifyBundleReferrers({
    repository,
    digest,
    predicateType: COSIGN_SIGN_PREDICATE,
    ...trust,
  });
  if (layers.length === 0 && bundles.verified.length === 0 && bundles.rejected.length === 0) {
    throw new VerificationError(
      'no-signatures',
      `a signature was required, but no signature exists for ${shortDigest(digest)} (looked for tag ${tag}${manifest === undefined ? '' : ': it holds no simple-signing signature'} and for Sigstore bundle referrers)`,
      {
        where,
        fix: 'sign the image (`slipway sign`, `cosign sign`) in this repository before promoting it',
      },
      digest,
    );
  }
  const imageRepository = normaliseRepository(options.imageRepository ?? repository.name);
  const verified: VerifiedSignature[] = [];
  const rejected: RejectedSignature[] = [];
  for (const layer of layers) {
    const outcome = await checkLayer(repository, layer, digest, trust, rule, imageRepository);
    if ('reason' in outcome) rejected.push(outcome);
    else verified.push(outcome);
  }
  // A bundle binds the image by its statement's subject digest; the name beside it is not checked (as cosign 3).
  for (const bundle of bundles.verified) {
    const hex = digest.slice('sha256:'.length);
    verified.push({
      format: 'bundle',
      signedBy: bundle.signedBy,
      keyFingerprint: bundle.keyFingerprint,
      keyDescription: bundle.description,
      identity: bundle.identity,
      layerDigest: bundle.manifestDigest,
      dockerReference: bundle.statement.subject.find((subject) => subject.sha256 === hex)?.name ?? '',
      optional: null,
    });
  }
  rejected.push(...bundles.rejected);
  if (verified.length > 0) return { digest, signatureTag: tag, verified, rejected };
  const sources = bundles.rejected.length > 0 ? `${sigWhere} and the bundle referrers` : sigWhere;
  throw failure(where, sources, digest, trust, rule, imageRepository, rejected);
}

/** Who is trusted: keys, keyless identities and the root their certificates chain to. */
interface Trust {
  readonly keys: readonly Verifier[];
  readonly identities: readonly IdentityRequirement[];
  readonly trustRoot: TrustRoot | undefined;
}

async function checkLayer(
  repository: SignatureRepository,
  layer: LayerJson,
  digest: string,
  trust: Trust,
  rule: IdentityRule,
  imageRepository: string | undefined,
): Promise<VerifiedSignature | RejectedSignature> {
  const reject = (reason: RejectedSignature['reason'], detail: string): RejectedSignature => ({
    layerDigest: layer.digest,
    reason,
    detail,
  });
  const signature = layerSignature(layer);
  if (signature === undefined) return reject('not-der', 'the signature annotation is not base64');
  if (!isDerEcdsaSignature(signature)) {
    return reject(
      'not-der',
      looksLikeP1363(signature)
        ? 'the signature is IEEE P1363 (raw r‖s, 64 bytes), not ASN.1 DER; cosign and containers/image refuse it'
        : `the signature is not an ASN.1 DER ECDSA signature (${signature.length} bytes)`,
    );
  }
  if (layer.size > MAX_PAYLOAD_BYTES)
    return reject('unreadable', `the payload is ${layer.size} bytes, more than allowed`);
  let payloadBytes: Uint8Array;
  try {
    payloadBytes = await readBlob(repository, layer.digest, MAX_PAYLOAD_BYTES);
  } catch (error) {
    // A missing or oversized payload blob spoils this signature only; registry trouble stops everything.
    const kind = typeof error === 'object' && error !== null ? (error as { kind?: unknown }).kind : undefined;
    if (error instanceof SlipwayError && kind !== 'not-found') throw error;
    return reject(
      'unreadable',
      `the payload blob cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let signer: VerifiedBundleSigner;
  if (isKeylessLayer(layer.annotations)) {
    let bundle: Uint8Array;
    try {
      bundle = keylessLayerBundle(layer.annotations ?? {}, payloadBytes, signature);
    } catch (error) {
      if (error instanceof KeylessLayerError) return reject('invalid-payload', error.message);
      throw error;
    }
    const outcome = await checkSigstoreBundle({
      bytes: bundle,
      artifact: payloadBytes,
      keys: [],
      identities: trust.identities,
      trustRoot: trust.trustRoot,
    });
    if ('reason' in outcome) return reject(outcome.reason, outcome.detail);
    signer = outcome.signer;
  } else if (trust.trustRoot !== undefined && hasRekorProof(layer.annotations)) {
    // A keyed signature logged in Rekor (cosign 2 `sign --key --tlog-upload`): with a trusted root its
    // proof is checked, as a default `cosign verify --key` does; without one the key alone decides.
    const outcome = await checkLoggedKeyedLayer(layer, payloadBytes, signature, trust);
    if ('reason' in outcome) return reject(outcome.reason, outcome.detail);
    signer = outcome;
  } else {
    const key = trust.keys.find((candidate) => candidate.verify(payloadBytes, signature));
    if (key === undefined) return reject('untrusted-key', 'no trusted key verifies this signature');
    signer = { signedBy: key.fingerprint, keyFingerprint: key.fingerprint, description: key.description };
  }
  let payload: ReturnType<typeof parsePayload>;
  try {
    payload = parsePayload(payloadBytes);
  } catch (error) {
    if (error instanceof InvalidPayloadError) return reject('invalid-payload', error.message);
    throw error;
  }
  if (payload.manifestDigest !== digest) {
    return reject('digest-mismatch', `the payload signs ${payload.manifestDigest}, not ${digest}`);
  }
  const identityProblem = checkIdentity(payload.dockerReference, rule, imageRepository);
  if (identityProblem !== undefined) return reject('identity-mismatch', identityProblem);
  return {
    format: 'simple-signing',
    signedBy: signer.signedBy,
    keyFingerprint: signer.keyFingerprint,
    keyDescription: signer.description,
    identity: signer.identity,
    layerDigest: layer.digest,
    dockerReference: payload.dockerReference,
    optional: payload.optional,
  };
}

/**
 * A keyed `.sig` layer with a Rekor proof: a trusted key's signature, the entry's signed timestamp by a log
 * of the trusted root, and the entry's hash, signature and key those of the layer.
 */
async function checkLoggedKeyedLayer(
  layer: LayerJson,
  payload: Uint8Array,
  signature: Uint8Array,
  trust: Trust,
): Promise<VerifiedBundleSigner | Pick<RejectedSignature, 'reason' | 'detail'>> {
  let converted: ReturnType<typeof keyedLayerBundle>;
  try {
    converted = keyedLayerBundle(layer.annotations ?? {}, payload, signature);
  } catch (error) {
    if (error instanceof KeylessLayerError) return { reason: 'invalid-payload', detail: error.message };
    throw error;
  }
  const outcome = await checkSigstoreBundle({
    bytes: converted.bundle,
    artifact: payload,
    keys: trust.keys,
    identities: [],
    trustRoot: trust.trustRoot,
  });
  if ('reason' in outcome) return outcome;
  let logged: string | undefined;
  try {
    logged = keyFingerprint(createPublicKey(converted.loggedKeyPem));
  } catch {
    logged = undefined;
  }
  if (logged !== outcome.signer.keyFingerprint) {
    return {
      reason: 'tampered',
      detail: `the Rekor entry names ${logged === undefined ? 'no readable public key' : `key ${logged.slice(0, 16)}`}, not the key that made the signature (${outcome.signer.keyFingerprint?.slice(0, 16) ?? 'none'})`,
    };
  }
  return outcome.signer;
}

/** Undefined when `signed` satisfies `rule`, else why not. */
export function checkIdentity(
  signed: string,
  rule: IdentityRule,
  imageRepository: string | undefined,
): string | undefined {
  let ref: ReturnType<typeof parseReference>;
  try {
    ref = parseReference(signed);
  } catch {
    return `the signed identity "${signed}" is not an image reference`;
  }
  switch (rule.rule) {
    case 'matchRepository':
      if (imageRepository === undefined)
        return 'the image has no repository name to match (use exactRepository)';
      return ref.repository === imageRepository
        ? undefined
        : `the signature names repository ${ref.repository}, the image is in ${imageRepository}`;
    case 'exactRepository': {
      const wanted = normaliseRepository(rule.repository);
      return ref.repository === wanted
        ? undefined
        : `the signature names repository ${ref.repository}, the policy requires ${wanted ?? rule.repository}`;
    }
    case 'exactReference': {
      let wanted: ReturnType<typeof parseReference>;
      try {
        wanted = parseReference(rule.reference);
      } catch {
        return `the policy's reference "${rule.reference}" is not an image reference`;
      }
      const same =
        ref.repository === wanted.repository && ref.tag === wanted.tag && ref.digest === wanted.digest;
      return same
        ? undefined
        : `the signature names ${signed}, the policy requires exactly ${rule.reference}`;
    }
  }
}

function normaliseRepository(name: string): string | undefined {
  try {
    return parseReference(name).repository;
  } catch {
    return undefined;
  }
}

function failure(
  where: string,
  sources: string,
  digest: string,
  trust: Trust,
  rule: IdentityRule,
  imageRepository: string | undefined,
  rejected: readonly RejectedSignature[],
): VerificationError {
  const trusted = [
    ...trust.keys.map((key) => `${key.fingerprint.slice(0, 16)} (${key.description})`),
    ...trust.identities.map(describeRequirement),
  ].join(', ');
  const count = `${rejected.length} signature${rejected.length === 1 ? '' : 's'} in ${sources}`;
  // The most telling reason: a trusted signer that signed the wrong thing says more than an unknown key, and
  // a certificate that names another identity more than one whose proofs do not hold.
  const order: RejectedSignature['reason'][] = [
    'digest-mismatch',
    'identity-mismatch',
    'untrusted-identity',
    'tampered',
    'untrusted-ca',
    'no-tlog-or-timestamp',
    'invalid-payload',
    'not-der',
    'untrusted-key',
    'unreadable',
  ];
  const reason =
    order.find((candidate) => rejected.some((entry) => entry.reason === candidate)) ?? 'untrusted-key';
  const first = rejected.find((entry) => entry.reason === reason);
  const detail = first === undefined ? '' : `: ${first.detail}`;
  switch (reason) {
    case 'untrusted-key':
      return new VerificationError(
        'untrusted-key',
        `${count}, none made by a trusted ${trust.identities.length > 0 ? 'key or identity' : 'key'} (trusted: ${trusted})`,
        {
          where,
          fix: "sign with one of the trusted keys, or add the signer's public key to the policy",
        },
        digest,
        rejected,
      );
    case 'digest-mismatch':
      return new VerificationError(
        'digest-mismatch',
        `a trusted signature is for another image${detail}`,
        {
          where,
          fix: 'sign this exact digest; the signature tag holds a payload for a different manifest',
        },
        digest,
        rejected,
      );
    case 'identity-mismatch':
      return new VerificationError(
        'identity-mismatch',
        `a trusted signature names another image${detail} (rule ${rule.rule}${imageRepository === undefined ? '' : `, image ${imageRepository}`})`,
        {
          where,
          fix:
            rule.rule === 'matchRepository'
              ? 'after copying an image to another repository, use identity rule exactRepository with the repository it was signed in'
              : "sign the image under the identity the policy requires, or correct the policy's identity rule",
        },
        digest,
        rejected,
      );
    case 'invalid-payload':
      return new VerificationError(
        'invalid-payload',
        `a trusted signature covers an invalid payload${detail}`,
        {
          where,
          fix: 'sign again with `slipway sign` or `cosign sign`',
        },
        digest,
        rejected,
      );
    case 'untrusted-identity':
      return new VerificationError(
        'untrusted-identity',
        `${count}, none by a trusted identity${detail} (trusted: ${trusted})`,
        {
          where,
          fix: "sign from the workflow the policy names, or correct --certificate-identity/--certificate-oidc-issuer (or the policy's identities)",
        },
        digest,
        rejected,
      );
    case 'untrusted-ca':
      return new VerificationError(
        'untrusted-ca',
        `${count}, none with a trusted certificate${detail}`,
        {
          where,
          fix: 'give the trusted root of the Sigstore instance that issued the certificate (--trusted-root <file>), or sign with the one you trust',
        },
        digest,
        rejected,
      );
    case 'no-tlog-or-timestamp':
      return new VerificationError(
        'no-tlog-or-timestamp',
        `${count}, none with a transparency-log entry or timestamp${detail}`,
        {
          where,
          fix: 'sign keyless with Rekor upload or a timestamp authority (--tlog-upload or --timestamp-server-url); a certificate alone proves nothing once it has expired',
        },
        digest,
        rejected,
      );
    case 'tampered':
      return new VerificationError(
        'tampered',
        `${count}, none intact${detail}`,
        {
          where,
          fix: 'the signature, log entry or timestamp does not match what was signed: sign the image again and check who can write to the repository',
        },
        digest,
        rejected,
      );
    case 'not-der':
      return new VerificationError(
        'not-der',
        `${count}, none usable${detail}`,
        {
          where,
          fix: 'sign with `slipway sign` or `cosign sign` (ASN.1 DER ECDSA signatures)',
        },
        digest,
        rejected,
      );
    default:
      return new VerificationError(
        reason,
        `${count}, none verified${detail}`,
        {
          where,
          fix: 'check the registry; sign the image again',
        },
        digest,
        rejected,
      );
  }
}
