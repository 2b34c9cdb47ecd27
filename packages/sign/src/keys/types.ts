// What signing and verification need of a key, wherever it lives (a file, an environment variable, AWS KMS).

import { createHash, type KeyObject } from 'node:crypto';

/** A private key that signs simple-signing payloads: ECDSA P-256 over SHA-256, ASN.1 DER. */
export interface Signer {
  /** Where the key lives, for messages: `key file keys/release.key`, `AWS KMS key alias/release`. */
  readonly description: string;
  readonly publicKey: KeyObject;
  /** `-----BEGIN PUBLIC KEY-----` (SPKI), ending with a newline. */
  readonly publicKeyPem: string;
  /** Hex SHA-256 of the SPKI DER of the public key. */
  readonly fingerprint: string;
  /** The DER-encoded ECDSA signature over SHA-256 of exactly these bytes. */
  sign(payload: Uint8Array): Promise<Uint8Array>;
}

/** A trusted public key. */
export interface Verifier {
  readonly description: string;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
  /** Whether `signature` (ASN.1 DER; anything else is refused) is this key's over `payload`. */
  verify(payload: Uint8Array, signature: Uint8Array): boolean;
}

/** Hex SHA-256 of the key's SPKI DER: the fingerprint Slipway prints and records. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** `PUBLIC KEY` PEM of the key. */
export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}
