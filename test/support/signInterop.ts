// Drives test/support/sign_interop.py: Debian's python3-cryptography (OpenSSL) and python3-nacl
// (libsodium) as an implementation of cosign's formats independent of Slipway's.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter: the `python3` first on PATH may be another build without Debian's modules. */
export const DEBIAN_PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sign_interop.py', import.meta.url));

/** Whether python3-cryptography and python3-nacl are importable by Debian's python. */
export function pythonCryptoAvailable(): boolean {
  if (!existsSync(DEBIAN_PYTHON)) return false;
  try {
    execFileSync(DEBIAN_PYTHON, ['-c', 'import nacl.secret, cryptography'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs one operation of the python helper; resolves with its JSON answer. */
export function python<T>(request: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      DEBIAN_PYTHON,
      [SCRIPT],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`sign_interop.py ${String(request.op)} failed: ${stderr || error.message}`));
          return;
        }
        resolve(JSON.parse(stdout) as T);
      },
    );
    child.stdin?.end(JSON.stringify(request));
  });
}
