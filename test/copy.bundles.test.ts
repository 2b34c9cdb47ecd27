// `copy --with-signatures` carrying Sigstore bundle referrers (cosign 3 signatures and attestations):
// between real registries without the referrers API (distribution 2.8: the `sha256-<hex>` fallback index)
// and through an OCI layout. The bundles are sigstore-js' own, and sigstore-js' Verifier checks them again
// where they arrive.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  copyImage,
  type ImageRepository,
  LayoutRepository,
  parseManifest,
  RegistryRepository,
  referrersTag,
  type StoredManifest,
} from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage, indexOf, readAll, sha256, writeImage } from '../bench/copy/image.js';
import { withCleanup } from './support/cleanup.js';
import { startGitHubOidc } from './support/githubOidc.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import {
  BUNDLE_MEDIA_TYPE,
  COSIGN_SIGN_PREDICATE,
  inTotoStatement,
  putBundleReferrer,
  SLSA_PROVENANCE_PREDICATE,
  sigstoreJsKeyless,
  verifyWithSigstoreJs,
} from './support/sigstoreBundles.js';
import { type SigstoreServices, startSigstoreServices } from './support/sigstoreServer.js';

const available = registryBinaries().registry;

let dir: string;
let one: TestRegistry;
let two: TestRegistry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-copy-bundles-'));
  if (!available) return;
  [one, two] = await Promise.all([startRegistry(), startRegistry()]);
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

function repo(host: string, path: string): RegistryRepository {
  return new RegistryRepository(host, path, { env: { HOME: join(dir, 'home'), PATH: process.env.PATH } });
}

/** The fallback index cosign 3 keeps under `sha256-<hex>` where a registry has no referrers API. */
function fallbackIndex(entries: readonly object[]): StoredManifest {
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: indexOf([]).mediaType, manifests: entries }),
  );
  return { digest: sha256(bytes), mediaType: indexOf([]).mediaType, bytes: new Uint8Array(bytes) };
}

interface Signed {
  readonly subject: { mediaType: string; digest: string; size: number };
  /** The referrers written, with their bundle bytes. */
  readonly referrers: readonly { manifest: StoredManifest; bundle: Uint8Array; predicateType: string }[];
}

/** An image in `repository` with a keyless signature and a provenance attestation as bundle referrers. */
async function signedImage(
  repository: ImageRepository,
  services: SigstoreServices,
  sign: (statement: Uint8Array) => Promise<Uint8Array>,
): Promise<Signed> {
  const image = generateImage({ layerSizes: [2000] });
  await writeImage(repository, image, ['v1']);
  const subject = {
    mediaType: image.manifest.mediaType,
    digest: image.manifest.digest,
    size: image.manifest.bytes.byteLength,
  };
  const referrers = [];
  const entries = [];
  for (const predicateType of [COSIGN_SIGN_PREDICATE, SLSA_PROVENANCE_PREDICATE]) {
    const bundle = await sign(
      inTotoStatement({ name: `${repository.name}`, digest: subject.digest, predicateType }),
    );
    const stored = await putBundleReferrer({ repository, subject, bundle, predicateType });
    referrers.push({ manifest: stored, bundle, predicateType });
    entries.push(stored.descriptor);
  }
  await repository.putManifest(fallbackIndex(entries), [referrersTag(subject.digest)]);
  expect(services.requests.filter((path) => path === '/api/v1/timestamp')).toHaveLength(2);
  return { subject, referrers };
}

/** Each referrer is at `target` byte for byte (manifest and bundle) and its bundle verifies there. */
async function expectBundlesAt(
  target: ImageRepository,
  signed: Signed,
  services: SigstoreServices,
): Promise<void> {
  const listed = await target.referrers(signed.subject.digest, BUNDLE_MEDIA_TYPE);
  for (const { manifest, bundle, predicateType } of signed.referrers) {
    const copied = await target.getManifest(manifest.digest);
    expect(Buffer.from(copied?.bytes ?? []).equals(Buffer.from(manifest.bytes))).toBe(true);
    const parsed = parseManifest(manifest.bytes, manifest.mediaType);
    const layer = parsed.kind === 'manifest' ? parsed.layers[0] : undefined;
    const blob = await readAll((await target.getBlob(layer?.digest ?? '')).stream);
    expect(blob.equals(Buffer.from(bundle))).toBe(true);
    expect(listed.find((entry) => entry.digest === manifest.digest)).toMatchObject({
      artifactType: BUNDLE_MEDIA_TYPE,
      annotations: { 'dev.sigstore.bundle.predicateType': predicateType },
    });
    await expect(verifyWithSigstoreJs(services, new Uint8Array(blob))).resolves.toMatchObject({
      subjectAlternativeName: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main',
    });
  }
}

