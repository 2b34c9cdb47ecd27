// Drives test/support/bundle_interop.py: Debian's python3-cryptography (OpenSSL) checking a Sigstore
// bundle v0.3 (DSSE) without sigstore-js or Slipway: the encoding, the signature, the chain, the identity.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEBIAN_PYTHON } from './signInterop.js';

const SCRIPT = fileURLToPath(new URL('./bundle_interop.py', import.meta.url));

export type BundleCheck =
  | {
      readonly valid: true;
      readonly subjectAlternativeName: string;
      readonly issuer: string;
      readonly notBefore: string;
      readonly notAfter: string;
      readonly predicateType: string;
      readonly subject: readonly { name: string; sha256: string }[];
      readonly timestamps: number;
      readonly tlogEntries: number;
    }
  | { readonly valid: false; readonly reason: string };

/** Checks `bundle` (JSON bytes) against the CA root; a refusal is `{valid: false, reason}`, never a throw. */
export function checkBundleWithPython(bundle: Uint8Array, caRootPem: string): Promise<BundleCheck> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      DEBIAN_PYTHON,
      [SCRIPT],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`bundle_interop.py failed: ${stderr || error.message}`));
          return;
        }
        resolve(JSON.parse(stdout) as BundleCheck);
      },
    );
    child.stdin?.end(JSON.stringify({ bundle: Buffer.from(bundle).toString('utf8'), caRootPem }));
  });
}
