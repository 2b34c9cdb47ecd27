// Keys held locally: generated P-256 key pairs, cosign-encrypted and plain PEM private keys, public keys.

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { SlipwayError } from '@slipway/errors';
import { COSIGN_KEY_LABEL, decryptCosignKey, encryptCosignKey, SIGSTORE_KEY_LABEL } from './cosign.js';
import { isDerEcdsaSignature } from './der.js';
import { decodePemBlocks, encodePem } from './pem.js';
import { keyFingerprint, publicKeyPem, type Signer, type Verifier } from './types.js';

export const PUBLIC_KEY_LABEL = 'PUBLIC KEY';
const P256 = 'prime256v1';

export interface GeneratedKeyPair {
  /** `ENCRYPTED COSIGN PRIVATE KEY` PEM (scrypt N=32768), readable by cosign and skopeo. */
  readonly privateKeyPem: string;
  /** `PUBLIC KEY` PEM (SPKI). */
  readonly publicKeyPem: string;
  readonly fingerprint: string;
}

/** A new P-256 key pair; the private key sealed cosign's way under `password` (may be empty). */
export async function generateKeyPair(options: { password: string }): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: P256 });
  return {
    privateKeyPem: await encryptPrivateKey(privateKey, options.password),
    publicKeyPem: publicKeyPem(publicKey),
    fingerprint: keyFingerprint(publicKey),
  };
}

/** The private key as cosign writes it: PKCS#8 DER sealed under `password`, COSIGN label. */
export async function encryptPrivateKey(
  privateKey: KeyObject,
  password: string,
  options: { n?: number; label?: typeof COSIGN_KEY_LABEL | typeof SIGSTORE_KEY_LABEL } = {},
): Promise<string> {
  const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  const body = await encryptCosignKey(pkcs8, password, options.n === undefined ? {} : { n: options.n });
  return encodePem(options.label ?? COSIGN_KEY_LABEL, body);
}

/** Where a key's text came from, for messages. */
export interface KeyText {
  readonly text: string;
  /** `key file keys/release.key`, `environment variable SIGNING_KEY`. */
  readonly origin: string;
}

/**
 * Reads a P-256 private key: cosign-encrypted (`ENCRYPTED COSIGN PRIVATE KEY` or `ENCRYPTED SIGSTORE
 * PRIVATE KEY`, opened with `password`), PKCS#8 `PRIVATE KEY`, SEC 1 `EC PRIVATE KEY`, or PKCS#8
 * `ENCRYPTED PRIVATE KEY`. `passwordSource` words where the password came from, for the wrong-password fix.
 */
export async function readPrivateKey(key: KeyText, password: string): Promise<KeyObject> {
  const blocks = decodePemBlocks(key.text, key.origin);
  const block = blocks.find((candidate) => candidate.label.includes('PRIVATE KEY'));
  if (block === undefined) {
    const labels = blocks.map((candidate) => candidate.label);
    throw new SlipwayError(
      labels.length === 0
        ? 'no PEM private key found'
        : `no private key found (PEM blocks: ${labels.join(', ')})`,
      {
        where: key.origin,
        fix: labels.includes(PUBLIC_KEY_LABEL)
          ? 'this is the public key: sign with the private key (cosign.key), verify with the public one'
          : 'give a key written by `slipway keygen` or `cosign generate-key-pair`, or a PKCS#8 / EC PEM private key',
      },
    );
  }
  let privateKey: KeyObject;
  try {
    switch (block.label) {
      case COSIGN_KEY_LABEL:
      case SIGSTORE_KEY_LABEL: {
        const pkcs8 = await decryptCosignKey(block.der, password, key.origin);
        privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
        break;
      }
      case 'PRIVATE KEY':
        privateKey = createPrivateKey({ key: Buffer.from(block.der), format: 'der', type: 'pkcs8' });
        break;
      case 'EC PRIVATE KEY':
        privateKey = createPrivateKey({ key: Buffer.from(block.der), format: 'der', type: 'sec1' });
        break;
      case 'ENCRYPTED PRIVATE KEY':
        privateKey = createPrivateKey({
          key: encodePem(block.label, block.der),
          format: 'pem',
          passphrase: password,
        });
        break;
      default:
        throw new SlipwayError(`unsupported private key type "${block.label}"`, {
          where: key.origin,
          fix: 'use a cosign key, or a PKCS#8 (`PRIVATE KEY`) or SEC 1 (`EC PRIVATE KEY`) P-256 key',
        });
    }
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    const wrongPassword = block.label === 'ENCRYPTED PRIVATE KEY';
    throw new SlipwayError(
      wrongPassword ? 'cannot decrypt the private key (wrong password?)' : 'the private key cannot be read',
      {
        where: key.origin,
        fix: wrongPassword
          ? 'check SLIPWAY_KEY_PASSWORD (or COSIGN_PASSWORD)'
          : 'the PEM body is damaged: use the file exactly as it was generated',
        cause: error,
      },
    );
  }
  requireP256(privateKey, key.origin);
  return privateKey;
}

