// Keyed `.sig` signatures logged in Rekor v1, as cosign 2 `sign --key --tlog-upload` writes them: against a
// real registry (distribution 2.8) and the loopback Sigstore fakes. The proof is checked independently by
// python3-cryptography (the signed entry timestamp over cosign's canonical JSON) and by verifyImage with the
// fakes' trusted root.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { type ImageRepository, RegistryRepository } from '@slipway/oci';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../../test/support/faultProxy.js';
import { registryBinaries, startRegistry, type TestRegistry } from '../../../test/support/registry.js';
import { python, pythonCryptoAvailable } from '../../../test/support/signInterop.js';
import { type SigstoreServices, startSigstoreServices } from '../../../test/support/sigstoreServer.js';
import {
  buildPayload,
  bytesBlob,
  encodeSignatureManifest,
  type LayerJson,
  loadTrustRoot,
  logLayerSignature,
  OCI_MANIFEST,
  parseSignatureManifest,
  REKOR_BUNDLE_ANNOTATION,
  readBlob,
  SIGNATURE_ANNOTATION,
  type Signer,
  signatureTag,
  signImage,
  type TrustRoot,
  VerificationError,
  verifyImage,
} from '../src/index.js';
import { newKey, sha256, writeImage, writeIndex } from './helpers.js';

const skip = !process.env.CI && !registryBinaries().registry;
const ENTRIES = '/api/v1/log/entries';

