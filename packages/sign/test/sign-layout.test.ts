// sign and verify against a real OCI image layout (@slipway/oci's LayoutRepository).

import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import type { ImageRepository } from '@slipway/oci';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildPayload,
  localSigner,
  parseSignatureManifest,
  publicKeyVerifier,
  SIGNATURE_ANNOTATION,
  SIMPLE_SIGNING_MEDIA_TYPE,
  signatureTag,
  signImage,
  VerificationError,
  verifyImage,
} from '../src/index.js';
import { encodeSignatureManifest, signatureLayer } from '../src/signature-manifest.js';
import {
  newKey,
  putJsonBlob,
  readAll,
  tempLayout,
  wrapRepository,
  writeImage,
  writeIndex,
} from './helpers.js';

const IDENTITY = 'registry.example.com/shop/cart';
let layout: Awaited<ReturnType<typeof tempLayout>>;
let repository: ImageRepository;
beforeEach(async () => {
  layout = await tempLayout();
  repository = layout.repository;
});
afterEach(() => layout.dispose());

async function sigManifest(digest: string) {
  const stored = await repository.getManifest(signatureTag(digest));
  if (stored === undefined) throw new Error('no .sig manifest');
  return {
    stored,
    json: JSON.parse(Buffer.from(stored.bytes).toString('utf8')),
    parsed: parseSignatureManifest(stored.bytes, 'test'),
  };
}

/** Writes a hand-made signature layer (any payload, any signature bytes) into the `.sig` tag. */
async function writeRawSignature(digest: string, payload: Uint8Array, signature: Uint8Array) {
  const layer = signatureLayer(payload, signature);
  await repository.putBlob(
    { mediaType: layer.mediaType, digest: layer.digest, size: layer.size },
    async () => ({
      size: payload.length,
      stream: (async function* () {
        yield payload;
      })(),
    }),
  );
  const encoded = encodeSignatureManifest([layer], undefined);
  await putJsonBlob(
    repository,
    JSON.parse(Buffer.from(encoded.config).toString('utf8')),
    'application/vnd.oci.image.config.v1+json',
  );
  await repository.putManifest(
    {
      digest: encoded.manifestDigest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      bytes: encoded.manifest,
    },
    [signatureTag(digest)],
  );
}

