// Slipway's signing against independent implementations: Debian's python3-cryptography (OpenSSL) and
// python3-nacl (libsodium) + hashlib.scrypt, over images and signatures in a real registry
// (distribution 2.8). Nothing here checks Slipway with Slipway alone.

import { generateKeyPairSync } from 'node:crypto';
import { type ImageRepository, openRepository, parseLocation } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPayload,
  encryptPrivateKey,
  generateKeyPair,
  loadSigner,
  loadVerifier,
  SIGSTORE_KEY_LABEL,
  signatureTag,
  signImage,
  verifyImage,
} from '../packages/sign/src/index.js';
import { encodeSignatureManifest, signatureLayer } from '../packages/sign/src/signature-manifest.js';
import { pushImage, registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { python, pythonCryptoAvailable } from './support/signInterop.js';

const available = registryBinaries().registry && pythonCryptoAvailable();
const REPO = 'shop/cart';

interface Decrypted {
  label: string;
  keyOrder: string[];
  kdfName: string;
  params: { N: number; r: number; p: number };
  saltBytes: number;
  cipherName: string;
  nonceBytes: number;
  curve: string;
  fingerprint: string;
}
interface PyVerify {
  valid: boolean;
  signatureBytes: number;
  derTag: number;
  payload?: {
    digest: string;
    reference: string;
    optional: unknown;
    compactSameBytes: boolean;
    trailingNewline: boolean;
  };
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

// CI installs every tool (scripts/setup): there a missing one fails instead of skipping.
describe.skipIf(!available && process.env.CI !== 'true')(
  'signing interoperates with OpenSSL and libsodium (python), on a real registry',
  () => {
    let registry: TestRegistry;
    let repository: ImageRepository;
    beforeAll(async () => {
      registry = await startRegistry();
      repository = openRepository(parseLocation(`${registry.host}/${REPO}`));
    });
    afterAll(() => registry?.stop());

    /** The `.sig` layers as stored, with each payload blob fetched from the registry. */
    async function storedSignatures(digest: string) {
      const response = await fetch(`${registry.url}/v2/${REPO}/manifests/${signatureTag(digest)}`, {
        headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.oci.image.manifest.v1+json');
      const manifest = (await response.json()) as {
        layers: { digest: string; annotations: Record<string, string> }[];
      };
      return Promise.all(
        manifest.layers.map(async (layer) => {
          const blob = await fetch(`${registry.url}/v2/${REPO}/blobs/${layer.digest}`);
          return {
            payload: Buffer.from(await blob.arrayBuffer()),
            signature: layer.annotations['dev.cosignproject.cosign/signature'] ?? '',
          };
        }),
      );
    }

    it('a key from our keygen decrypts with python (nacl + hashlib.scrypt) and holds our public key', async () => {
      const pair = await generateKeyPair({ password: 'correct horse' });
      const decrypted = await python<Decrypted>({
        op: 'decrypt-key',
        pem: pair.privateKeyPem,
        password: 'correct horse',
      });
      expect(decrypted).toMatchObject({
        label: 'ENCRYPTED COSIGN PRIVATE KEY',
        keyOrder: ['kdf', 'cipher', 'ciphertext'],
        kdfName: 'scrypt',
        params: { N: 32768, r: 8, p: 1 },
        saltBytes: 32,
        cipherName: 'nacl/secretbox',
        nonceBytes: 24,
        curve: 'secp256r1',
        fingerprint: pair.fingerprint,
      });
      await expect(python({ op: 'decrypt-key', pem: pair.privateKeyPem, password: 'wrong' })).rejects.toThrow(
        /CryptoError|Decryption failed/,
      );
    });

    it.each([
      ['ENCRYPTED COSIGN PRIVATE KEY', 32768],
      ['ENCRYPTED COSIGN PRIVATE KEY', 65536],
      ['ENCRYPTED COSIGN PRIVATE KEY', 131072],
      ['ENCRYPTED SIGSTORE PRIVATE KEY', 32768],
      ['ENCRYPTED SIGSTORE PRIVATE KEY', 65536],
      ['ENCRYPTED SIGSTORE PRIVATE KEY', 131072],
    ])('a key python encrypted (%s, N=%i) is read by us', async (label, n) => {
      const made = await python<{ pem: string; fingerprint: string }>({
        op: 'encrypt-key',
        label,
        n,
        password: 'pw',
      });
      const signer = await loadSigner({ pem: made.pem }, { password: 'pw' });
      expect(signer.fingerprint).toBe(made.fingerprint);
      await expect(loadSigner({ pem: made.pem }, { password: 'pq' })).rejects.toThrow(/wrong password/);
    });

    it('our signatures verify with OpenSSL over the payload blob fetched from the registry; the payload is strict', async () => {
      const pushed = await pushImage({ url: registry.url, repository: REPO, tag: 'v1' });
      const pair = await generateKeyPair({ password: 'pw' });
      const signer = await loadSigner({ pem: pair.privateKeyPem }, { password: 'pw' });
      const result = await signImage({
        repository,
        digest: pushed.digest,
        signer,
        annotations: { 'git.sha': 'abc123' },
      });
      expect(result.identity).toBe(`${registry.host}/${REPO}`);
      const [stored] = await storedSignatures(pushed.digest);
      if (stored === undefined) throw new Error('no signature stored');
      const checked = await python<PyVerify>({
        op: 'verify',
        publicPem: pair.publicKeyPem,
        payload: stored.payload.toString('base64'),
        signature: stored.signature,
      });
      expect(checked.valid).toBe(true);
      expect(checked.derTag).toBe(0x30);
      expect(checked.signatureBytes).toBeGreaterThanOrEqual(68);
      expect(checked.signatureBytes).toBeLessThanOrEqual(72);
      expect(checked.payload).toEqual({
        digest: pushed.digest,
        reference: `${registry.host}/${REPO}`,
        optional: { 'git.sha': 'abc123' },
        compactSameBytes: true,
        trailingNewline: false,
      });
      // Flipped bytes: payload, signature, and a signature over another digest.
      const payload = Buffer.from(stored.payload);
      payload[20] = (payload[20] ?? 0) ^ 1;
      const flippedPayload = await python<PyVerify>({
        op: 'verify',
        publicPem: pair.publicKeyPem,
        payload: payload.toString('base64'),
        signature: stored.signature,
      });
      expect(flippedPayload.valid).toBe(false);
      const signature = Buffer.from(stored.signature, 'base64');
      signature[signature.length - 2] = (signature[signature.length - 2] ?? 0) ^ 1;
      const flippedSignature = await python<PyVerify>({
        op: 'verify',
        publicPem: pair.publicKeyPem,
        payload: stored.payload.toString('base64'),
        signature: signature.toString('base64'),
      });
      expect(flippedSignature.valid).toBe(false);
    });

    it('signatures made by python verify with our verify; tampering fails it', async () => {
      const pushed = await pushImage({ url: registry.url, repository: REPO, tag: 'v2' });
      const made = await python<{ plainPem: string; publicPem: string; fingerprint: string }>({
        op: 'encrypt-key',
        label: SIGSTORE_KEY_LABEL,
        n: 32768,
        password: '',
      });
      const verifier = await loadVerifier({ pem: made.publicPem });

      async function writeSignature(payload: Uint8Array, signatureBase64: string) {
        const layer = signatureLayer(payload, Buffer.from(signatureBase64, 'base64'));
        const encoded = encodeSignatureManifest([layer], undefined);
        const blob = (bytes: Uint8Array) => async () => ({
          size: bytes.length,
          stream: (async function* () {
            yield bytes;
          })(),
        });
        await repository.putBlob(
          { mediaType: layer.mediaType, digest: layer.digest, size: layer.size },
          blob(payload),
        );
        await repository.putBlob(encoded.configDescriptor, blob(encoded.config));
        await repository.putManifest(
          {
            digest: encoded.manifestDigest,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            bytes: encoded.manifest,
          },
          [signatureTag(pushed.digest)],
        );
      }
      const sign = async (payload: Uint8Array) =>
        (
          await python<{ signature: string }>({
            op: 'sign',
            plainPem: made.plainPem,
            payload: Buffer.from(payload).toString('base64'),
          })
        ).signature;

      const payload = buildPayload({
        dockerReference: `${registry.host}/${REPO}:v2`,
        manifestDigest: pushed.digest,
      });
      const signature = await sign(payload);
      await writeSignature(payload, signature);
      const result = await verifyImage({ repository, reference: 'v2', keys: [verifier] });
      expect(result.verified).toEqual([
        expect.objectContaining({
          keyFingerprint: made.fingerprint,
          dockerReference: `${registry.host}/${REPO}:v2`,
        }),
      ]);

      const tampered = Buffer.from(payload);
      tampered[tampered.indexOf('v2') + 1] = '3'.charCodeAt(0);
      await writeSignature(tampered, signature);
      await expect(verifyImage({ repository, reference: 'v2', keys: [verifier] })).rejects.toMatchObject({
        kind: 'untrusted-key',
      });

      const otherDigest = buildPayload({
        dockerReference: `${registry.host}/${REPO}`,
        manifestDigest: `sha256:${'e'.repeat(64)}`,
      });
      await writeSignature(otherDigest, await sign(otherDigest));
      await expect(verifyImage({ repository, reference: 'v2', keys: [verifier] })).rejects.toMatchObject({
        kind: 'digest-mismatch',
      });
    });

    // Registries have no conditional PUT: signImage re-reads after a wait and merges again, a timing guard
    // that a heavily loaded machine can outrun. A fresh image per try keeps each try independent.
    it('two signers at once with different keys on the registry: both signatures present', {
      retry: 2,
    }, async () => {
      const pushed = await pushImage({ url: registry.url, repository: REPO, tag: 'v3' });
      const pairs = [0, 1, 2].map(() => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }));
      const signers = await Promise.all(
        pairs.map(async ({ privateKey }) =>
          loadSigner({ pem: await encryptPrivateKey(privateKey, 'pw') }, { password: 'pw' }),
        ),
      );
      const results = await Promise.all(
        signers.map((signer) => signImage({ repository, digest: pushed.digest, signer })),
      );
      expect(results.every((result) => result.added)).toBe(true);
      const stored = await storedSignatures(pushed.digest);
      expect(stored).toHaveLength(3);
      const verifiers = await Promise.all(
        signers.map((signer) => loadVerifier({ pem: signer.publicKeyPem })),
      );
      const verified = await verifyImage({ repository, reference: 'v3', keys: verifiers });
      expect(new Set(verified.verified.map((entry) => entry.keyFingerprint))).toEqual(
        new Set(signers.map((s) => s.fingerprint)),
      );
      // And each verifies with OpenSSL too.
      for (const entry of stored) {
        const ok = await Promise.all(
          signers.map((signer) =>
            python<PyVerify>({
              op: 'verify',
              publicPem: signer.publicKeyPem,
              payload: entry.payload.toString('base64'),
              signature: entry.signature,
            }),
          ),
        );
        expect(ok.filter((answer) => answer.valid)).toHaveLength(1);
      }
    });

    it('a sigstore bundle referrer goes to the sha256-<hex> index tag where the registry lacks the referrers API', async () => {
      const pushed = await pushImage({ url: registry.url, repository: REPO, tag: 'v4' });
      const pair = await generateKeyPair({ password: '' });
      const signer = await loadSigner({ pem: pair.privateKeyPem }, { password: '' });
      const result = await signImage({ repository, digest: pushed.digest, signer, referrer: true });
      expect(result.referrer?.fallbackTag).toBe(true);
      const index = await repository.getManifest(pushed.digest.replace(':', '-'));
      expect(JSON.parse(Buffer.from(index?.bytes ?? []).toString('utf8')).manifests[0].artifactType).toBe(
        'application/vnd.dev.sigstore.bundle.v0.3+json',
      );
      const listed = await repository.referrers(pushed.digest);
      expect(listed.map((entry) => entry.digest)).toContain(result.referrer?.manifestDigest);
      const bundle = JSON.parse(
        (await readAll((await repository.getBlob(result.referrer?.bundleDigest ?? '')).stream)).toString(
          'utf8',
        ),
      );
      expect(bundle.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    });
  },
);
