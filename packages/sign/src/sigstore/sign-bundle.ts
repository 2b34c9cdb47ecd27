// Signs an in-toto statement into a Sigstore bundle v0.3 (a DSSE envelope) with sigstore-js: keyless
// (Fulcio certifies an ephemeral key for the OIDC identity) or with one of our keys (file, env, KMS),
// witnessed by Rekor and/or a timestamp authority. sigstore-js is loaded here, on first use only, so
// signing with a key alone never pays its start-up.

import { SlipwayError } from '@slipway/errors';
import type { Signer } from '../keys/types.js';
import type { CertificateIdentity } from './identity.js';
import { identityFromCertificate } from './leaf-identity.js';
import { IN_TOTO_PAYLOAD_TYPE } from './statement.js';

export type BundleSigner =
  | { readonly kind: 'keyless'; readonly identityToken: string; readonly fulcioUrl: string }
  | { readonly kind: 'key'; readonly signer: Signer };

export interface SignBundleOptions {
  /** The in-toto statement's exact bytes (see statement.ts). */
  readonly statement: Uint8Array;
  readonly signer: BundleSigner;
  /** Rekor to log the signature in; none: no log entry. */
  readonly rekorUrl?: string | undefined;
  /** Rekor's API version (default 1). */
  readonly rekorVersion?: 1 | 2 | undefined;
  /** Timestamp authority (full `…/api/v1/timestamp` URL or its base). */
  readonly tsaUrl?: string | undefined;
  /** Per request (default 30 s; Rekor v2 waits for its checkpoint and gets at least that). */
  readonly timeoutMs?: number | undefined;
}

export interface SignedBundle {
  /** The bundle v0.3 JSON. */
  readonly bytes: Uint8Array;
  /** Keyless: what the certificate binds. */
  readonly identity?: CertificateIdentity | undefined;
  /** With a key: its fingerprint (hex SHA-256 of the SPKI DER). */
  readonly keyFingerprint?: string | undefined;
  readonly tlogEntries: number;
  readonly timestamps: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const RETRY = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 };

export async function signBundle(options: SignBundleOptions): Promise<SignedBundle> {
  const sigstore = await import('@sigstore/sign');
  const { bundleToJSON } = await import('@sigstore/bundle');
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchOptions = { timeout, retry: RETRY };
  const { signer: given } = options;
  const signer =
    given.kind === 'keyless'
      ? new sigstore.FulcioSigner({
          fulcioBaseURL: given.fulcioUrl,
          identityProvider: { getToken: async () => given.identityToken },
          ...fetchOptions,
        })
      : keySigner(given.signer);
  const witnesses: InstanceType<typeof sigstore.RekorWitness | typeof sigstore.TSAWitness>[] = [];
  if (options.rekorUrl !== undefined) {
    witnesses.push(
      new sigstore.RekorWitness({
        rekorBaseURL: options.rekorUrl,
        majorApiVersion: options.rekorVersion ?? 1,
        entryType: 'dsse',
        fetchOnConflict: true,
        ...fetchOptions,
      }),
    );
  }
  if (options.tsaUrl !== undefined) {
    witnesses.push(new sigstore.TSAWitness({ tsaBaseURL: options.tsaUrl, ...fetchOptions }));
  }
  let bundle: Awaited<ReturnType<InstanceType<typeof sigstore.DSSEBundleBuilder>['create']>>;
  try {
    bundle = await new sigstore.DSSEBundleBuilder({ signer, witnesses }).create({
      data: Buffer.from(options.statement),
      type: IN_TOTO_PAYLOAD_TYPE,
    });
  } catch (error) {
    throw serviceError(error, options);
  }
  const material = bundle.verificationMaterial;
  const json = bundleToJSON(bundle);
  const bytes = new Uint8Array(Buffer.from(JSON.stringify(json), 'utf8'));
  const counts = {
    tlogEntries: material.tlogEntries.length,
    timestamps: material.timestampVerificationData?.rfc3161Timestamps.length ?? 0,
  };
  if (given.kind === 'key') return { bytes, keyFingerprint: given.signer.fingerprint, ...counts };
  const content = material.content;
  const leaf =
    content.$case === 'certificate'
      ? content.certificate.rawBytes
      : content.$case === 'x509CertificateChain'
        ? content.x509CertificateChain.certificates[0]?.rawBytes
        : undefined;
  if (leaf === undefined) throw new Error('bug: a Fulcio-signed bundle without its certificate');
  return { bytes, identity: await identityFromCertificate(leaf), ...counts };
}

