// containers/image as a peer: Debian's skopeo 1.9 with a `sigstoreSigned` policy and
// `use-sigstore-attachments: true`. Debian disables the sigstore check itself (see signing-formats.md),
// so the two outcomes prove discovery: an unsigned image has "no signature", and a Slipway-signed one gets
// past discovery (tag, manifest, media types, annotation) to the "sigstore disabled" stub.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepository, parseLocation } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, loadSigner, signImage } from '../packages/sign/src/index.js';
import { pushImage, registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';

const SKOPEO = '/usr/bin/skopeo';
const available = registryBinaries().registry && existsSync(SKOPEO);

function skopeo(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(SKOPEO, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stderr });
    });
  });
}

// CI installs every tool (scripts/setup): there a missing one fails instead of skipping.
describe.skipIf(!available && process.env.CI !== 'true')(
  'skopeo (containers/image) finds Slipway signatures',
  () => {
    let registry: TestRegistry;
    let dir: string;
    let publicKeyPem: string;
    let privateKeyPem: string;
    beforeAll(async () => {
      registry = await startRegistry();
      dir = await mkdtemp(join(tmpdir(), 'slipway-skopeo-'));
      const pair = await generateKeyPair({ password: '' });
      publicKeyPem = pair.publicKeyPem;
      privateKeyPem = pair.privateKeyPem;
      await writeFile(join(dir, 'cosign.pub'), publicKeyPem);
      await writeFile(
        join(dir, 'policy.json'),
        JSON.stringify({
          default: [{ type: 'reject' }],
          transports: {
            docker: {
              [registry.host]: [
                {
                  type: 'sigstoreSigned',
                  keyPath: join(dir, 'cosign.pub'),
                  signedIdentity: { type: 'matchRepository' },
                },
              ],
            },
          },
        }),
      );
      await writeFile(
        join(dir, 'registries.yaml'),
        `docker:\n  ${registry.host}:\n    use-sigstore-attachments: true\n`,
      );
    });
    afterAll(async () => {
      await registry?.stop();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    const copy = (tag: string) =>
      skopeo([
        '--policy',
        join(dir, 'policy.json'),
        '--registries.d',
        dir,
        'copy',
        '--src-tls-verify=false',
        `docker://${registry.host}/shop/cart:${tag}`,
        `dir:${join(dir, `out-${tag}`)}`,
      ]);

    it('an unsigned image: "A signature was required, but no signature exists"', async () => {
      await pushImage({ url: registry.url, repository: 'shop/cart', tag: 'unsigned' });
      const result = await copy('unsigned');
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('A signature was required, but no signature exists');
    });

    it('a Slipway-signed image gets past discovery to the Debian stub', async () => {
      const pushed = await pushImage({ url: registry.url, repository: 'shop/cart', tag: 'signed' });
      const repository = openRepository(parseLocation(`${registry.host}/shop/cart`));
      const signer = await loadSigner({ pem: privateKeyPem }, { password: '' });
      await signImage({ repository, digest: pushed.digest, signer });
      const result = await copy('signed');
      expect(result.stderr).not.toContain('no signature exists');
      if (result.stderr.includes('sigstore disabled')) {
        expect(result.code).not.toBe(0);
      } else {
        // A skopeo with sigstore enabled verifies for real: then it must accept the image.
        expect(result.code, result.stderr).toBe(0);
      }
    });
  },
);