describe('signImage', () => {
  it('writes the .sig manifest cosign and containers/image read', async () => {
    const image = await writeImage(repository, 'v1');
    const { signer } = newKey();
    const result = await signImage({ repository, digest: image.digest, signer, identity: IDENTITY });
    expect(result).toMatchObject({
      digest: image.digest,
      signatureTag: `sha256-${image.digest.slice(7)}.sig`,
      keyFingerprint: signer.fingerprint,
      added: true,
      identity: IDENTITY,
      children: [],
    });
    const { stored, json } = await sigManifest(image.digest);
    expect(stored.digest).toBe(result.signatureManifestDigest);
    expect(json.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(json.layers).toHaveLength(1);
    expect(json.layers[0].mediaType).toBe(SIMPLE_SIGNING_MEDIA_TYPE);
    expect(Buffer.from(json.layers[0].annotations[SIGNATURE_ANNOTATION], 'base64')[0]).toBe(0x30);
    const config = JSON.parse(
      (await readAll((await repository.getBlob(json.config.digest)).stream)).toString('utf8'),
    );
    expect(config).toEqual({
      architecture: '',
      os: '',
      config: {},
      rootfs: { type: 'layers', diff_ids: [json.layers[0].digest] },
    });
    const payload = await readAll((await repository.getBlob(json.layers[0].digest)).stream);
    expect(
      payload.equals(Buffer.from(buildPayload({ dockerReference: IDENTITY, manifestDigest: image.digest }))),
    ).toBe(true);
  });

  it('skips an identical signature by the same key; appends another key', async () => {
    const image = await writeImage(repository, 'v1');
    const a = newKey('a');
    const b = newKey('b');
    const first = await signImage({ repository, digest: image.digest, signer: a.signer, identity: IDENTITY });
    const again = await signImage({ repository, digest: image.digest, signer: a.signer, identity: IDENTITY });
    expect(again.added).toBe(false);
    expect(again.signatureManifestDigest).toBe(first.signatureManifestDigest);
    const other = await signImage({ repository, digest: image.digest, signer: b.signer, identity: IDENTITY });
    expect(other.added).toBe(true);
    const { json } = await sigManifest(image.digest);
    expect(json.layers).toHaveLength(2);
    const verified = await verifyImage({
      repository,
      reference: image.digest,
      keys: [a.verifier, b.verifier],
      identity: { rule: 'exactRepository', repository: IDENTITY },
    });
    expect(verified.verified.map((entry) => entry.keyFingerprint)).toEqual([
      a.signer.fingerprint,
      b.signer.fingerprint,
    ]);
  });

  it('signs an index and, with recursive, each platform manifest', async () => {
    const index = await writeIndex(repository, 'multi');
    const { signer, verifier } = newKey();
    const result = await signImage({
      repository,
      digest: index.digest,
      signer,
      identity: IDENTITY,
      recursive: true,
    });
    expect(result.children.map((child) => child.digest)).toEqual(index.children);
    for (const digest of [index.digest, ...index.children]) {
      const verified = await verifyImage({
        repository,
        reference: digest,
        keys: [verifier],
        identity: { rule: 'exactRepository', repository: IDENTITY },
      });
      expect(verified.digest).toBe(digest);
    }
  });

  it('two signers at once with different keys: both signatures end up in the tag', async () => {
    const image = await writeImage(repository, 'v1');
    const keys = [newKey('a'), newKey('b'), newKey('c')];
    await Promise.all(
      keys.map((key) =>
        signImage({ repository, digest: image.digest, signer: key.signer, identity: IDENTITY }),
      ),
    );
    const result = await verifyImage({
      repository,
      reference: 'v1',
      keys: keys.map((key) => key.verifier),
      identity: { rule: 'exactRepository', repository: IDENTITY },
    });
    expect(new Set(result.verified.map((entry) => entry.keyFingerprint))).toEqual(
      new Set(keys.map((key) => key.signer.fingerprint)),
    );
  });

  it('an immutable repository refusing the rewrite is a clear error', async () => {
    const image = await writeImage(repository, 'v1');
    await signImage({ repository, digest: image.digest, signer: newKey().signer, identity: IDENTITY });
    const immutable = wrapRepository(repository, {
      putManifest: async () => {
        throw Object.assign(
          new Error(
            "The image tag 'sha256-x.sig' already exists in the 'shop/cart' repository and cannot be overwritten because the repository is immutable.",
          ),
          { code: 'TAG_INVALID' },
        );
      },
    });
    await expect(
      signImage({ repository: immutable, digest: image.digest, signer: newKey().signer, identity: IDENTITY }),
    ).rejects.toThrow(/refused to rewrite the signature tag: its tags are immutable/);
  });

  it('needs an identity for a layout and a digest to sign', async () => {
    const image = await writeImage(repository, 'v1');
    await expect(signImage({ repository, digest: image.digest, signer: newKey().signer })).rejects.toThrow(
      /OCI layout has no image name/,
    );
    await expect(
      signImage({ repository, digest: 'v1', signer: newKey().signer, identity: IDENTITY }),
    ).rejects.toThrow(/not a manifest digest/);
  });

  it('stores a sigstore bundle v0.3 DSSE referrer when asked', async () => {
    const image = await writeImage(repository, 'v1');
    const { signer } = newKey();
    const result = await signImage({
      repository,
      digest: image.digest,
      signer,
      identity: IDENTITY,
      referrer: true,
    });
    const referrers = await repository.referrers(
      image.digest,
      'application/vnd.dev.sigstore.bundle.v0.3+json',
    );
    expect(referrers.map((entry) => entry.digest)).toContain(result.referrer?.manifestDigest);
    const manifest = await repository.getManifest(result.referrer?.manifestDigest ?? '');
    const json = JSON.parse(Buffer.from(manifest?.bytes ?? []).toString('utf8'));
    expect(json.subject.digest).toBe(image.digest);
    // cosign's WriteReferrer shape: the empty config carries the artifactType too, the layer has no
    // annotations, the creation time is RFC 3339 in whole seconds.
    expect(json.config).toEqual({
      mediaType: 'application/vnd.oci.empty.v1+json',
      size: 2,
      digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    });
    expect(json.layers).toEqual([
      {
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        size: expect.any(Number),
        digest: expect.any(String),
      },
    ]);
    expect(json.annotations['org.opencontainers.image.created']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(json.annotations['dev.sigstore.bundle.predicateType']).toBe('https://sigstore.dev/cosign/sign/v1');
    const bundle = JSON.parse(
      (await readAll((await repository.getBlob(json.layers[0].digest)).stream)).toString('utf8'),
    );
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    // cosign 3's sign statement: the subject is the digest alone, the predicate empty.
    expect(statement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: { sha256: image.digest.slice(7) }, annotations: {} }],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {},
    });
    const { dsse } = await import('@sigstore/core');
    const { verify } = await import('node:crypto');
    const pae = dsse.preAuthEncoding(
      bundle.dsseEnvelope.payloadType,
      Buffer.from(bundle.dsseEnvelope.payload, 'base64'),
    );
    expect(
      verify('sha256', pae, signer.publicKey, Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64')),
    ).toBe(true);
  });
});

