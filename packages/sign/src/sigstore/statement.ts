// The in-toto statement cosign 3 signs for an image (`cosign sign` with the bundle format), written the way
// cosign's sign command writes it: the subject is the manifest digest alone (no name), carrying the signing
// annotations; the predicate is empty. Verifiers match the subject by digest, so a copy to another
// repository still verifies.

import { SlipwayError } from '@slipway/errors';
import { isDigest } from '@slipway/oci';

export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** cosign's predicate type for an image signature (as opposed to an attestation). */
export const SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';

export interface InTotoSubject {
  readonly name?: string | undefined;
  readonly digest: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, unknown>> | undefined;
}

export interface InTotoStatement {
  readonly _type: typeof IN_TOTO_STATEMENT_TYPE;
  readonly subject: readonly InTotoSubject[];
  readonly predicateType: string;
  readonly predicate: unknown;
}

/** The statement `cosign sign` signs for `digest` (`sha256:…`), with `annotations` (`-a key=value`). */
export function imageSignatureStatement(options: {
  digest: string;
  annotations?: Readonly<Record<string, string>> | undefined;
}): InTotoStatement {
  if (!isDigest(options.digest) || !options.digest.startsWith('sha256:')) {
    throw new SlipwayError(`"${options.digest}" is not a sha256 manifest digest`, {
      fix: 'sign images addressed by sha256 digests, as cosign does',
    });
  }
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [
      {
        digest: { sha256: options.digest.slice('sha256:'.length) },
        annotations: { ...(options.annotations ?? {}) },
      },
    ],
    predicateType: SIGN_PREDICATE_TYPE,
    predicate: {},
  };
}

/** The bytes that are signed: compact JSON, keys in in-toto's order. */
export function encodeStatement(statement: InTotoStatement): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(statement), 'utf8'));
}