let dir: string;
let env: NodeJS.ProcessEnv;
let registry: TestRegistry;
let services: SigstoreServices;
let trustRoot: TrustRoot;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-sign-tlog-'));
  env = { HOME: join(dir, 'home'), PATH: process.env.PATH };
  if (!skip) registry = await startRegistry();
});
beforeEach(async () => {
  services = await startSigstoreServices();
  trustRoot = await loadTrustRoot({
    kind: 'json',
    bytes: Buffer.from(JSON.stringify(services.trustedRoot)),
    where: services.trustedRootPath,
  });
});
afterEach(async () => {
  await services?.close();
});
afterAll(async () => {
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function freshImage(): Promise<{ repository: ImageRepository; digest: string }> {
  const repository = new RegistryRepository(registry.host, `shop/app-${randomBytes(4).toString('hex')}`, {
    env,
  });
  const { digest } = await writeImage(repository, 'v1');
  return { repository, digest };
}

async function sigLayers(repository: ImageRepository, digest: string): Promise<LayerJson[]> {
  const manifest = await repository.getManifest(signatureTag(digest));
  if (manifest === undefined) throw new Error(`no ${signatureTag(digest)}`);
  return [...parseSignatureManifest(manifest.bytes, 'test').layers];
}

/** Rewrites the `.sig` manifest with `layers` (a writer with registry access tampering with it). */
async function putSigLayers(repository: ImageRepository, digest: string, layers: LayerJson[]) {
  const encoded = encodeSignatureManifest(layers, undefined);
  await repository.putBlob(encoded.configDescriptor, bytesBlob(encoded.config));
  await repository.putManifest(
    { digest: encoded.manifestDigest, mediaType: OCI_MANIFEST, bytes: encoded.manifest },
    [signatureTag(digest)],
  );
}

interface Proof {
  SignedEntryTimestamp: string;
  Payload: { body: string; integratedTime: number; logIndex: number; logID: string };
}

function proofOf(layer: LayerJson | undefined): Proof {
  const text = layer?.annotations?.[REKOR_BUNDLE_ANNOTATION];
  if (text === undefined) throw new Error('the layer has no Rekor proof');
  return JSON.parse(text) as Proof;
}

interface HashedRekord {
  kind: string;
  apiVersion: string;
  spec: {
    data: { hash: { algorithm: string; value: string } };
    signature: { content: string; publicKey: { content: string } };
  };
}

function entryBody(proof: Proof): HashedRekord {
  return JSON.parse(Buffer.from(proof.Payload.body, 'base64').toString('utf8')) as HashedRekord;
}

function rekorKeyDer(): string {
  const [tlog] = services.trustedRoot.tlogs as { publicKey: { rawBytes: string } }[];
  if (tlog === undefined) throw new Error('the trusted root lists no log');
  return tlog.publicKey.rawBytes;
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe.skipIf(skip)('keyed .sig signatures logged in Rekor', () => {
  it('logs a hashedrekord of the layer and keeps cosign 2 proof in the layer annotation', async () => {
    const { repository, digest } = await freshImage();
    const { signer } = newKey();
    const result = await signImage({ repository, digest, signer, tlog: { rekorUrl: services.rekorUrl } });
    expect(result.added).toBe(true);
    expect(services.requests.filter((path) => path === ENTRIES)).toHaveLength(1);
    const [layer] = await sigLayers(repository, digest);
    const proof = proofOf(layer);
    expect(Object.keys(proof)).toEqual(['SignedEntryTimestamp', 'Payload']);
    expect(Object.keys(proof.Payload)).toEqual(['body', 'integratedTime', 'logIndex', 'logID']);
    const body = entryBody(proof);
    expect(body).toMatchObject({ kind: 'hashedrekord', apiVersion: '0.0.1' });
    // The entry is the layer's: the payload blob's hash, the layer's signature, the signer's key.
    expect(`sha256:${body.spec.data.hash.value}`).toBe(layer?.digest);
    expect(body.spec.signature.content).toBe(layer?.annotations?.[SIGNATURE_ANNOTATION]);
    expect(Buffer.from(body.spec.signature.publicKey.content, 'base64').toString('utf8')).toBe(
      signer.publicKeyPem,
    );
    const payload = Buffer.from(await readBlob(repository, layer?.digest ?? '', 1 << 20));
    expect(sha256(payload)).toBe(`sha256:${body.spec.data.hash.value}`);
  });

  it.skipIf(!pythonCryptoAvailable())(
    "the signed entry timestamp verifies with the log's key (python3-cryptography)",
    async () => {
      const { repository, digest } = await freshImage();
      const { signer } = newKey();
      await signImage({ repository, digest, signer, tlog: { rekorUrl: services.rekorUrl } });
      const [layer] = await sigLayers(repository, digest);
      const annotation = layer?.annotations?.[REKOR_BUNDLE_ANNOTATION];
      const checked = await python<{ setValid: boolean; logIdIsKeyHash: boolean; integerFields: boolean }>({
        op: 'rekor-set',
        annotation,
        rekorKeyDer: rekorKeyDer(),
      });
      expect(checked).toMatchObject({ setValid: true, logIdIsKeyHash: true, integerFields: true });
      // The check can fail: one changed digit of the log index and the timestamp no longer holds.
      const proof = proofOf(layer);
      const moved = JSON.stringify({
        ...proof,
        Payload: { ...proof.Payload, logIndex: proof.Payload.logIndex + 1 },
      });
      const broken = await python<{ setValid: boolean }>({
        op: 'rekor-set',
        annotation: moved,
        rekorKeyDer: rekorKeyDer(),
      });
      expect(broken.setValid).toBe(false);
    },
  );

  it('verifyImage with the trusted root accepts the logged signature', async () => {
    const { repository, digest } = await freshImage();
    const { signer, verifier } = newKey();
    await signImage({ repository, digest, signer, tlog: { rekorUrl: services.rekorUrl } });
    const result = await verifyImage({ repository, reference: 'v1', keys: [verifier], trustRoot });
    expect(result.verified).toHaveLength(1);
    expect(result.verified[0]).toMatchObject({ format: 'simple-signing', signedBy: verifier.fingerprint });
  });

  it("refuses a layer whose proof was swapped for another signature's entry", async () => {
    const { signer, verifier } = newKey();
    const first = await freshImage();
    const second = await freshImage();
    await signImage({ ...first, signer, tlog: { rekorUrl: services.rekorUrl } });
    await signImage({ ...second, signer, tlog: { rekorUrl: services.rekorUrl } });
    const [ours] = await sigLayers(first.repository, first.digest);
    const [theirs] = await sigLayers(second.repository, second.digest);
    if (ours === undefined || theirs === undefined) throw new Error('no layers');
    const swapped: LayerJson = {
      ...ours,
      annotations: {
        ...ours.annotations,
        [REKOR_BUNDLE_ANNOTATION]: theirs.annotations?.[REKOR_BUNDLE_ANNOTATION] ?? '',
      },
    };
    await putSigLayers(first.repository, first.digest, [swapped]);
    const error = await refusal(
      verifyImage({ repository: first.repository, reference: 'v1', keys: [verifier], trustRoot }),
    );
    expect(error).toBeInstanceOf(VerificationError);
    expect((error as VerificationError).kind).toBe('tampered');
    expect((error as VerificationError).rejected[0]?.detail).toMatch(/signature mismatch|digest mismatch/);
    // Without a trusted root the key alone decides, as before: the proof is not read.
    const keyOnly = await verifyImage({ repository: first.repository, reference: 'v1', keys: [verifier] });
    expect(keyOnly.verified).toHaveLength(1);
  });

  it('refuses a proof whose entry names another key than the one that signed', async () => {
    const { repository, digest } = await freshImage();
    const { signer, verifier } = newKey();
    const other = newKey('other key');
    await signImage({ repository, digest, signer });
    const [layer] = await sigLayers(repository, digest);
    if (layer === undefined) throw new Error('no layer');
    const payload = await readBlob(repository, layer.digest, 1 << 20);
    const signature = Buffer.from(layer.annotations?.[SIGNATURE_ANNOTATION] ?? '', 'base64');
    // The same hash and signature logged under another key (the fake Rekor does not check the signature).
    const stranger: Signer = { ...signer, publicKeyPem: other.signer.publicKeyPem };
    const proof = await logLayerSignature({
      payload,
      signature,
      signer: stranger,
      tlog: { rekorUrl: services.rekorUrl },
    });
    await putSigLayers(repository, digest, [{ ...layer, annotations: { ...layer.annotations, ...proof } }]);
    const error = await refusal(verifyImage({ repository, reference: 'v1', keys: [verifier], trustRoot }));
    expect(error).toBeInstanceOf(VerificationError);
    expect((error as VerificationError).kind).toBe('tampered');
    expect((error as VerificationError).rejected[0]?.detail).toContain(
      `the Rekor entry names key ${other.verifier.fingerprint.slice(0, 16)}`,
    );
  });

  it('refuses a keyed layer whose proof cannot be read, rather than ignore it', async () => {
    const { repository, digest } = await freshImage();
    const { signer, verifier } = newKey();
    await signImage({ repository, digest, signer, tlog: { rekorUrl: services.rekorUrl } });
    const [layer] = await sigLayers(repository, digest);
    if (layer === undefined) throw new Error('no layer');
    const proof = proofOf(layer);
    const dsse = Buffer.from(JSON.stringify({ ...entryBody(proof), kind: 'dsse' })).toString('base64');
    for (const [broken, detail] of [
      ['{"SignedEntryTimestamp":', /not JSON/],
      [
        JSON.stringify({ ...proof, Payload: { ...proof.Payload, body: dsse } }),
        /is a dsse, not a hashedrekord/,
      ],
    ] as const) {
      await putSigLayers(repository, digest, [
        { ...layer, annotations: { ...layer.annotations, [REKOR_BUNDLE_ANNOTATION]: broken } },
      ]);
      const error = await refusal(verifyImage({ repository, reference: 'v1', keys: [verifier], trustRoot }));
      expect(error).toBeInstanceOf(VerificationError);
      expect((error as VerificationError).kind).toBe('invalid-payload');
      expect((error as VerificationError).rejected[0]?.detail).toMatch(detail);
    }
  });

  it('refuses a proof signed by a log the trusted root does not list', async () => {
    const { repository, digest } = await freshImage();
    const { signer, verifier } = newKey();
    const elsewhere = await startSigstoreServices();
    try {
      await signImage({ repository, digest, signer, tlog: { rekorUrl: elsewhere.rekorUrl } });
    } finally {
      await elsewhere.close();
    }
    const error = await refusal(verifyImage({ repository, reference: 'v1', keys: [verifier], trustRoot }));
    expect(error).toBeInstanceOf(VerificationError);
    expect((error as VerificationError).kind).toBe('tampered');
  });

  it('Rekor down: a SlipwayError naming Rekor, and nothing written to the registry', async () => {
    const { repository, digest } = await freshImage();
    const { signer } = newKey();
    services.failNext(ENTRIES, 503, 10);
    const error = await refusal(
      signImage({ repository, digest, signer, tlog: { rekorUrl: services.rekorUrl, timeoutMs: 5000 } }),
    );
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).message).toMatch(
      /^Rekor answered HTTP 503 when asked to log the signature/,
    );
    expect((error as SlipwayError).where).toBe(services.rekorUrl);
    expect(await repository.resolve(signatureTag(digest))).toBeUndefined();
    // Nor the payload blob: the signature is logged before any upload.
    const payload = buildPayload({ dockerReference: repository.name, manifestDigest: digest });
    expect(await refusal(repository.getBlob(sha256(payload)))).toMatchObject({ kind: 'not-found' });
  });

  it('signing again adds nothing and asks Rekor nothing, with or without a proof already there', async () => {
    const { signer } = newKey();
    const logged = await freshImage();
    await signImage({ ...logged, signer, tlog: { rekorUrl: services.rekorUrl } });
    const again = await signImage({ ...logged, signer, tlog: { rekorUrl: services.rekorUrl } });
    expect(again.added).toBe(false);
    const plain = await freshImage();
    await signImage({ ...plain, signer });
    const proofless = await signImage({ ...plain, signer, tlog: { rekorUrl: services.rekorUrl } });
    expect(proofless.added).toBe(false);
    expect(services.requests.filter((path) => path === ENTRIES)).toHaveLength(1);
    expect(await sigLayers(plain.repository, plain.digest)).toHaveLength(1);
  });

  it('another signer writing the tag meanwhile: both signatures logged once each, both proofs kept', async () => {
    const path = `shop/contended-${randomBytes(4).toString('hex')}`;
    const direct = new RegistryRepository(registry.host, path, { env });
    const { digest } = await writeImage(direct, 'v1');
    const ours = newKey('ours');
    const theirs = newKey('theirs');
    const tlog = { rekorUrl: services.rekorUrl };
    const proxy = await startFaultProxy(registry.url);
    let other: Promise<unknown> | undefined;
    try {
      // Our first check of the tag waits until the other signer, bypassing the proxy, has written it: we
      // start over, with the entry Rekor gave us the first time.
      proxy.setFaults((request) => {
        if (request.method === 'GET' && request.kind === 'manifest' && request.nth === 2) {
          other = signImage({ repository: direct, digest, signer: theirs.signer, tlog });
          return { hold: other };
        }
        return 'pass';
      });
      const proxied = new RegistryRepository(proxy.host, path, { env });
      const result = await signImage({
        repository: proxied,
        digest,
        signer: ours.signer,
        tlog,
        identity: direct.name,
      });
      expect(result.added).toBe(true);
      await expect(other).resolves.toMatchObject({ added: true });
    } finally {
      await proxy.stop();
    }
    expect(services.requests.filter((request) => request === ENTRIES)).toHaveLength(2);
    const layers = await sigLayers(direct, digest);
    expect(layers).toHaveLength(2);
    for (const key of [ours, theirs]) {
      const verified = await verifyImage({
        repository: direct,
        reference: 'v1',
        keys: [key.verifier],
        trustRoot,
      });
      expect(verified.verified).toHaveLength(1);
    }
  });

  it('recursive: each platform manifest gets its own entry', async () => {
    const repository = new RegistryRepository(registry.host, `shop/multi-${randomBytes(4).toString('hex')}`, {
      env,
    });
    const { digest, children } = await writeIndex(repository, 'v1');
    const { signer, verifier } = newKey();
    const result = await signImage({
      repository,
      digest,
      signer,
      recursive: true,
      tlog: { rekorUrl: services.rekorUrl },
    });
    expect(result.children.map((child) => child.digest).sort()).toEqual([...children].sort());
    const indexes = new Set<number>();
    for (const signed of [digest, ...children]) {
      const [layer] = await sigLayers(repository, signed);
      const proof = proofOf(layer);
      expect(`sha256:${entryBody(proof).spec.data.hash.value}`).toBe(layer?.digest);
      indexes.add(proof.Payload.logIndex);
      const verified = await verifyImage({ repository, reference: signed, keys: [verifier], trustRoot });
      expect(verified.verified).toHaveLength(1);
    }
    expect(indexes.size).toBe(3);
  });
});
