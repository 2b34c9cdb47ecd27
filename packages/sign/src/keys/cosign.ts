// cosign's encrypted private key: PEM (`ENCRYPTED COSIGN PRIVATE KEY`, or `ENCRYPTED SIGSTORE PRIVATE KEY`
// since cosign 2.0.1) around base64 JSON naming the KDF (scrypt), the cipher (NaCl secretbox,
// XSalsa20-Poly1305) and the sealed PKCS#8 DER. See shared/signing-formats.md.

import { randomBytes, scrypt } from 'node:crypto';
import { SlipwayError } from '@slipway/errors';
import nacl from 'tweetnacl';

export const COSIGN_KEY_LABEL = 'ENCRYPTED COSIGN PRIVATE KEY';
export const SIGSTORE_KEY_LABEL = 'ENCRYPTED SIGSTORE PRIVATE KEY';
/** The work factor Slipway writes: the only one older readers (skopeo 1.9) accept. */
export const DEFAULT_SCRYPT_N = 32768;
/** The work factors Slipway reads (cosign has written each of them). */
export const SUPPORTED_SCRYPT_N: readonly number[] = [32768, 65536, 131072];
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const SALT_BYTES = 32;

/** The derived key for `password`: scrypt with cosign's parameters, 32 bytes. */
export function deriveKey(password: string, salt: Uint8Array, n: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    // Node refuses unless maxmem covers the 128·N·r bytes scrypt needs; give it twice that plus a margin.
    const maxmem = 256 * n * SCRYPT_R + 16 * 1024 * 1024;
    scrypt(
      Buffer.from(password, 'utf8'),
      salt,
      nacl.secretbox.keyLength,
      { N: n, r: SCRYPT_R, p: SCRYPT_P, maxmem },
      (error, key) => (error === null ? resolve(new Uint8Array(key)) : reject(error)),
    );
  });
}

/** Seals PKCS#8 DER under `password`: the base64-free JSON body of a cosign key, keys in cosign's order. */
export async function encryptCosignKey(
  pkcs8: Uint8Array,
  password: string,
  options: { n?: number } = {},
): Promise<Uint8Array> {
  const n = options.n ?? DEFAULT_SCRYPT_N;
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  const key = await deriveKey(password, salt, n);
  const ciphertext = nacl.secretbox(pkcs8, nonce, key);
  const body =
    `{"kdf":{"name":"scrypt","params":{"N":${n},"r":${SCRYPT_R},"p":${SCRYPT_P}},"salt":"${salt.toString('base64')}"},` +
    `"cipher":{"name":"nacl/secretbox","nonce":"${nonce.toString('base64')}"},` +
    `"ciphertext":"${Buffer.from(ciphertext).toString('base64')}"}`;
  return new Uint8Array(Buffer.from(body, 'utf8'));
}

/**
 * Opens the JSON body of a cosign key with `password`: the PKCS#8 DER inside. Throws a SlipwayError for
 * a malformed body, unsupported parameters, and a wrong password.
 */
export async function decryptCosignKey(
  body: Uint8Array,
  password: string,
  where: string,
): Promise<Uint8Array> {
  const invalid = (reason: string) =>
    new SlipwayError(`not a valid cosign private key: ${reason}`, {
      where,
      fix: 'use a key written by `slipway keygen` or `cosign generate-key-pair`',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw invalid('its body is not JSON');
  }
  const kdf = field(parsed, 'kdf');
  const params = field(kdf, 'params');
  const cipher = field(parsed, 'cipher');
  if (field(kdf, 'name') !== 'scrypt')
    throw invalid(`unsupported key derivation "${String(field(kdf, 'name'))}"`);
  const n = field(params, 'N');
  const r = field(params, 'r');
  const p = field(params, 'p');
  if (typeof n !== 'number' || !SUPPORTED_SCRYPT_N.includes(n)) {
    throw invalid(`unsupported scrypt N=${String(n)} (supported: ${SUPPORTED_SCRYPT_N.join(', ')})`);
  }
  if (r !== SCRYPT_R || p !== SCRYPT_P)
    throw invalid(`unsupported scrypt r=${String(r)} p=${String(p)} (expected r=8 p=1)`);
  if (field(cipher, 'name') !== 'nacl/secretbox') {
    throw invalid(`unsupported cipher "${String(field(cipher, 'name'))}"`);
  }
  const salt = base64Field(field(kdf, 'salt'));
  const nonce = base64Field(field(cipher, 'nonce'));
  const ciphertext = base64Field(field(parsed, 'ciphertext'));
  if (salt === undefined || salt.length === 0) throw invalid('the salt is missing');
  if (nonce === undefined || nonce.length !== nacl.secretbox.nonceLength)
    throw invalid('the nonce is not 24 bytes');
  if (ciphertext === undefined || ciphertext.length <= nacl.secretbox.overheadLength) {
    throw invalid('the ciphertext is missing');
  }
  const key = await deriveKey(password, salt, n);
  const opened = nacl.secretbox.open(ciphertext, nonce, key);
  if (opened === null) {
    throw new SlipwayError('wrong password for the encrypted private key', {
      where,
      fix:
        password === ''
          ? 'set SLIPWAY_KEY_PASSWORD (or COSIGN_PASSWORD) to the password given when the key was generated'
          : 'check SLIPWAY_KEY_PASSWORD (or COSIGN_PASSWORD): it must be the password given when the key was generated',
    });
  }
  return opened;
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>)[name];
}

function base64Field(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0)
    return undefined;
  return new Uint8Array(Buffer.from(value, 'base64'));
}