/** Reads a `PUBLIC KEY` PEM (SPKI) holding a P-256 key. */
export function readPublicKey(key: KeyText): KeyObject {
  const blocks = decodePemBlocks(key.text, key.origin);
  const block = blocks.find((candidate) => candidate.label === PUBLIC_KEY_LABEL);
  if (block === undefined) {
    const isPrivate = blocks.some((candidate) => candidate.label.includes('PRIVATE KEY'));
    throw new SlipwayError(
      isPrivate ? 'this is a private key, not a public key' : 'no PEM public key found',
      {
        where: key.origin,
        fix: isPrivate
          ? 'trust the public key (cosign.pub, `-----BEGIN PUBLIC KEY-----`); never hand out the private key'
          : 'give a `-----BEGIN PUBLIC KEY-----` PEM (cosign.pub, or `cosign public-key --key …` output)',
      },
    );
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(block.der), format: 'der', type: 'spki' });
  } catch (error) {
    throw new SlipwayError('the public key cannot be read', {
      where: key.origin,
      fix: 'the PEM body is damaged: use the file exactly as it was generated',
      cause: error,
    });
  }
  requireP256(publicKey, key.origin);
  return publicKey;
}

/** A {@link Signer} over a private key held in memory. */
export function localSigner(privateKey: KeyObject, description: string): Signer {
  requireP256(privateKey, description);
  const publicKey = createPublicKey(privateKey);
  return {
    description,
    publicKey,
    publicKeyPem: publicKeyPem(publicKey),
    fingerprint: keyFingerprint(publicKey),
    // Node's default ECDSA encoding is DER, which is what cosign and containers/image read.
    sign: async (payload) => new Uint8Array(sign('sha256', payload, privateKey)),
  };
}

/** A {@link Verifier} over a public key held in memory. */
export function publicKeyVerifier(publicKey: KeyObject, description: string): Verifier {
  requireP256(publicKey, description);
  return {
    description,
    publicKey,
    publicKeyPem: publicKeyPem(publicKey),
    fingerprint: keyFingerprint(publicKey),
    verify: (payload, signature) =>
      isDerEcdsaSignature(signature) &&
      verify('sha256', payload, { key: publicKey, dsaEncoding: 'der' }, signature),
  };
}

function requireP256(key: KeyObject, where: string): void {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== P256) {
    const what =
      key.asymmetricKeyType === 'ec'
        ? `an EC key on curve ${curve ?? 'unknown'}`
        : `a ${key.asymmetricKeyType ?? 'unknown'} key`;
    throw new SlipwayError(`${what}, not ECDSA P-256`, {
      where,
      fix: 'use a P-256 key (`slipway keygen`, `cosign generate-key-pair`): containers/image verifies ECDSA P-256 with SHA-256 only',
    });
  }
}
