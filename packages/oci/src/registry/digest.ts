// Content digests: `<algorithm>:<hex>` over the exact bytes.

import type { Hash } from 'node:crypto';

const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** Whether `value` is a sha256 or sha512 digest this client can verify. */
export function isVerifiableDigest(value: string): boolean {
  return DIGEST_RE.test(value);
}

/**
 * A hash for `algorithm`. node:crypto loads on the first hash, not with the registry client: it costs a process
 * some 7 ms to load, and a copy's first request need not wait for it (the first bytes to hash are its answer).
 */
export function createDigestHash(algorithm: 'sha256' | 'sha512'): Hash {
  return process.getBuiltinModule('node:crypto').createHash(algorithm);
}

/** The digest of `bytes` with `algorithm` (`sha256` unless told). */
export function computeDigest(bytes: Uint8Array, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createDigestHash(algorithm).update(bytes).digest('hex')}`;
}

/** The algorithm of a digest, when this client can compute it. */
export function digestAlgorithm(digest: string): 'sha256' | 'sha512' | undefined {
  if (digest.startsWith('sha256:')) return 'sha256';
  if (digest.startsWith('sha512:')) return 'sha512';
  return undefined;
}