/**
 * One of our keys as sigstore-js' Signer. sigstore-js hands over the bytes to sign (DSSE's pre-authentication
 * encoding); our Signer hashes them with SHA-256 and answers DER, as a bundle wants. The hint is what cosign
 * writes for a key: the base64 SHA-256 of its SPKI DER.
 */
function keySigner(signer: Signer) {
  const hint = Buffer.from(signer.fingerprint, 'hex').toString('base64');
  return {
    sign: async (data: Buffer) => ({
      signature: Buffer.from(await signer.sign(new Uint8Array(data))),
      key: { $case: 'publicKey' as const, publicKey: signer.publicKeyPem, hint },
    }),
  };
}

/**
 * sigstore-js' errors name a code and carry the HTTP error; the message is rebuilt from the code and the
 * status only, since the services' answers are no place to look for a safe line (and the token is a bearer
 * credential a misbehaving service could echo).
 */
function serviceError(error: unknown, options: SignBundleOptions): unknown {
  if (error instanceof SlipwayError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const status = httpStatus(error);
  const answered = serviceFailure(error);
  if (code === 'CA_CREATE_SIGNING_CERTIFICATE_ERROR' && options.signer.kind === 'keyless') {
    return new SlipwayError(`Fulcio ${answered} when asked for a signing certificate`, {
      where: options.signer.fulcioUrl,
      fix:
        status === 400 || status === 401 || status === 403
          ? 'the identity token was refused: it must be fresh and have audience "sigstore" (on GitHub Actions: permissions: id-token: write); check --fulcio-url or --sigstore matches the token issuer'
          : 'retry; check --fulcio-url (or --sigstore / --signing-config) and that this machine reaches it',
      cause: error,
    });
  }
  if (code === 'TLOG_CREATE_ENTRY_ERROR' || code === 'TLOG_FETCH_ENTRY_ERROR') {
    return new SlipwayError(`Rekor ${answered} when asked to log the signature`, {
      where: options.rekorUrl ?? 'Rekor',
      fix: 'retry; check --rekor-url, or sign without the log (--tlog-upload false) with a timestamp authority (--tsa-url)',
      cause: error,
    });
  }
  if (code === 'TSA_CREATE_TIMESTAMP_ERROR') {
    return new SlipwayError(`the timestamp authority ${answered}`, {
      where: options.tsaUrl ?? 'TSA',
      fix: 'retry; check --tsa-url and that this machine reaches it',
      cause: error,
    });
  }
  if (code === 'IDENTITY_TOKEN_READ_ERROR' || code === 'IDENTITY_TOKEN_PARSE_ERROR') {
    return new SlipwayError('the OIDC identity token could not be read', {
      where: 'SIGSTORE_ID_TOKEN',
      fix: 'give a JWT issued for the audience "sigstore"',
      cause: error,
    });
  }
  return error;
}

/** How a service call went wrong, after the service's name: `answered HTTP 503`, `failed (ECONNREFUSED)`. */
export function serviceFailure(error: unknown): string {
  const status = httpStatus(error);
  return status === undefined ? `failed (${networkCause(error)})` : `answered HTTP ${status}`;
}

function httpStatus(error: unknown): number | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 4; depth++) {
    if (typeof current !== 'object' || current === null) return undefined;
    const status = (current as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') return status;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkCause(error: unknown): string {
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 4; depth++) {
    if (typeof current !== 'object' || current === null) break;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'no answer';
}