/** The digests the `sha256-<hex>` fallback index at `repository` lists. */
async function fallbackEntries(repository: ImageRepository, subject: string): Promise<string[]> {
  const index = await repository.getManifest(referrersTag(subject));
  if (index === undefined) return [];
  const parsed = parseManifest(index.bytes, index.mediaType);
  return parsed.kind === 'index' ? parsed.manifests.map((entry) => entry.digest) : [];
}

describe.skipIf(!available)('copy --with-signatures carries Sigstore bundle referrers', () => {
  it('registry to registry: both bundles arrive byte for byte, the target fallback index keeps its own entries', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      const sign = sigstoreJsKeyless(services, oidc);
      const source = repo(one.host, 'shop/cart');
      const signed = await signedImage(source, services, sign);

      // The target already lists a referrer of that image of its own (signed there earlier).
      const target = repo(two.host, 'prod/cart');
      const bundle = await sign(inTotoStatement({ name: 'prod/cart', digest: signed.subject.digest }));
      const own = await putBundleReferrer({
        repository: target,
        subject: signed.subject,
        bundle,
        predicateType: COSIGN_SIGN_PREDICATE,
        created: '2026-12-04T00:00:00Z',
      });
      await target.putManifest(fallbackIndex([own.descriptor]), [referrersTag(signed.subject.digest)]);

      await copyImage({ from: source, reference: 'v1', to: target, tags: ['v1'], withSignatures: true });

      await expectBundlesAt(target, signed, services);
      expect((await fallbackEntries(target, signed.subject.digest)).sort()).toEqual(
        [own.digest, ...signed.referrers.map((r) => r.manifest.digest)].sort(),
      );
      // Copying again adds nothing twice.
      await copyImage({ from: source, reference: 'v1', to: target, tags: ['v1'], withSignatures: true });
      expect(await fallbackEntries(target, signed.subject.digest)).toHaveLength(3);
    });
  });

  it('registry to an OCI layout and on to another registry: the bundles and their listing survive both hops', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      const source = repo(one.host, 'shop/api');
      const signed = await signedImage(source, services, sigstoreJsKeyless(services, oidc));

      const layout = new LayoutRepository(join(dir, 'api-layout'));
      await copyImage({ from: source, reference: 'v1', to: layout, tags: ['v1'], withSignatures: true });
      await expectBundlesAt(layout, signed, services);

      const target = repo(two.host, 'mirror/api');
      await copyImage({ from: layout, reference: 'v1', to: target, tags: ['v1'], withSignatures: true });
      await expectBundlesAt(target, signed, services);
      expect((await fallbackEntries(target, signed.subject.digest)).sort()).toEqual(
        signed.referrers.map((r) => r.manifest.digest).sort(),
      );
    });
  });

  it('a source fallback index that still lists a deleted referrer: the others are copied and listed', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      const source = repo(one.host, 'shop/web');
      const signed = await signedImage(source, services, sigstoreJsKeyless(services, oidc));
      // Deleted by digest; cosign leaves the fallback index as it was, so it names a manifest that is gone.
      const [kept, deleted] = signed.referrers as [Signed['referrers'][0], Signed['referrers'][0]];
      const answer = await fetch(`${one.url}/v2/shop/web/manifests/${deleted.manifest.digest}`, {
        method: 'DELETE',
      });
      expect(answer.status).toBe(202);

      const target = repo(two.host, 'mirror/web');
      await copyImage({ from: source, reference: 'v1', to: target, tags: ['v1'], withSignatures: true });
      await expectBundlesAt(target, { subject: signed.subject, referrers: [kept] }, services);
      expect(await fallbackEntries(target, signed.subject.digest)).toEqual([kept.manifest.digest]);
      expect((await target.resolve('v1'))?.digest).toBe(signed.subject.digest);
    });
  });
});