describe('verifyImage failures', () => {
  it('no signatures: names the tag looked for', async () => {
    const image = await writeImage(repository, 'v1');
    const error = (await verifyImage({ repository, reference: 'v1', keys: [newKey().verifier] }).catch(
      (e: unknown) => e,
    )) as VerificationError;
    expect(error).toBeInstanceOf(VerificationError);
    expect(error.kind).toBe('no-signatures');
    expect(error.oneLine()).toContain('a signature was required, but no signature exists');
    expect(error.oneLine()).toContain(signatureTag(image.digest));
  });

  it('signed by unknown keys: lists the trusted fingerprints', async () => {
    const image = await writeImage(repository, 'v1');
    await signImage({ repository, digest: image.digest, signer: newKey().signer, identity: IDENTITY });
    const trusted = newKey('keys/release.pub');
    const error = (await verifyImage({
      repository,
      reference: 'v1',
      keys: [trusted.verifier],
      identity: { rule: 'exactRepository', repository: IDENTITY },
    }).catch((e: unknown) => e)) as VerificationError;
    expect(error.kind).toBe('untrusted-key');
    expect(error.oneLine()).toContain(trusted.signer.fingerprint.slice(0, 16));
    expect(error.oneLine()).toContain('keys/release.pub');
  });

  it('identity rules: matchRepository, exactRepository, exactReference', async () => {
    const image = await writeImage(repository, 'v1');
    const { signer, verifier } = newKey();
    await signImage({ repository, digest: image.digest, signer, identity: `${IDENTITY}:1.4.2` });
    const verify = (identity: Parameters<typeof verifyImage>[0]['identity'], imageRepository?: string) =>
      verifyImage({ repository, reference: 'v1', keys: [verifier], identity, imageRepository });
    await expect(verify(undefined, IDENTITY)).resolves.toMatchObject({ digest: image.digest });
    await expect(
      verify({ rule: 'matchRepository' }, 'registry.example.com/shop/cart-legacy'),
    ).rejects.toMatchObject({ kind: 'identity-mismatch' });
    await expect(verify({ rule: 'exactRepository', repository: IDENTITY })).resolves.toBeDefined();
    await expect(verify({ rule: 'exactRepository', repository: 'other.io/shop/cart' })).rejects.toThrow(
      /names repository registry.example.com\/shop\/cart, the policy requires other.io\/shop\/cart/,
    );
    await expect(verify({ rule: 'exactReference', reference: `${IDENTITY}:1.4.2` })).resolves.toBeDefined();
    await expect(verify({ rule: 'exactReference', reference: `${IDENTITY}:1.4.3` })).rejects.toMatchObject({
      kind: 'identity-mismatch',
    });
  });

  it('a trusted signature over another digest is a digest mismatch', async () => {
    const image = await writeImage(repository, 'v1');
    const { signer, verifier } = newKey();
    const payload = buildPayload({ dockerReference: IDENTITY, manifestDigest: `sha256:${'0'.repeat(64)}` });
    await writeRawSignature(image.digest, payload, await signer.sign(payload));
    await expect(
      verifyImage({
        repository,
        reference: 'v1',
        keys: [verifier],
        identity: { rule: 'exactRepository', repository: IDENTITY },
      }),
    ).rejects.toMatchObject({
      kind: 'digest-mismatch',
    });
  });

  it('refuses IEEE P1363 signatures and flipped bytes', async () => {
    const image = await writeImage(repository, 'v1');
    const key = { privateKey: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey };
    const signer = localSigner(key.privateKey, 'k');
    const verifier = publicKeyVerifier(signer.publicKey, 'k');
    const payload = buildPayload({ dockerReference: IDENTITY, manifestDigest: image.digest });
    const der = await signer.sign(payload);
    // The same key's signature in IEEE P1363 form (r‖s): valid maths, refused encoding.
    const raw = nodeSign('sha256', payload, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    await writeRawSignature(image.digest, payload, raw);
    const error = (await verifyImage({
      repository,
      reference: 'v1',
      keys: [verifier],
      identity: { rule: 'exactRepository', repository: IDENTITY },
    }).catch((e: unknown) => e)) as VerificationError;
    expect(error.kind).toBe('not-der');
    expect(error.oneLine()).toMatch(/IEEE P1363/);
    const flipped = Uint8Array.from(der);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    await writeRawSignature(image.digest, payload, flipped);
    await expect(
      verifyImage({
        repository,
        reference: 'v1',
        keys: [verifier],
        identity: { rule: 'exactRepository', repository: IDENTITY },
      }),
    ).rejects.toMatchObject({ kind: 'untrusted-key' });
    const tampered = Buffer.from(payload);
    tampered[tampered.length - 3] = 0x4e; // "null" → "nuNl"
    await writeRawSignature(image.digest, tampered, der);
    await expect(
      verifyImage({
        repository,
        reference: 'v1',
        keys: [verifier],
        identity: { rule: 'exactRepository', repository: IDENTITY },
      }),
    ).rejects.toMatchObject({ kind: 'untrusted-key' });
  });
});
